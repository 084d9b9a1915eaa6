import { parseBasicAuthorization } from './basic-auth.strategy.js';
import { constantTimeEqual } from './secrets.js';

/**
 * Whether an `Authorization` header carries the admin Basic pair, for the routes served outside
 * Nest's guards (the queue board, the worker's metrics port). Both halves are always compared, so
 * the time taken says nothing about which one was wrong.
 */
export function isAdminAuthorization(
  header: string | string[] | undefined,
  admin: { user: string; password: string } | undefined,
): boolean {
  const credentials = parseBasicAuthorization(header);
  if (admin === undefined || credentials === undefined) return false;
  const userMatches = constantTimeEqual(credentials.user, admin.user);
  const passwordMatches = constantTimeEqual(credentials.password, admin.password);
  return userMatches && passwordMatches;
}

import { isAdminAuthorization } from '../common/auth/admin-credentials.js';
import { challenges } from '../common/auth/realms.js';
import { matchesSecretDigest, secretDigest } from '../common/auth/secrets.js';

/** What `/metrics` answers a 401 with: either credential will do. */
export const METRICS_CHALLENGE = `${challenges.admin}, Bearer realm="metrics"`;

/**
 * Who may read `/metrics`, on the API's port and on a worker's METRICS_PORT alike: a scraper with
 * `Authorization: Bearer <METRICS_TOKEN>` (what Prometheus' `authorization` setting sends), or the
 * admin with Basic. Neither configured: nobody. The token is hashed once, here.
 */
export class MetricsAccess {
  private readonly tokenDigest: Buffer | undefined;

  constructor(
    token: string | undefined,
    private readonly admin: { user: string; password: string } | undefined,
  ) {
    this.tokenDigest = token === undefined ? undefined : secretDigest(token);
  }

  /**
   * The failure count a wrong credential of this header belongs to: the admin password shares one
   * with every other admin door, the token has its own (`FailureLimiter`).
   */
  static failureCheck(authorization: string | string[] | undefined): string {
    return typeof authorization === 'string' && /^Bearer /i.test(authorization) ? 'metrics-token' : 'admin-basic';
  }

  allows(authorization: string | string[] | undefined): boolean {
    if (typeof authorization !== 'string') return false;
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (bearer) return this.tokenDigest !== undefined && matchesSecretDigest(bearer[1], this.tokenDigest);
    return isAdminAuthorization(authorization, this.admin);
  }
}

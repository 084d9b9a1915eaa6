import { STATUS_CODES } from 'node:http';
import type { ErrorEntry } from '../common/errors/api-error.js';
import type { ErrorFormat } from '../common/errors/error-formats.js';
import { MAX_STREAM_NAME_LENGTH } from './event-rules.js';

export const EVENTS_PREFIX = '/api/v1/';

/**
 * The seed's wire format: every error body is one JSON string, `"<reason> - <detail>"`, with the
 * bare reason where the seed's tables give no detail.
 */
export function eventsErrorBody(status: number, errors: ErrorEntry[]): string {
  switch (status) {
    case 401:
      return 'Unauthorized';
    case 413:
      return 'Payload Too Large';
    case 500:
      // The filter's 500 message already is "Internal Server Error - <request id>".
      return errors[0]?.message ?? 'Internal Server Error';
  }
  const reason = STATUS_CODES[status] ?? 'Error';
  const detail = errors.map((entry) => describe(status, entry)).join('; ');
  return detail === '' ? reason : `${reason} - ${detail}`;
}

function describe(status: number, entry: ErrorEntry): string {
  // Fastify refuses an unknown Content-Type with 415 before any route runs; the spec wants a 400.
  if (entry.code === 415) return 'Content-Type: must be application/json';
  if (status === 400 && entry.code === 404) {
    return `stream name: must be at most ${MAX_STREAM_NAME_LENGTH} characters`;
  }
  return entry.field ? `${entry.field}: ${entry.message}` : entry.message;
}

/**
 * 415 is not in the seed's tables (a bad Content-Type is a 400 there); a stream name too long for
 * the router (over its 500-character parameter limit) is reported like any name over 200.
 */
export function eventsErrorStatus(status: number, path: string): number {
  if (status === 415) return 400;
  if (status === 404 && isOverlongStreamPath(path)) return 400;
  return status;
}

function isOverlongStreamPath(path: string): boolean {
  const match = /^\/api\/v1\/streams\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return false;
  try {
    return decodeURIComponent(match[1]).length > MAX_STREAM_NAME_LENGTH;
  } catch {
    return false;
  }
}

export const eventsErrorFormat: ErrorFormat = {
  prefix: EVENTS_PREFIX,
  body: eventsErrorBody,
  status: eventsErrorStatus,
};

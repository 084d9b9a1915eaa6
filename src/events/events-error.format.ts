import { STATUS_CODES } from 'node:http';
import type { ErrorEntry } from '../common/errors/api-error.js';
import type { ErrorFormat } from '../common/errors/error-formats.js';

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
  const detail = errors.map(describe).join('; ');
  return detail === '' ? reason : `${reason} - ${detail}`;
}

function describe(entry: ErrorEntry): string {
  // Fastify refuses an unknown Content-Type with 415 before any route runs; the spec wants a 400.
  if (entry.code === 415) return 'Content-Type: must be application/json';
  return entry.field ? `${entry.field}: ${entry.message}` : entry.message;
}

/** 415 is not in the seed's tables: a Content-Type other than JSON is a 400 there. */
export function eventsErrorStatus(status: number): number {
  return status === 415 ? 400 : status;
}

export const eventsErrorFormat: ErrorFormat = {
  prefix: EVENTS_PREFIX,
  body: eventsErrorBody,
  status: eventsErrorStatus,
};

import { ApiError } from '../common/errors/api-error.js';

/** Producer and consumer ids: 1-128 letters, digits, `.`, `_`, `:`, `-` (spec, "append"). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const CLIENT_ID_RULE = "1 to 128 letters, digits, '.', '_', ':' or '-'";

export const MAX_STREAM_NAME_LENGTH = 200;
export const MAX_EVENT_NAME_LENGTH = 200;
export const MAX_CONSUME_LIMIT = 1000;
export const MAX_WAIT_SECONDS = 30;

export const PRODUCER_HEADER = 'x-producer-id';
export const CONSUMER_HEADER = 'x-consumer-id';

/** The error message the spec's 423 row prescribes (the filter's format prefixes "Locked - "). */
export const SECOND_WRITER_MESSAGE = 'Second writers not allowed';

/** Why a stream name is refused, or undefined when it is acceptable (already URL-decoded). */
export function streamNameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name.length === 0) return 'must not be empty';
  if (name.length > MAX_STREAM_NAME_LENGTH) return `must be at most ${MAX_STREAM_NAME_LENGTH} characters`;
  if (name.includes('/')) return "must not contain '/'";
  return undefined;
}

/** The stream name of a route, or a 400 naming it. */
export function requireStreamName(name: string | undefined): string {
  const problem = streamNameProblem(name);
  if (problem !== undefined) throw ApiError.badRequest(problem, { field: 'streamName' });
  return name as string;
}

/** The producer or consumer id header, or a 400 naming it. Repeated headers are refused too. */
export function requireClientId(headers: Record<string, string | string[] | undefined>, header: string): string {
  const value = headers[header];
  if (typeof value !== 'string' || !CLIENT_ID_PATTERN.test(value)) {
    const name = header === PRODUCER_HEADER ? 'X-Producer-ID' : 'X-Consumer-ID';
    const message = value === undefined ? `required header, ${CLIENT_ID_RULE}` : `must be ${CLIENT_ID_RULE}`;
    throw ApiError.badRequest(message, { field: name });
  }
  return value;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | string[] | undefined): string | undefined {
  if (typeof contentType !== 'string') return undefined;
  return contentType.split(';')[0].trim().toLowerCase();
}

/** A 400 unless the request's body is declared as one of `accepted`. */
export function requireMediaType(contentType: string | string[] | undefined, accepted: string[]): void {
  if (!accepted.includes(mediaType(contentType) ?? '')) {
    throw ApiError.badRequest(`must be ${accepted.join(' or ')}`, { field: 'Content-Type' });
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event id of an acknowledgement, lower-cased, or a 400. */
export function requireEventId(id: string | undefined): string {
  if (id === undefined || !UUID_PATTERN.test(id)) throw ApiError.badRequest('must be a UUID', { field: 'eventId' });
  return id.toLowerCase();
}

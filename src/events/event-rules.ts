import { Transform } from 'class-transformer';
import { DateTime, IANAZone } from 'luxon';
import { ApiError } from '../common/errors/api-error.js';
import { isUuid } from '../common/http/id-pipes.js';
import { STORABLE_TEXT_RULE, isStorableText } from '../common/input/storable-text.js';

/** Producer and consumer ids: 1-128 letters, digits, `.`, `_`, `:`, `-` (spec, "append"). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const CLIENT_ID_RULE = "1 to 128 letters, digits, '.', '_', ':' or '-'";

export const MAX_STREAM_NAME_LENGTH = 200;
export const MAX_EVENT_NAME_LENGTH = 200;
/** `events.version` is a 4-byte integer column. */
export const MAX_EVENT_VERSION = 2_147_483_647;
/**
 * How deep a stored JSON value may nest. `JSON.stringify` recurses and overflows the call stack a
 * few thousand levels down (PostgreSQL's jsonb parser some tens of thousands down): an event
 * payload has no need for more than a few dozen.
 */
export const MAX_JSON_DEPTH = 512;
export const MAX_CONSUME_LIMIT = 1000;
/** Sequences, offsets and positions a request may name: the largest exact integer (they are counts from 1). */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;
export const MAX_WAIT_SECONDS = 30;

export const PRODUCER_HEADER = 'x-producer-id';
export const CONSUMER_HEADER = 'x-consumer-id';

/** The error message the spec's 423 row prescribes (the filter's format prefixes "Locked - "). */
export const SECOND_WRITER_MESSAGE = 'Second writers not allowed';

/** Why a stream name is refused, or undefined when it is acceptable (already URL-decoded). */
export function streamNameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name.length === 0) return 'must not be empty';
  if (name.length > MAX_STREAM_NAME_LENGTH && characterCount(name) > MAX_STREAM_NAME_LENGTH)
    return `must be at most ${MAX_STREAM_NAME_LENGTH} characters`;
  if (name.includes('/')) return "must not contain '/'";
  // `%00` decodes to NUL, which a text column refuses: a 400 here rather than a 500 from the database.
  if (!isStorableText(name)) return STORABLE_TEXT_RULE;
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

/** The event id of an acknowledgement, lower-cased, or a 400. */
export function requireEventId(id: string | undefined): string {
  if (id === undefined || !isUuid(id)) throw ApiError.badRequest('must be a UUID', { field: 'eventId' });
  return id.toLowerCase();
}

// One rule for every module: the platform's validation pipe applies it to the other routes.
export { STORABLE_TEXT_RULE, isStorableText } from '../common/input/storable-text.js';

/**
 * Why PostgreSQL could not store a JSON value, or undefined: an unstorable key or string at any
 * depth, or nesting beyond `MAX_JSON_DEPTH`. The walk keeps its own stack (a 1 MiB body can nest
 * half a million levels, deeper than the call stack) and visits each object once, as a module's
 * in-process payload may share objects.
 */
export function storableJsonProblem(root: unknown): string | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  const visited = new Set<object>();
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (typeof value === 'string') {
      if (!isStorableText(value)) return STORABLE_TEXT_RULE;
    } else if (typeof value === 'object' && value !== null && !visited.has(value)) {
      if (depth >= MAX_JSON_DEPTH) return JSON_TOO_DEEP;
      visited.add(value);
      if (Array.isArray(value)) {
        for (const item of value) pending.push({ value: item, depth: depth + 1 });
        continue;
      }
      for (const key of Object.keys(value)) {
        if (!isStorableText(key)) return STORABLE_TEXT_RULE;
        pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
  }
  return undefined;
}

const JSON_TOO_DEEP = `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * Characters as PostgreSQL counts them for `varchar(n)`: code points, so a surrogate pair counts
 * once. Never more than `text.length`.
 */
export function characterCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        i += 1;
      }
    }
  }
  return text.length - pairs;
}

// The seed's `YYYY-MM-DD HH:mm:ss` and the usual ISO 8601 shapes, read by position below.
const COMMON_DATE_TIME = /^\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d|[Tt]\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:[Zz]|[+-]\d\d:\d\d)?)$/;
const SEED_DATE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * ISO 8601 as luxon's `DateTime.fromISO` reads it, or the seed's `YYYY-MM-DD HH:mm:ss`. Luxon
 * costs microseconds per call on the append path, so the common shapes are checked here with
 * arithmetic; anything else (week and ordinal dates, basic format, bracketed zones, 24:00) goes to
 * luxon, so the accepted set is exactly luxon's.
 */
export function isParsableDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const verdict = commonDateTimeVerdict(value);
  if (verdict !== undefined) return verdict;
  // The seed's form is read as ISO with a `T`: luxon's `fromFormat` tokenises its pattern on every
  // call, six times slower.
  return DateTime.fromISO(SEED_DATE_TIME.test(value) ? value.replace(' ', 'T') : value).isValid;
}

/** Whether a common-shaped date-time is on the calendar and the clock; undefined for luxon to decide. */
function commonDateTimeVerdict(value: string): boolean | undefined {
  if (!COMMON_DATE_TIME.test(value)) return undefined;
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  // Luxon takes 24:00:00 (and a fraction under a millisecond) as the next midnight.
  if (hour === 24) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour < 24 && twoDigits(value, 14) < 60 && twoDigits(value, 17) < 60;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** Proleptic Gregorian, as luxon counts (year 0 is a leap year). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Checking a zone builds an `Intl.DateTimeFormat`, which profiling showed to be the costliest step
 * of an append; producers send a handful of zones, so the answers are kept.
 */
const knownZones = new Map<string, boolean>();

/** Whether a value names an IANA time zone (`Europe/Berlin`, `UTC`). */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value.length > 64) return false;
  let valid = knownZones.get(value);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(value);
    if (knownZones.size >= 1000) knownZones.clear();
    knownZones.set(value, valid);
  }
  return valid;
}

/** A query parameter's integer: plain decimal digits only (`1e2`, `0x10`, ` 5`, `5.0`, `+5` are not). */
const DECIMAL_DIGITS = /^[0-9]{1,15}$/;

/** The number a query parameter's plain decimal digits say, or undefined for anything else. */
export function decimalInteger(value: unknown): number | undefined {
  return typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : undefined;
}

/**
 * A query parameter read as a plain decimal integer. `Number()` (class-transformer's `@Type`) also
 * reads `1e2`, `0x10`, ` 5` and `''`; those are left as their text here, so `@IsInt` refuses them.
 */
export const DecimalInteger = () => Transform(({ value }: { value: unknown }) => decimalInteger(value) ?? value);

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const EXPECTED_SEQUENCE_HEADER = 'x-expected-sequence';
/** Idempotency-Key values: 1-255 visible ASCII characters (as Stripe's keys). */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header if sent, or a 400 naming it. */
export function optionalIdempotencyKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw ApiError.badRequest('must be 1 to 255 visible ASCII characters', { field: 'Idempotency-Key' });
  }
  return value;
}

/** A header holding a sequence (X-Expected-Sequence, Last-Event-ID) if sent: plain decimal digits, or a 400 naming it. */
export function optionalSequenceHeader(
  headers: Record<string, string | string[] | undefined>,
  header: string,
  name: string,
): number | undefined {
  const value = headers[header];
  if (value === undefined) return undefined;
  const sequence = decimalInteger(value);
  if (sequence === undefined || sequence > MAX_POSITION)
    throw ApiError.badRequest(`must be an integer from 0 to ${MAX_POSITION}`, { field: name });
  return sequence;
}

/** An event name in a path or query: 1-200 characters the store can hold, or a 400 naming `field`. */
export function requireEventName(name: string | undefined, field: string): string {
  if (name === undefined || name === '') throw ApiError.badRequest('must be a non-empty string', { field });
  if (characterCount(name) > MAX_EVENT_NAME_LENGTH)
    throw ApiError.badRequest(`must be at most ${MAX_EVENT_NAME_LENGTH} characters`, { field });
  if (!isStorableText(name)) throw ApiError.badRequest(STORABLE_TEXT_RULE, { field });
  return name;
}

/** A consumer id in a path, with the header's rules, or a 400 naming it. */
export function requireConsumerIdParam(value: string | undefined): string {
  if (value === undefined || !CLIENT_ID_PATTERN.test(value))
    throw ApiError.badRequest(`must be ${CLIENT_ID_RULE}`, { field: 'consumerId' });
  return value;
}

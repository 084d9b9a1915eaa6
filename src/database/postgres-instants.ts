import pg from 'pg';

/** PostgreSQL's type id of `timestamp with time zone`. */
const TIMESTAMPTZ_OID = 1184;

const digitsAt = (text: string, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * A `timestamptz` as PostgreSQL writes it in its default ISO DateStyle
 * (`2026-12-03 06:12:11.123456+00`, `…+05:30`), read without regular expressions: node-postgres'
 * own parser (`postgres-date`, three regular expressions and a `Date` built then shifted) was the
 * largest frame of a members page after the socket (two instants per member, docs/performance.md).
 * The same `Date` as that parser, to the millisecond (a property test compares them); anything but
 * the common shape (years before 1000, BC, infinity, another DateStyle) goes to that parser.
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) {
    return defaultTimestamptz(text);
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return defaultTimestamptz(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return defaultTimestamptz(text);
  let at = 19;
  let milliseconds = 0;
  if (text.charCodeAt(at) === 46) {
    let end = at + 1;
    while (end < length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end += 1;
    // As postgres-date computes it (a fraction of a second, scaled), so both agree to the bit.
    milliseconds = 1000 * parseFloat(text.slice(at, end));
    at = end;
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return defaultTimestamptz(text);
  const offsetHours = digitsAt(text, at + 1, 2);
  let offsetSeconds = offsetHours * 3600;
  at += 3;
  for (const scale of [60, 1]) {
    if (at === length) break;
    const part = text.charCodeAt(at) === 58 ? digitsAt(text, at + 1, 2) : -1;
    if (part < 0) return defaultTimestamptz(text);
    offsetSeconds += part * scale;
    at += 3;
  }
  if (offsetHours < 0 || at !== length) return defaultTimestamptz(text);
  const offsetMs = (sign === 45 ? -1 : 1) * offsetSeconds * 1000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offsetMs);
}

const defaultTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/**
 * Type parsers for one node-postgres query (its `types` option): `parseTimestamptz` for
 * `timestamptz`, node-postgres' own for everything else.
 */
export const FAST_INSTANT_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
};

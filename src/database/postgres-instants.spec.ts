import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { parseTimestamptz } from './postgres-instants.js';

const postgresDate = createRequire(import.meta.url)('postgres-date') as (text: string) => Date | number | null;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** What PostgreSQL writes for a timestamptz in its ISO DateStyle: microseconds without trailing zeros, an offset of 2, 4 or 6 digits. */
const writtenByPostgres = fc
  .record({
    instant: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    micros: fc.integer({ min: 0, max: 999 }),
    offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -15 * 60, max: 15 * 60 })),
    offsetSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 59 })),
  })
  .map(({ instant, micros, offsetMinutes, offsetSeconds }) => {
    const offset = offsetMinutes * 60 + Math.sign(offsetMinutes || 1) * offsetSeconds;
    const local = new Date(instant.getTime() + offset * 1000);
    const fraction = `${pad(local.getUTCMilliseconds(), 3)}${pad(micros, 3)}`.replace(/0+$/, '');
    const size = Math.abs(offset);
    const zone =
      `${offset < 0 ? '-' : '+'}${pad(Math.floor(size / 3600), 2)}` +
      (size % 3600 === 0 ? '' : `:${pad(Math.floor((size % 3600) / 60), 2)}`) +
      (size % 60 === 0 ? '' : `:${pad(size % 60, 2)}`);
    const year = local.getUTCFullYear();
    return (
      `${pad(year, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)} ` +
      `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
      `${fraction === '' ? '' : `.${fraction}`}${zone}`
    );
  });

describe('parseTimestamptz', () => {
  it("reads every instant PostgreSQL writes as node-postgres' own parser does", () => {
    fc.assert(
      fc.property(writtenByPostgres, (text) => {
        expect(parseTimestamptz(text).getTime()).toBe((postgresDate(text) as Date).getTime());
      }),
      { numRuns: 5000 },
    );
  });

  it('hands what it does not read itself to that parser', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '2026-12-03T06:12:11Z']) {
      expect(parseTimestamptz(text)).toEqual(postgresDate(text));
    }
  });
});

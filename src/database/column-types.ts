import { DateUtils } from 'typeorm';
import { databaseDialect } from '../config/environment.js';

/**
 * Column types that differ between the two dialects. TypeORM validates a column's type against the
 * driver when the DataSource builds its metadata, and PostgreSQL's `timestamptz` does not exist on
 * SQLite (nor `datetime` on PostgreSQL). A process talks to one database only, so the types follow
 * that process's DATABASE_URL, read when the entities are first imported: set DATABASE_URL before
 * importing any entity (tests do it in `test/helpers/test-app.ts`).
 *
 * Everything else is portable: `jsonb` is stored as text on SQLite, `varchar`, `integer`, `bigint`,
 * `boolean`, `double precision`, `date` exist on both.
 */
const dialect = databaseDialect(process.env.DATABASE_URL?.trim() || undefined);

export const columnTypes = {
  /** An instant: `timestamptz` on PostgreSQL, an ISO text in UTC on SQLite. */
  timestamp: dialect === 'postgres' ? 'timestamptz' : 'datetime',
  json: 'jsonb',
} as const;

export const isPostgres = dialect === 'postgres';

/** An instant read back from a timestamp column: PostgreSQL gives a Date, SQLite the UTC text TypeORM stored (`2026-11-22 10:15:30.000`). */
export function instantOf(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/** An instant as raw SQL must write it into a timestamp column on SQLite: the UTC text TypeORM writes for the entities. */
export function sqliteInstantText(date: Date): string {
  return DateUtils.mixedDateToUtcDatetimeString(date) as string;
}

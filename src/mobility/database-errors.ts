import { QueryFailedError } from 'typeorm';

/**
 * Whether a failed query broke the named unique index: PostgreSQL names the constraint, SQLite
 * names the columns (`UNIQUE constraint failed: trips.rider_id`), so the caller gives both.
 */
export function isUniqueViolation(error: unknown, index: { name: string; columns: string }): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string; message?: string };
  if (driverError.code === '23505') return driverError.constraint === index.name;
  return driverError.code === 'SQLITE_CONSTRAINT_UNIQUE' && (driverError.message ?? '').includes(index.columns);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a row, and must not reach a PostgreSQL `uuid` cast. */
export const isUuid = (value: string): boolean => UUID.test(value);

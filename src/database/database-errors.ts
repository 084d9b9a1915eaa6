/**
 * Reading a failed query's cause on both dialects: PostgreSQL reports an SQLSTATE (`23505`) and the
 * constraint's name; better-sqlite3 reports `SQLITE_CONSTRAINT_*` and names the columns in its message.
 * Modules map these to their own answers (409, a retry); only the reading lives here.
 */

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

/** The driver's error, whether TypeORM wrapped it (`QueryFailedError.driverError`) or not. */
function driverErrorOf(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = error as DriverError & { driverError?: DriverError };
  return wrapped.driverError ?? wrapped;
}

/** The driver's error code of a failed query (`23505`, `SQLITE_CONSTRAINT_UNIQUE`, ...). */
export function databaseErrorCode(error: unknown): string | undefined {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a unique index or primary key refused the row. With `index`, only that index: its name on
 * PostgreSQL, its columns (`trips.rider_id`) in SQLite's message, so the caller gives both.
 */
export function isUniqueViolation(error: unknown, index?: { name: string; columns: string }): boolean {
  const driverError = driverErrorOf(error);
  const code = databaseErrorCode(error);
  if (index === undefined) return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (code === '23505') return driverError?.constraint === index.name;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(driverError?.message ?? '').includes(index.columns);
}

/** A conflict a retry resolves: a unique violation, a deadlock or a serialisation failure. */
export function isRetryableConflict(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return isUniqueViolation(error) || code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

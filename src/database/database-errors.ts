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
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && messageOf(driverError).includes(index.columns);
}

/** Whether a foreign key refused the write: a row still referenced, or a reference to no row. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A conflict a retry resolves: a unique violation, a deadlock or a serialisation failure. */
export function isRetryableConflict(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return isUniqueViolation(error) || code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/** Node's socket errors and pg's own words for a connection that is gone or cannot be had. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'SQLITE_BUSY']);
const CONNECTION_ERROR_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|connect ECONNREFUSED|read ECONNRESET|Client was closed/i;

/**
 * Whether the database could not be reached or could not keep up (rather than refusing the
 * statement): SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect
 * now), 53300 (too many connections), socket errors, the pool's connect timeout, SQLite's busy
 * writer. Answered 503 with Retry-After: the request may succeed in a moment, it did not fail.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = databaseErrorCode(error);
  if (
    code !== undefined &&
    (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code) || CONNECTION_ERROR_CODES.has(code))
  )
    return true;
  const message = messageOf(driverErrorOf(error)) || messageOf(error);
  return CONNECTION_ERROR_MESSAGES.test(message);
}

/** A thrown value's message when it has a textual one, else the empty string. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : '';
}

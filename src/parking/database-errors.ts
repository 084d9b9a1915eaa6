/** Whether a database error is a unique-index violation (PostgreSQL 23505, SQLite CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A conflict a retry resolves: a unique violation, a deadlock or a serialisation failure. */
export function isRetryableConflict(error: unknown): boolean {
  const code = driverCode(error);
  return isUniqueViolation(error) || code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

function driverCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const withDriver = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = withDriver.driverError?.code ?? withDriver.code;
  return typeof code === 'string' ? code : undefined;
}

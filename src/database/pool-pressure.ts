import type { DataSource } from 'typeorm';

/**
 * Queries waiting for a pooled connection right now (PostgreSQL's pg.Pool; 0 on SQLite, whose one
 * connection is queued by `serializeSqliteTransactions`). A queue here means the database is
 * answering slower than work arrives: every query after waits for those ahead of it.
 */
export function poolWaiting(dataSource: DataSource): number {
  const pool = (dataSource.driver as { master?: { waitingCount?: number } }).master;
  return typeof pool?.waitingCount === 'number' ? pool.waitingCount : 0;
}

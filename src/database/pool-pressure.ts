import type { DataSource } from 'typeorm';
import { pgPoolOf } from './pg-pool.js';

/**
 * Queries waiting for a pooled connection right now (PostgreSQL's pg.Pool; 0 on SQLite, whose one
 * connection is queued by `serializeSqliteTransactions`). A queue here means the database is
 * answering slower than work arrives: every query after waits for those ahead of it.
 */
export function poolWaiting(dataSource: DataSource): number {
  const waiting = pgPoolOf(dataSource)?.waitingCount;
  return typeof waiting === 'number' ? waiting : 0;
}

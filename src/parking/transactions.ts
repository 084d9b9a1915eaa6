import type { DataSource, EntityManager } from 'typeorm';

/**
 * Key of the SQLite write queue on the DataSource. A global symbol rather than a private map, so
 * that every module serialising its SQLite writes this way shares ONE queue per DataSource.
 */
const SQLITE_WRITE_QUEUE = Symbol.for('citymove.sqlite-write-queue');

type WithQueue = { [SQLITE_WRITE_QUEUE]?: Promise<unknown> };

/**
 * `dataSource.transaction(work)`, except on SQLite: TypeORM drives better-sqlite3 through one
 * connection, so two transactions opened at once nest and fail, and a lone write issued meanwhile
 * would join (and roll back with) another request's transaction. There, writes run one after the
 * other in arrival order; SQLite admits one writer at a time anyway. PostgreSQL runs them
 * concurrently, each on its own connection, and the row locks and unique indexes do the ordering.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return dataSource.transaction(work);
  const holder = dataSource as unknown as WithQueue;
  const previous = holder[SQLITE_WRITE_QUEUE] ?? Promise.resolve();
  const next = previous.then(() => dataSource.transaction(work));
  holder[SQLITE_WRITE_QUEUE] = next.catch(() => undefined);
  return next;
}

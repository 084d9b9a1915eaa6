import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction(work)`, except on SQLite: TypeORM drives better-sqlite3 through ONE
 * connection, so two transactions opened at once nest ("cannot start a transaction within a
 * transaction") and a lone statement issued meanwhile would join, and roll back with, someone
 * else's transaction. There the module's writes run one after the other, in arrival order; SQLite
 * admits one writer at a time anyway. PostgreSQL runs them concurrently, each on its own connection.
 */
export function runSerializedOnSqlite<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(() => dataSource.transaction(work));
  sqliteQueues.set(dataSource, next.catch(() => undefined));
  return next;
}

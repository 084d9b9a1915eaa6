import type { DataSource, EntityManager } from 'typeorm';
import { TransactionContext } from './transaction-context.js';

type TransactionWork = (manager: EntityManager) => Promise<unknown>;

/**
 * On SQLite, runs the DataSource's transactions one after another, in arrival order.
 *
 * TypeORM drives better-sqlite3 through ONE connection (one query runner), so two transactions
 * opened at once interleave on it: the second BEGIN becomes a savepoint of the first, their
 * commits and rollbacks cross, and concurrent requests fail with "cannot start a transaction
 * within a transaction". SQLite admits a single writer anyway, so queueing costs nothing real.
 * Patching the root manager's `transaction` (which `dataSource.transaction` and every
 * repository's manager go through) fixes it once, for every module. PostgreSQL is left alone:
 * there each transaction has a connection of its own.
 *
 * Inside a transaction, use the EntityManager the work received (nested `manager.transaction`
 * on it uses savepoints as usual). A call to the ROOT `dataSource.transaction` from inside a
 * transaction would wait for itself in the queue; it is a bug on PostgreSQL too (a second
 * connection, blind to the first one's uncommitted rows), so it is refused at once.
 */
export function serializeSqliteTransactions(dataSource: DataSource): DataSource {
  if (dataSource.options.type === 'postgres') return dataSource;
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  // A callback the work scheduled (setImmediate, a timer) inherits its context but runs after the
  // commit, and may open a transaction of its own.
  const insideTransaction = new TransactionContext();
  let queue: Promise<unknown> = Promise.resolve();

  manager.transaction = (...args: unknown[]) => {
    if (insideTransaction.current() !== undefined) {
      return Promise.reject(new Error('dataSource.transaction() called inside a transaction: use the EntityManager the work received'));
    }
    const wrapped = args.map((arg) =>
      typeof arg === 'function'
        ? (transactional: EntityManager) => insideTransaction.run({ open: true }, () => (arg as TransactionWork)(transactional))
        : arg,
    );
    const run = () => original(...wrapped);
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return dataSource;
}

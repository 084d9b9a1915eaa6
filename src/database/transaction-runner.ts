import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { databaseErrorCode, isUniqueViolation } from './database-errors.js';
import { TransactionContext } from './transaction-context.js';

export interface TransactionOptions {
  /**
   * Also run the work again when a unique index refused a row: for work that reads before it
   * writes (claim the next free number, insert-or-find), where a concurrent writer's commit
   * changes what the next attempt reads. Work whose unique violation is the answer (a taken
   * username) leaves this off and maps the violation itself.
   */
  retryUniqueViolations?: boolean;
  /** Attempts in all (default 5). */
  attempts?: number;
}

/** SQLSTATEs (and SQLite's code) that say "the same work may succeed if run again now". */
const TRANSIENT_CONFLICTS = new Set(['40P01' /* deadlock */, '40001' /* serialization failure */, 'SQLITE_BUSY']);

/**
 * The one owner of transactions (vendure's transaction wrapper): every multi-row change, and on
 * SQLite every write, goes through `run`. It holds the one retry policy: a deadlock or a
 * serialisation failure runs the whole work again after a short jittered pause, up to five
 * attempts; a unique violation too when the work says it re-reads (`retryUniqueViolations`).
 *
 * On SQLite, `run` joins the one queue of transactions (src/database/sqlite-transactions.ts), so
 * no write lands inside another request's open transaction on the shared connection.
 *
 * A `run` inside another `run` joins the outer transaction (one unit of work, retried as a whole
 * by the outer one): a service that writes can be called by another that already holds a
 * transaction without either knowing.
 */
@Injectable()
export class TransactionRunner {
  /** The transaction of this async context (see `active`). */
  private readonly current = new TransactionContext<{ manager: EntityManager; open: boolean }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.active();
    if (outer !== undefined) return work(outer);
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => this.current.run({ manager, open: true }, () => work(manager)));
      } catch (error) {
        if (attempt >= attempts || !isTransient(error, options)) throw error;
        await pause(attempt);
      }
    }
  }

  /** The manager of the transaction this call runs in, if any (for reads that must see its writes). */
  manager(): EntityManager {
    return this.active() ?? this.dataSource.manager;
  }

  /** The transaction this call runs in, or undefined outside any `run` (work that must wait for a commit asks this). */
  active(): EntityManager | undefined {
    // A callback scheduled inside a transaction runs after the commit: nothing may join it then.
    return this.current.current()?.manager;
  }
}

function isTransient(error: unknown, options: TransactionOptions): boolean {
  const code = databaseErrorCode(error);
  if (code !== undefined && TRANSIENT_CONFLICTS.has(code)) return true;
  return options.retryUniqueViolations === true && isUniqueViolation(error);
}

/** 5–25 ms on the first retry, growing with each: long enough for the other writer to commit. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
}

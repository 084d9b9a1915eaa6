import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { TransactionRunner } from './transaction-runner.js';
import { isPostgresManager } from './dialect.js';

/**
 * Locks by name and row locks, on both dialects (twenty's advisory-lock service).
 *
 * On PostgreSQL a named lock is a transaction-scoped advisory lock: released at commit, at
 * rollback, or the moment its holder's connection dies, so a killed process never leaves one held.
 * Row locks are `SELECT … FOR UPDATE`, taken in key order so two transactions locking the same
 * rows cannot deadlock.
 *
 * On SQLite every transaction runs alone (the one writer queue), so a transaction already holds
 * every lock: both are no-ops there, and the same service code is correct on both.
 */
@Injectable()
export class DatabaseLocks {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Runs `work` in a transaction holding the lock `name`, or not at all when another transaction
   * holds it (`{ acquired: false }`). For singletons across processes: one relay, one sweeper.
   */
  async tryWithLock<T>(
    name: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }> {
    return this.transactions.run(async (manager) => {
      if (!(await this.tryLock(manager, name))) return { acquired: false } as const;
      return { acquired: true, result: await work(manager) } as const;
    });
  }

  /** Takes the lock `name` for the rest of `manager`'s transaction, if free; false when another holds it. */
  async tryLock(manager: EntityManager, name: string): Promise<boolean> {
    if (!isPostgresManager(manager)) return true;
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [lockKey(name)]);
    return locked;
  }

  /** Waits for the lock `name`, held until `manager`'s transaction ends. */
  async lock(manager: EntityManager, name: string): Promise<void> {
    if (!isPostgresManager(manager)) return;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [lockKey(name)]);
  }

  /**
   * Locks the rows of `entity` whose `column` is one of `keys` (and that match `scope`, for the other
   * columns of a composite key) until the transaction ends, in key order (the one lock order: no
   * deadlock between two callers), and returns them in that order.
   */
  async lockRows<E extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<E>,
    column: keyof E & string,
    keys: ReadonlyArray<string | number>,
    options: RowLockOptions<E> = {},
  ): Promise<E[]> {
    if (keys.length === 0) return [];
    const ordered = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const query = manager
      .createQueryBuilder(entity, 'locked')
      .where(`locked.${column} IN (:...keys)`, { keys: ordered })
      .orderBy(`locked.${column}`, 'ASC');
    for (const [name, value] of Object.entries(options.scope ?? {}))
      query.andWhere(`locked.${name} = :scope_${name}`, { [`scope_${name}`]: value });
    if (isPostgresManager(manager)) query.setLock(options.strength === 'keyed' ? 'for_no_key_update' : 'pessimistic_write');
    return query.getMany();
  }
}

/** How `lockRows` locks. */
export interface RowLockOptions<E> {
  /**
   * `exclusive` (the default, `FOR UPDATE`): no other writer or locker of the row passes. `keyed`
   * (`FOR NO KEY UPDATE`): orders the row's writers, yet leaves the foreign-key checks of rows that
   * reference it (`KEY SHARE`) unblocked, for a parent row many children are written against.
   */
  strength?: 'exclusive' | 'keyed';
  /** Equalities every locked row also matches: the other columns of a composite key (`{ orgId }`). */
  scope?: Partial<Record<keyof E & string, string | number>>;
}

/** A lock name as PostgreSQL's 64-bit advisory key: the first 8 bytes of its SHA-256, signed. */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

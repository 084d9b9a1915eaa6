import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { positionalStatement } from '../dialect.js';
import { TransactionRunner } from '../transaction-runner.js';
import { DUE_WORK_CHANNEL, DueWorkRepository, type DueWorkBacklog } from './due-work.repository.js';
import type { ClaimedWork, DueWorkRequest, ScheduleMode, Transactional } from './due-work.types.js';

type Count = string | number;

interface BacklogRow {
  kind: string;
  total: Count;
  due: Count | null;
  leased: Count | null;
  oldest_due: Count | null;
}

interface ClaimedRow {
  id: string | number;
  kind: string;
  key: string;
  payload: unknown;
  due_at: string | number;
  deadline_at: string | number | null;
  attempts: number;
  version: number;
  previous_owner: string | null;
}

const ON_CONFLICT: Record<ScheduleMode, string> = {
  rearm:
    'DO UPDATE SET version = due_work.version + 1, payload = excluded.payload, deadline_at = excluded.deadline_at, ' +
    'due_at = CASE WHEN excluded.due_at < due_work.due_at THEN excluded.due_at ELSE due_work.due_at END',
  replace:
    'DO UPDATE SET version = due_work.version + 1, payload = excluded.payload, deadline_at = excluded.deadline_at, ' +
    'due_at = excluded.due_at',
  ifAbsent: 'DO NOTHING',
};

/**
 * The SQL of durable work that both dialects share, written with PostgreSQL's `$n` placeholders
 * (each implementation runs them its way); what differs (the claim, the schedule and its
 * notification, GREATEST) each implementation states.
 */
@Injectable()
abstract class SqlDueWorkRepository extends DueWorkRepository {
  /** The larger of two values (`GREATEST` on PostgreSQL, the scalar `MAX` on SQLite). */
  protected abstract readonly greatest: string;

  constructor(
    @InjectDataSource() protected readonly dataSource: DataSource,
    protected readonly transactions: TransactionRunner,
  ) {
    super();
  }

  /** Runs a read written with `$n` placeholders. */
  protected abstract read<T>(sql: string, params: unknown[]): Promise<T>;

  /** Runs a write written with `$n` placeholders, on its own (not in a caller's transaction). */
  protected abstract write<T>(sql: string, params: unknown[]): Promise<T>;

  async discard(id: string): Promise<void> {
    await this.write('DELETE FROM due_work WHERE id = $1', [id]);
  }

  async renew(owner: string, ids: string[], leaseMs: number, now = Date.now()): Promise<void> {
    if (ids.length === 0) return;
    await this.write(
      `UPDATE due_work SET lease_until = $1 WHERE lease_owner = $2 AND id IN (${ids.map((_, i) => `$${i + 3}`).join(', ')})`,
      [now + leaseMs, owner, ...ids],
    );
  }

  async complete(works: ClaimedWork[], owner: string): Promise<void> {
    if (works.length === 0) return;
    const matches = works.map((_, i) => `(id = $${2 * i + 2} AND version = $${2 * i + 3})`).join(' OR ');
    const deleted = await this.write<unknown>(`DELETE FROM due_work WHERE lease_owner = $1 AND (${matches}) RETURNING id`, [
      owner,
      ...works.flatMap((work) => [work.id, work.version]),
    ]);
    const gone = new Set(returnedRows<{ id: string | number }>(deleted).map((row) => String(row.id)));
    for (const work of works) if (!gone.has(work.id)) await this.release(work.id, owner, { resetAttempts: true });
  }

  async again(work: ClaimedWork, owner: string, dueAt: Date, payload: unknown): Promise<void> {
    await this.write(
      `UPDATE due_work SET due_at = $1, payload = $2, lease_owner = NULL, lease_until = NULL, attempts = 0
       WHERE id = $3 AND lease_owner = $4`,
      [dueAt.getTime(), JSON.stringify(payload), work.id, owner],
    );
  }

  async fail(work: ClaimedWork, owner: string, error: string, retryAt: number): Promise<void> {
    await this.write(
      `UPDATE due_work SET lease_owner = NULL, lease_until = NULL, last_error = $1,
         due_at = CASE WHEN version = $2 THEN $3 ELSE due_at END
       WHERE id = $4 AND lease_owner = $5`,
      [error.slice(0, 500), work.version, retryAt, work.id, owner],
    );
  }

  async release(id: string, owner: string, options: { resetAttempts?: boolean } = {}): Promise<void> {
    await this.write(
      `UPDATE due_work SET lease_owner = NULL, lease_until = NULL${options.resetAttempts ? ', attempts = 0' : ''}
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner],
    );
  }

  async oldestWaiting(kind: string, now = Date.now()): Promise<number | null> {
    const [row] = await this.read<Array<{ due_at: string | number | null }>>(
      `SELECT MIN(${this.greatest}(due_at, COALESCE(lease_until, 0))) AS due_at FROM due_work
       WHERE kind = $1 AND due_at <= $2 AND (lease_until IS NULL OR lease_until < $2)`,
      [kind, now],
    );
    return row?.due_at === null || row?.due_at === undefined ? null : Number(row.due_at);
  }

  async backlog(now = Date.now()): Promise<DueWorkBacklog[]> {
    const rows = await this.read<BacklogRow[]>(
      `SELECT kind, COUNT(*) AS total,
              SUM(CASE WHEN due_at <= $1 THEN 1 ELSE 0 END) AS due,
              SUM(CASE WHEN lease_until > $1 THEN 1 ELSE 0 END) AS leased,
              MIN(CASE WHEN due_at <= $1 THEN due_at END) AS oldest_due
         FROM due_work GROUP BY kind`,
      [now],
    );
    return rows.map((row) => ({
      kind: row.kind,
      total: Number(row.total),
      due: Number(row.due ?? 0),
      leased: Number(row.leased ?? 0),
      oldestDueAt: row.oldest_due === null ? null : Number(row.oldest_due),
    }));
  }

  async count(kind: string): Promise<number> {
    const [row] = await this.read<Array<{ n: string | number }>>('SELECT COUNT(*) AS n FROM due_work WHERE kind = $1', [kind]);
    return Number(row.n);
  }
}

/**
 * PostgreSQL: a claim is one statement with `FOR UPDATE SKIP LOCKED` (concurrent workers never
 * wait on each other's rows), and a schedule notifies `DUE_WORK_CHANNEL`, delivered at commit.
 */
@Injectable()
export class PostgresDueWorkRepository extends SqlDueWorkRepository {
  readonly notifiesWorkersAtCommit = true;
  protected readonly greatest = 'GREATEST';

  protected read<T>(sql: string, params: unknown[]): Promise<T> {
    return this.dataSource.query(sql, params);
  }

  /** One statement commits on its own: no transaction to open around it. */
  protected write<T>(sql: string, params: unknown[]): Promise<T> {
    return this.dataSource.query(sql, params);
  }

  async schedule(manager: Transactional, requests: DueWorkRequest[], mode: ScheduleMode, now = Date.now()): Promise<number> {
    if (requests.length === 0) return 0;
    const { insert, params } = postgresInsert(requests, mode, now, '1');
    const kinds = params.length + 1;
    // The notification is delivered when the caller's transaction commits, and not at all if it rolls back.
    const result: Array<{ n?: number }> = await manager.query(
      `WITH scheduled AS (${insert}) SELECT (SELECT count(*) FROM scheduled)::int AS n, pg_notify($${kinds}, $${kinds + 1})`,
      [...params, DUE_WORK_CHANNEL, kindsOf(requests)],
    );
    return Number(result[0]?.n ?? 0);
  }

  async insertOne(manager: Transactional, request: DueWorkRequest, now = Date.now()): Promise<string> {
    const { insert, params } = postgresInsert([request], 'ifAbsent', now, 'id');
    const kinds = params.length + 1;
    const result: unknown = await manager.query(
      `WITH scheduled AS (${insert}) SELECT id, pg_notify($${kinds}, $${kinds + 1}) FROM scheduled`,
      [...params, DUE_WORK_CHANNEL, kindsOf([request])],
    );
    return String(returnedRows<{ id: string | number }>(result)[0]?.id);
  }

  async claim(kind: string, owner: string, limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedWork[]> {
    const rows: unknown = await this.dataSource.query(
      `WITH picked AS (
         SELECT id, lease_owner AS previous_owner FROM due_work
         WHERE kind = $1 AND due_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
         ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE due_work w SET lease_owner = $4, lease_until = $5, attempts = w.attempts + 1
       FROM picked WHERE w.id = picked.id
       RETURNING w.id, w.kind, w.key, w.payload, w.due_at, w.deadline_at, w.attempts, w.version, picked.previous_owner`,
      [kind, now, limit, owner, now + leaseMs],
    );
    return returnedRows<ClaimedRow>(rows).map(toClaimed);
  }
}

/**
 * SQLite: the one writer serialises claims anyway (the one transaction queue), so a select and an
 * update in one transaction do; every write joins that queue, none lands inside another request's
 * open transaction on the shared connection.
 */
@Injectable()
export class SqliteDueWorkRepository extends SqlDueWorkRepository {
  readonly notifiesWorkersAtCommit = false;
  protected readonly greatest = 'MAX';

  protected read<T>(sql: string, params: unknown[]): Promise<T> {
    const statement = positionalStatement(sql, params);
    return this.dataSource.query(statement.sql, statement.params);
  }

  protected write<T>(sql: string, params: unknown[]): Promise<T> {
    const statement = positionalStatement(sql, params);
    return this.transactions.run((manager) => manager.query(statement.sql, statement.params));
  }

  async schedule(manager: Transactional, requests: DueWorkRequest[], mode: ScheduleMode, now = Date.now()): Promise<number> {
    if (requests.length === 0) return 0;
    const { sql, params } = sqliteInsert(requests, mode, now, '1');
    return returnedRows(await manager.query(sql, params)).length;
  }

  async insertOne(manager: Transactional, request: DueWorkRequest, now = Date.now()): Promise<string> {
    const { sql, params } = sqliteInsert([request], 'ifAbsent', now, 'id');
    return String(returnedRows<{ id: string | number }>(await manager.query(sql, params))[0]?.id);
  }

  claim(kind: string, owner: string, limit: number, leaseMs: number, now = Date.now()): Promise<ClaimedWork[]> {
    return this.transactions.run(async (manager) => {
      const picked: Array<{ id: number; previous_owner: string | null }> = await manager.query(
        `SELECT id, lease_owner AS previous_owner FROM due_work
         WHERE kind = ? AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at LIMIT ?`,
        [kind, now, now, limit],
      );
      if (picked.length === 0) return [];
      const ids = picked.map((row) => row.id);
      const updated: unknown = await manager.query(
        `UPDATE due_work SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
         WHERE id IN (${ids.map(() => '?').join(', ')})
         RETURNING id, kind, key, payload, due_at, deadline_at, attempts, version, NULL AS previous_owner`,
        [owner, now + leaseMs, ...ids],
      );
      const previous = new Map(picked.map((row) => [String(row.id), row.previous_owner]));
      return returnedRows<ClaimedRow>(updated).map((row) => toClaimed({ ...row, previous_owner: previous.get(String(row.id)) ?? null }));
    });
  }
}

/** The values of one item's row: kind, key, payload, due, deadline, created. */
function rowValues(request: DueWorkRequest, now: number): unknown[] {
  return [
    request.kind,
    request.key,
    JSON.stringify(request.payload ?? {}),
    (request.dueAt ?? new Date(now)).getTime(),
    request.deadlineAt ? request.deadlineAt.getTime() : null,
    now,
  ];
}

function insertInto(rows: string[], mode: ScheduleMode, returning: string): string {
  return `INSERT INTO due_work (kind, key, payload, due_at, deadline_at, created_at) VALUES ${rows.join(', ')}
    ON CONFLICT (kind, key) ${ON_CONFLICT[mode]} RETURNING ${returning}`;
}

function postgresInsert(
  requests: DueWorkRequest[],
  mode: ScheduleMode,
  now: number,
  returning: string,
): { insert: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = requests.map((request) => {
    const base = params.length;
    params.push(...rowValues(request, now));
    return `($${base + 1}, $${base + 2}, $${base + 3}::jsonb, $${base + 4}::bigint, $${base + 5}::bigint, $${base + 6}::bigint)`;
  });
  return { insert: insertInto(rows, mode, returning), params };
}

function sqliteInsert(requests: DueWorkRequest[], mode: ScheduleMode, now: number, returning: string): { sql: string; params: unknown[] } {
  const rows = requests.map(() => '(?, ?, ?, ?, ?, ?)');
  return { sql: insertInto(rows, mode, returning), params: requests.flatMap((request) => rowValues(request, now)) };
}

/** The kinds a schedule names, as the notification's payload (`hail.put,hail.watch`). */
function kindsOf(requests: DueWorkRequest[]): string {
  return [...new Set(requests.map((request) => request.kind))].join(',');
}

function toClaimed(row: ClaimedRow): ClaimedWork {
  return {
    id: String(row.id),
    kind: row.kind,
    key: row.key,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    dueAt: new Date(Number(row.due_at)),
    deadlineAt: row.deadline_at === null ? null : new Date(Number(row.deadline_at)),
    attempts: Number(row.attempts),
    version: Number(row.version),
    previousOwner: row.previous_owner,
  };
}

/**
 * The rows an UPDATE or DELETE … RETURNING gave: TypeORM hands PostgreSQL's as `[rows, count]`,
 * better-sqlite3's as the rows themselves.
 */
function returnedRows<T>(result: unknown): T[] {
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

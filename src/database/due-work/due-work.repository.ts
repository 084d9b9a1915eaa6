import type { ClaimedWork, DueWorkRequest, ScheduleMode, Transactional } from './due-work.types.js';

/** PostgreSQL's channel for "something is due": workers LISTEN, schedules notify at commit. */
export const DUE_WORK_CHANNEL = 'citymove_due_work';

/** One kind's backlog, for the metrics. */
export interface DueWorkBacklog {
  kind: string;
  total: number;
  due: number;
  leased: number;
  oldestDueAt: number | null;
}

/**
 * The persistence port of durable work (the injection token; `due-work-sql.repository.ts` holds
 * one implementation per dialect). Instants are epoch milliseconds from the application's clock.
 */
export abstract class DueWorkRepository {
  /**
   * Whether the database itself tells the workers of every process when a schedule commits
   * (PostgreSQL's LISTEN/NOTIFY on `DUE_WORK_CHANNEL`). When it does not, the process that
   * scheduled wakes its own runner, and the others find the item at their next poll.
   */
  abstract readonly notifiesWorkersAtCommit: boolean;

  /** Inserts (or merges) items inside the caller's transaction; answers how many were inserted or changed. */
  abstract schedule(manager: Transactional, requests: DueWorkRequest[], mode: ScheduleMode, now?: number): Promise<number>;

  /** Inserts one new item (its key must be new) inside the caller's transaction and answers its id. */
  abstract insertOne(manager: Transactional, request: DueWorkRequest, now?: number): Promise<string>;

  /** Deletes an item whoever holds it: its work was done another way (a Bull job took the fast path). */
  abstract discard(id: string): Promise<void>;

  /** Takes up to `limit` due items of `kind` whose lease is free or expired, for `leaseMs`. */
  abstract claim(kind: string, owner: string, limit: number, leaseMs: number, now?: number): Promise<ClaimedWork[]>;

  /** Extends the leases this owner still holds. */
  abstract renew(owner: string, ids: string[], leaseMs: number, now?: number): Promise<void>;

  /**
   * Done: deleted, unless scheduled again since the claim (a newer version), in which case released
   * to run again at its due time. Many at once: one round trip for every item finished meanwhile.
   */
  abstract complete(works: ClaimedWork[], owner: string): Promise<void>;

  /** Runs the item again at `dueAt` (a watch's next read, a job that ran early). */
  abstract again(work: ClaimedWork, owner: string, dueAt: Date, payload: unknown): Promise<void>;

  /** The handler failed: released, due again at `retryAt`, the error kept for the operator. */
  abstract fail(work: ClaimedWork, owner: string, error: string, retryAt: number): Promise<void>;

  /** Gives an item back at once (shutdown), so another worker need not wait for the lease. */
  abstract release(id: string, owner: string, options?: { resetAttempts?: boolean }): Promise<void>;

  /**
   * Since when the longest-waiting due item of `kind` nobody holds has been claimable (due, and its
   * last lease if any expired), if there is one: the claim lag.
   */
  abstract oldestWaiting(kind: string, now?: number): Promise<number | null>;

  /**
   * Every kind's backlog at `now`, for the metrics: items not done, those due, those leased to a
   * worker, and since when the oldest due one has been due.
   */
  abstract backlog(now?: number): Promise<DueWorkBacklog[]>;

  /** Items of `kind` not done yet (tests, the board). */
  abstract count(kind: string): Promise<number>;
}

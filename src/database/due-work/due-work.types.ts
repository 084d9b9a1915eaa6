import type { EntityManager } from 'typeorm';

/** What a module asks for: run `kind` about `key` at `dueAt`, pointless after `deadlineAt`. */
export interface DueWorkRequest {
  kind: string;
  key: string;
  payload?: unknown;
  /** Default: now. */
  dueAt?: Date;
  deadlineAt?: Date | null;
}

/**
 * How a request meets a live item of the same kind and key:
 * - `rearm` (default): the item runs (again) no later than `dueAt`, even if a worker holds it now,
 *   with the new payload. For "there is more to do" (another hail update to send).
 * - `replace`: the item runs at exactly the new `dueAt` (a lock-in moved later).
 * - `ifAbsent`: nothing changes (a sweep making sure an item exists).
 */
export type ScheduleMode = 'rearm' | 'replace' | 'ifAbsent';

/** An item a worker holds under its lease. */
export interface ClaimedWork<P = unknown> {
  id: string;
  kind: string;
  key: string;
  payload: P;
  dueAt: Date;
  deadlineAt: Date | null;
  /** 1 on the first claim since the item was armed. */
  attempts: number;
  version: number;
  /** The owner of the expired lease this claim replaced: set when a worker died or stalled. */
  previousOwner: string | null;
}

/** What a handler may answer: nothing (done, the item is deleted) or when to run it again. */
export type DueWorkOutcome = void | { again: { dueAt: Date; payload?: unknown } };

export interface DueWorkHandler<P = unknown> {
  kind: string;
  /** Items of this kind one process runs at once. */
  concurrency: number;
  run(work: ClaimedWork<P>): Promise<DueWorkOutcome>;
}

export type Transactional = Pick<EntityManager, 'query'>;

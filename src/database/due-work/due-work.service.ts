import { Injectable } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { DueWorkRepository } from './due-work.repository.js';
import type { DueWorkRequest, ScheduleMode, Transactional } from './due-work.types.js';

/**
 * Durable, deadline-bound work, for every module: `schedule(manager, …)` writes the item in the
 * caller's transaction, so it exists if and only if the change that made it due committed. Workers
 * (`DueWorkRunner`) claim due items under a short lease and run them; a worker that dies loses its
 * lease and another takes the item within about `DUE_WORK_LEASE_MS`. Redis plays no part: a Redis
 * outage delays nothing.
 */
@Injectable()
export class DueWork {
  /** In-process wake-ups (for a database that does not notify the workers; the runner subscribes here). */
  private readonly listeners = new Set<(kind: string) => void>();

  /**
   * Wakes the listeners in the context this service was built in (boot), not the caller's: a wake
   * asked for inside a transaction must not carry that transaction's context into the claim and the
   * handlers it starts, which would otherwise join a transaction that has committed by then.
   */
  private readonly wakeOutsideTransactions = AsyncResource.bind((kinds: Set<string>) => kinds.forEach((kind) => this.wake(kind)));

  constructor(private readonly repository: DueWorkRepository) {}

  /** Writes the items with the caller's transaction (`manager`); answers how many were new or changed. */
  async schedule(manager: Transactional, request: DueWorkRequest | DueWorkRequest[], mode: ScheduleMode = 'rearm'): Promise<number> {
    const requests = Array.isArray(request) ? request : [request];
    const changed = await this.repository.schedule(manager, requests, mode);
    // Without a notification at commit, the runner's claim queues behind this transaction (SQLite's
    // one writer), so it sees the item once committed.
    if (!this.repository.notifiesWorkersAtCommit) setImmediate(this.wakeOutsideTransactions, new Set(requests.map((item) => item.kind)));
    return changed;
  }

  /** Runs due items of `kind` now rather than at the next poll (a notifying database does it itself). */
  wake(kind: string): void {
    for (const listener of this.listeners) listener(kind);
  }

  onWake(listener: (kind: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

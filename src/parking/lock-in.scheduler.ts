import { Injectable } from '@nestjs/common';
import { DueWork } from '../database/due-work/due-work.service.js';
import type { DueWorkRequest } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { lockInTimeOf } from './loan-dates.js';
import { LOCK_IN_WORK, lockInKey, type LockInPayload } from './lock-in.work.js';
import type { Org } from './org.entity.js';
import { ParkingClock } from './parking-clock.js';

/**
 * Schedules each date's lock-in at the org's `lock_in` time on the day before, as a `DueWork` item
 * written in the transaction that queued the date's first request or offer: a restart, a Redis
 * outage or a flushed Redis cannot lose it. Call inside `transactions.run`.
 */
@Injectable()
export class LockInScheduler {
  constructor(
    private readonly dueWork: DueWork,
    private readonly transactions: TransactionRunner,
    private readonly clock: ParkingClock,
  ) {}

  /** Schedules the lock-in of each date; a date already scheduled keeps its item. */
  async schedule(org: Org, dates: readonly string[]): Promise<void> {
    if (dates.length === 0) return;
    await this.dueWork.schedule(
      this.transactions.manager(),
      dates.map((date) => this.request(org, date)),
      'ifAbsent',
    );
  }

  /** After a change of the org's lock-in time or time zone: the waiting dates move to the new instant. */
  async reschedule(org: Org, dates: readonly string[]): Promise<void> {
    if (dates.length === 0) return;
    await this.dueWork.schedule(
      this.transactions.manager(),
      dates.map((date) => this.request(org, date)),
      'replace',
    );
  }

  private request(org: Org, date: string): DueWorkRequest {
    const payload: LockInPayload = { orgId: org.id, date };
    return { kind: LOCK_IN_WORK, key: lockInKey(org.id, date), payload, dueAt: this.clock.wallClockInstant(lockInTimeOf(org, date)) };
  }
}

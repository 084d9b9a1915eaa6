import { Injectable } from '@nestjs/common';
import type { DueWorkOutcome } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { isLockInDue, lockInTimeOf } from './loan-dates.js';
import type { LoanDay } from './loan-day.entity.js';
import { LoanLocks, type LoanLockSequence } from './loan-locks.js';
import { LoanMatchingService } from './loan-matching.service.js';
import type { Org } from './org.entity.js';
import { OrgsRepository } from './orgs.repository.js';
import { ParkingClock } from './parking-clock.js';

/**
 * Lock-in as late as possible: at the org's lock-in time a date's offers, in offer order, go to its
 * requests in queue order, dated requests first, then indefinite ones. Run by the scheduled work
 * item (lock-in.work.ts), by a moderator, and by any change to a date whose time has passed
 * before its work item ran.
 */
@Injectable()
export class LockInService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly locks: LoanLocks,
    private readonly matching: LoanMatchingService,
    private readonly orgs: OrgsRepository,
    private readonly clock: ParkingClock,
  ) {}

  /**
   * Locks the org's dates (`locks.days`, in the one lock order) and locks in those whose lock-in
   * time has passed without the work item having run yet: a change never lands on a date that
   * should already be matched.
   */
  async lockDates(locks: LoanLockSequence, org: Org, dates: readonly string[], now: Date): Promise<Map<string, LoanDay>> {
    const days = await locks.days(org.id, dates);
    for (const day of days.values()) {
      if (day.lockedAt === null && isLockInDue(org, day.date, now)) await this.matching.lockDayIn(locks, org, day, now);
    }
    return days;
  }

  /** Locks `date` in now; a date already locked in gets its free offers matched again (same-day service). */
  async lockIn(org: Org, date: string): Promise<void> {
    await this.transactions.run(
      async () => {
        const locks = this.locks.begin();
        // The org as it is now, held: a schedule change waits, or has already revisited this date.
        const current = await locks.org(org.id);
        if (current === null) return;
        const now = this.clock.now();
        const day = (await this.lockDates(locks, current, [date], now)).get(date)!;
        if (day.lockedAt === null) await this.matching.lockDayIn(locks, current, day, now);
        else await this.matching.matchDate(locks, current, date, false, now);
      },
      { retryUniqueViolations: true },
    );
  }

  /**
   * The scheduled lock-in: locks the date in, unless the org moved its lock-in time later meanwhile
   * (then it runs again at the new time). An org deleted meanwhile has nothing left to lock in.
   */
  async lockInWhenDue(orgId: number, date: string): Promise<DueWorkOutcome> {
    const org = await this.orgs.org(orgId);
    if (!org) return;
    const due = lockInTimeOf(org, date);
    if (this.clock.now() < due) return { again: { dueAt: this.clock.wallClockInstant(due) } };
    await this.lockIn(org, date);
  }
}

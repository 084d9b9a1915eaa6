import { Injectable } from '@nestjs/common';
import { LoanDay } from './loan-day.entity.js';
import { LoansRepository } from './loans.repository.js';
import type { Membership } from './membership.entity.js';
import { ParkingRowLocksRepository } from './parking-row-locks.repository.js';
import type { Org } from './org.entity.js';
import type { Pass } from './pass.entity.js';

/**
 * The one order in which a transaction of the parking module takes its row locks. Two transactions
 * that take locks in one order never wait on each other in a cycle:
 *
 * 1. `user`: the borrower's or lender's row. "Nobody lends and borrows the same date" spans orgs,
 *    which the per-org date locks alone do not order.
 * 2. `pass`: the pass being lent, re-assigned or deleted. A pass being deleted gets no new offers,
 *    and its state does not change under an offer being made.
 * 3. `org`: the org's row, read afresh. A schedule change holds it while it revisits the dates it
 *    shifts; every transaction that touches dates holds it while it judges them by the schedule, so
 *    none lands on a date judged by a schedule that is no longer the org's. It also makes an org's
 *    matching one transaction at a time: a match reads its date's queue, ordered by when each
 *    borrower was last served, and a match of another date running beside it could serve one of
 *    them unseen (the first borrower of two queues taking both dates). `days` refuses to run
 *    without it.
 * 4. `days`: the org's `LoanDay` rows of the dates touched, in date order. A date's joins,
 *    withdrawals and matching happen one at a time, and a lock-in misses no request beside it.
 * 5. `membership`: a borrower's membership row, taken by a service before it records the borrower's
 *    previous service, and by a cancelled loan before it gives back the priority that loan cost them.
 *    Two of their loans on different dates share no date lock, and each rewrites the chain of
 *    services the other reads (loan-matching.service.ts). The one kind taken several times in one
 *    transaction (a deleted pass's loans, a leaving member's, a date's matches), one borrower at a
 *    time; two such transactions that meet in another order are a deadlock, which the transaction
 *    runner retries.
 */
const LOCK_ORDER = ['user', 'pass', 'org', 'days', 'membership'] as const;
type LockKind = (typeof LOCK_ORDER)[number];

/** The locks one transaction takes, refusing (as a bug) any lock out of order. */
export class LoanLockSequence {
  private last = -1;
  /** The org whose row this transaction holds. */
  private heldOrgId: number | undefined;

  constructor(
    private readonly rows: ParkingRowLocksRepository,
    private readonly loans: LoansRepository,
  ) {}

  async user(userId: number): Promise<void> {
    this.step('user');
    await this.rows.lockUser(userId);
  }

  /** The pass as locked, or null when it is gone. */
  async pass(passId: number): Promise<Pass | null> {
    this.step('pass');
    return this.rows.lockPass(passId);
  }

  /** The org as locked, or null when it is gone. */
  async org(orgId: number): Promise<Org | null> {
    this.step('org');
    const org = await this.rows.lockOrg(orgId);
    if (org !== null) this.heldOrgId = orgId;
    return org;
  }

  /** The org's dates, their `LoanDay` rows created if missing, locked in date order. */
  async days(orgId: number, dates: readonly string[]): Promise<Map<string, LoanDay>> {
    if (this.heldOrgId !== orgId) throw new Error(`parking lock order: days of org ${orgId} taken without its org row`);
    this.step('days');
    const sorted = [...new Set(dates)].sort();
    if (sorted.length === 0) return new Map();
    await this.loans.ensureLoanDays(orgId, sorted);
    return new Map((await this.rows.lockDays(orgId, sorted)).map((day) => [day.date, day]));
  }

  /** Locks a borrower's membership row in the org and reads it afresh; null when they are not a member. */
  async membership(orgId: number, userId: number): Promise<Membership | null> {
    this.step('membership');
    return this.rows.lockMembership(orgId, userId);
  }

  private step(kind: LockKind): void {
    const index = LOCK_ORDER.indexOf(kind);
    if (index < this.last || (index === this.last && kind !== 'membership'))
      throw new Error(`parking lock order: ${kind} taken after ${LOCK_ORDER[this.last]}`);
    this.last = index;
  }
}

/** Hands each transaction its lock sequence. */
@Injectable()
export class LoanLocks {
  constructor(
    private readonly rows: ParkingRowLocksRepository,
    private readonly loans: LoansRepository,
  ) {}

  /** The locks of the transaction about to run (call inside `transactions.run`). */
  begin(): LoanLockSequence {
    return new LoanLockSequence(this.rows, this.loans);
  }
}

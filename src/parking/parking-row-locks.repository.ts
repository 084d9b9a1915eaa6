import { Injectable } from '@nestjs/common';
import { DatabaseLocks } from '../database/database-locks.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { LoanDay } from './loan-day.entity.js';
import { Membership } from './membership.entity.js';
import { Org } from './org.entity.js';
import { ParkingRepository } from './parking.repository.js';
import { ParkingUser } from './parking-user.entity.js';
import { Pass } from './pass.entity.js';

/**
 * The parking module's row locks, held until the calling transaction ends. Taken only through
 * `LoanLocks` (loan-locks.ts), which holds the one order they are taken in. A lock lasts until its
 * transaction ends, so, like a write, it is taken only inside `transactions.run`.
 *
 * Users and passes are parents that loans are written against: their lock is `keyed`, so it orders
 * their writers without blocking the foreign-key checks of other matches. A date's row is locked
 * outright. (On SQLite the one writer queue already holds every row: `DatabaseLocks` does nothing.)
 */
@Injectable()
export class ParkingRowLocksRepository extends ParkingRepository {
  constructor(
    transactions: TransactionRunner,
    private readonly locks: DatabaseLocks,
  ) {
    super(transactions);
  }

  /** Locks a user's row: serialises their borrowing and lending across orgs. */
  async lockUser(userId: number): Promise<void> {
    await this.locks.lockRows(this.writer, ParkingUser, 'id', [userId], { strength: 'keyed' });
  }

  /** Reads and locks a pass row; null when it is gone. */
  async lockPass(passId: number): Promise<Pass | null> {
    const [pass] = await this.locks.lockRows(this.writer, Pass, 'id', [passId], { strength: 'keyed' });
    return pass ?? null;
  }

  /** Reads and locks an org's row (keyed: its memberships, passes and loans still pass their foreign-key checks). */
  async lockOrg(orgId: number): Promise<Org | null> {
    const [org] = await this.locks.lockRows(this.writer, Org, 'id', [orgId], { strength: 'keyed' });
    return org ?? null;
  }

  /** Reads and locks a borrower's membership row in an org; null when there is none. */
  async lockMembership(orgId: number, userId: number): Promise<Membership | null> {
    const [membership] = await this.locks.lockRows(this.writer, Membership, 'userId', [userId], { scope: { orgId }, strength: 'keyed' });
    return membership ?? null;
  }

  /** Reads and locks existing `LoanDay` rows of an org, in date order. */
  async lockDays(orgId: number, dates: readonly string[]): Promise<LoanDay[]> {
    return this.locks.lockRows(this.writer, LoanDay, 'date', dates, { scope: { orgId } });
  }
}

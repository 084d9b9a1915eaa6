import { Injectable } from '@nestjs/common';
import { dayStateIdOn, todayOf } from './loan-dates.js';
import { LoanEventsPublisher } from './loan-events.publisher.js';
import type { LoanLockSequence } from './loan-locks.js';
import { LoanMatchingService } from './loan-matching.service.js';
import { matchesAtOnce } from './loan-matching.js';
import { LoansRepository } from './loans.repository.js';
import { isMatched } from './loans.views.js';
import { LockInService } from './lock-in.service.js';
import type { Org } from './org.entity.js';
import { ParkingClock } from './parking-clock.js';

/** Why a change undid an offer, a request or a loan: the `reason` of its event. */
export const REVISION_REASONS = {
  scheduleChanged: 'the schedule changed: the pass is not valid that day',
  noDayStateAnyMore: 'the schedule changed: nobody parks that day',
  holdsValidPassNow: 'the schedule changed: you hold a valid pass that day',
  lenderLeft: 'the lender is no longer a participant',
  borrowerLeft: 'the borrower is no longer a participant',
} as const;

/** What a schedule change did to the dates it shifted. */
export interface ScheduleRevision {
  /** The future dates with offers or requests whose day state changed. */
  changedDates: string[];
  withdrawnOffers: number;
  cancelledLoans: number;
  keptLockedInLoans: number;
  cancelledRequests: number;
}

/**
 * Changes revisit what they touch, in the transaction that makes the change: a schedule change
 * re-judges the future offers and requests of every date whose day state it moves, and a member who
 * stops participating takes their future offers, requests and loans with them. Called with the
 * change's lock sequence, after the org lock (loan-locks.ts), so no borrow, lend or lock-in judges a
 * date by the schedule being replaced.
 */
@Injectable()
export class LoanRevisionService {
  constructor(
    private readonly loans: LoansRepository,
    private readonly matching: LoanMatchingService,
    private readonly lockIns: LockInService,
    private readonly events: LoanEventsPublisher,
    private readonly clock: ParkingClock,
  ) {}

  /**
   * After `after.schedule` replaced `before.schedule` (saved in this transaction). Dates from today
   * on whose day state changed: an offer whose pass is no longer valid is withdrawn; its loan, if
   * matched, is cancelled and the borrower's request reopens in its place, unless the date is locked
   * in (the school made a promise) and `cancelLockedIn` is not asked. A request that may no longer be
   * made (nobody parks, or the borrower's own pass is now valid) is cancelled. A locked-in date is
   * then matched again at once (same-day service).
   */
  async scheduleChanged(locks: LoanLockSequence, before: Org, after: Org, cancelLockedIn: boolean): Promise<ScheduleRevision> {
    const now = this.clock.now();
    const known = await this.loans.datesFrom(after.id, todayOf(after, now));
    const changedDates = known.filter((date) => dayStateIdOn(before, date) !== dayStateIdOn(after, date));
    const revision: ScheduleRevision = { changedDates, withdrawnOffers: 0, cancelledLoans: 0, keptLockedInLoans: 0, cancelledRequests: 0 };
    if (changedDates.length === 0) return revision;
    // A date whose lock-in time has passed is locked in first, by the schedule its people were promised.
    const days = await this.lockIns.lockDates(locks, before, changedDates, now);

    for (const date of changedDates) {
      const lockedIn = matchesAtOnce(days.get(date)!);
      const stateId = dayStateIdOn(after, date);
      const offers = await this.loans.offersOn(after.id, date);
      const passStates = await this.loans.passStates(offers.map((o) => o.passId).filter((id): id is number => id !== null));
      for (const offer of offers) {
        if (stateId !== null && offer.passId !== null && passStates.get(offer.passId) === stateId) continue;
        if (isMatched(offer)) {
          if (lockedIn && !cancelLockedIn) {
            revision.keptLockedInLoans++;
            continue;
          }
          await this.matching.cancelLoan(locks, after, offer, { reason: REVISION_REASONS.scheduleChanged, requeue: 'in place' }, now);
          revision.cancelledLoans++;
        }
        await this.loans.deleteOffers([offer.id]);
        await this.events.offerWithdrawn(after, offer, REVISION_REASONS.scheduleChanged, now);
        revision.withdrawnOffers++;
      }

      const open = await this.loans.openRequestsOn(after.id, date);
      const holders =
        stateId === null
          ? new Set<number>()
          : new Set(await this.loans.passHoldersAmong(after.id, stateId, [...new Set(open.map((r) => r.borrowerId))]));
      for (const request of open) {
        const reason =
          stateId === null
            ? REVISION_REASONS.noDayStateAnyMore
            : holders.has(request.borrowerId)
              ? REVISION_REASONS.holdsValidPassNow
              : null;
        if (reason === null) continue;
        await this.loans.deleteRequest(request.id);
        await this.events.requestCancelled(after, request, reason, now);
        revision.cancelledRequests++;
      }
      if (lockedIn && stateId !== null) await this.matching.matchDate(locks, after, date, false, now);
    }
    return revision;
  }

  /**
   * A member who no longer participates (removed, or a moderator's participant role taken away):
   * their offers from today on are withdrawn (a matched borrower goes back to the front of the
   * queue), the passes they borrowed from today on are freed for the next in the queue, and their
   * requests from today on, and their indefinite one, are cancelled. Locked-in dates are matched
   * again at once.
   */
  async memberLeft(locks: LoanLockSequence, org: Org, userId: number): Promise<void> {
    const now = this.clock.now();
    const today = todayOf(org, now);
    const touched = async () => ({
      lent: await this.loans.offersOfMemberFrom(org.id, 'lenderId', userId, today),
      borrowed: await this.loans.offersOfMemberFrom(org.id, 'borrowerId', userId, today),
      requests: await this.loans.requestsOfMemberFrom(org.id, userId, today),
    });
    const seen = await touched();
    const dates = [...seen.lent, ...seen.borrowed, ...seen.requests].map((row) => row.date).filter((date): date is string => date !== null);
    const days = await this.lockIns.lockDates(locks, org, dates, now);
    // Read again under the date locks: a lock-in due just now may have matched some of them.
    const { lent, borrowed, requests } = await touched();

    for (const offer of lent) {
      if (isMatched(offer))
        await this.matching.cancelLoan(locks, org, offer, { reason: REVISION_REASONS.lenderLeft, requeue: 'front' }, now);
      else await this.events.offerWithdrawn(org, offer, REVISION_REASONS.lenderLeft, now);
    }
    await this.loans.deleteOffers(lent.map((o) => o.id));
    for (const offer of borrowed.filter(isMatched)) {
      await this.matching.cancelLoan(locks, org, offer, { reason: REVISION_REASONS.borrowerLeft, requeue: 'none' }, now);
      await this.loans.unclaimOffer(offer.id);
    }
    for (const request of requests.filter((r) => r.servedAt === null)) {
      await this.events.requestCancelled(org, request, REVISION_REASONS.borrowerLeft, now);
    }
    await this.loans.deleteRequests(requests.map((r) => r.id));
    for (const [date, day] of days) {
      if (matchesAtOnce(day)) await this.matching.matchDate(locks, org, date, false, now);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { instantOf } from '../database/column-types.js';
import type { BorrowRequest } from './borrow-request.entity.js';
import { dayStateIdOn } from './loan-dates.js';
import { LoanEventsPublisher } from './loan-events.publisher.js';
import type { LoanDay } from './loan-day.entity.js';
import { mayBeServed, queueOrder, type QueuedRequest } from './loan-matching.js';
import type { LoanLockSequence } from './loan-locks.js';
import { datedRequest, LoansRepository } from './loans.repository.js';
import type { MatchedOffer } from './loans.views.js';
import type { Offer } from './offer.entity.js';
import type { Org } from './org.entity.js';

/**
 * How a cancelled loan is undone: where the borrower's request goes (`front`: the lender took the
 * pass back or it went; `in place`: a change of the org undid the match; `none`: the borrower
 * left), and what the event says.
 */
export interface LoanCancellation {
  reason: string;
  requeue: 'front' | 'in place' | 'none';
  event?: 'released' | 'cancelled';
}

/** A borrow request in its date's queue. */
export type Queued = BorrowRequest & QueuedRequest;

/**
 * Applies the fair rules (loan-matching.ts) to one org's date, inside the transaction that holds
 * the date's lock (`LoanLocks`): the queue, the pairing of offers with it, and the lock-in.
 */
@Injectable()
export class LoanMatchingService {
  private readonly logger = new Logger(LoanMatchingService.name);

  constructor(
    private readonly loans: LoansRepository,
    private readonly events: LoanEventsPublisher,
  ) {}

  /** A date's open requests in queue order, with each borrower's last-served time; indefinite ones only when asked. */
  async queue(org: Org, date: string, withIndefinite: boolean): Promise<Queued[]> {
    const dated = await this.loans.openRequestsOn(org.id, date);
    const indefinite = withIndefinite ? await this.loans.indefiniteRequests(org.id) : [];
    const requests = [...dated, ...indefinite];
    if (requests.length === 0) return [];
    const lastServed = await this.loans.lastServedTimes(org.id, [...new Set(requests.map((r) => r.borrowerId))]);
    return queueOrder(requests.map((r) => Object.assign(r, { lastServedAt: lastServed.get(r.borrowerId) ?? null })));
  }

  /**
   * The queues of several dates at once (what `GET /parking/me/requests` shows): each date's open
   * dated requests, then the indefinite ones while the date is not locked in, in queue order.
   */
  async queues(org: Org, dates: readonly string[]): Promise<Map<string, Queued[]>> {
    if (dates.length === 0) return new Map();
    const locked = new Set((await this.loans.loanDays(org.id, dates)).filter((day) => day.lockedAt !== null).map((day) => day.date));
    const dated = await this.loans.openRequestsOnDates(org.id, dates);
    const indefinite = await this.loans.indefiniteRequests(org.id);
    const borrowers = [...new Set([...dated, ...indefinite].map((r) => r.borrowerId))];
    const lastServed = await this.loans.lastServedTimes(org.id, borrowers);
    const withService = (r: BorrowRequest): Queued => Object.assign(r, { lastServedAt: lastServed.get(r.borrowerId) ?? null });
    return new Map(
      dates.map((date) => [
        date,
        queueOrder([...dated.filter((r) => r.date === date), ...(locked.has(date) ? [] : indefinite)].map(withService)),
      ]),
    );
  }

  /**
   * Pairs the date's free offers, in offer order, with its queue in order, skipping borrowers who
   * may not be served that date. Indefinite requests join only at the lock-in itself: they are
   * never considered for dates already locked in.
   */
  async matchDate(locks: LoanLockSequence, org: Org, date: string, withIndefinite: boolean, now: Date): Promise<MatchedOffer[]> {
    const offers = await this.loans.offersOn(org.id, date, { free: true });
    if (offers.length === 0) return [];
    const queue = await this.queue(org, date, withIndefinite);
    if (queue.length === 0) return [];

    const borrowerIds = [...new Set(queue.map((r) => r.borrowerId))];
    const unavailable = await this.busyBorrowers(org, date, borrowerIds);
    const participants = await this.loans.participantsAmong(org.id, borrowerIds);
    const matched: MatchedOffer[] = [];
    let next = 0;
    for (const offer of offers) {
      while (next < queue.length && !mayBeServed(queue[next].borrowerId, { participants, unavailable })) next++;
      if (next === queue.length) break;
      const request = queue[next++];
      const match = await this.serve(locks, org, offer, request, now);
      if (match === undefined) continue;
      unavailable.add(request.borrowerId);
      matched.push(match);
    }
    return matched;
  }

  /** Locks a date in now: its lock-in match, indefinite requests included. */
  async lockDayIn(locks: LoanLockSequence, org: Org, day: LoanDay, now: Date): Promise<void> {
    await this.loans.markLockedIn(org.id, day.date, now);
    day.lockedAt = now;
    await this.matchDate(locks, org, day.date, true, now);
    this.logger.log(`org ${org.id} locked in ${day.date}`);
  }

  /**
   * A lost loan goes back to the front of its date's queue: the borrower's dated request reopens
   * there, or, when they were served through an indefinite request, a dated request at the front
   * stands in for it.
   */
  async putBackAtFront(offer: MatchedOffer, now: Date): Promise<void> {
    const dated = await this.loans.requestOn(offer.orgId, offer.borrowerId, offer.date);
    if (dated) {
      await this.loans.reopenAtFront(dated.id);
      return;
    }
    await this.loans.insertRequests([datedRequest(offer.orgId, offer.borrowerId, offer.date, now, true)]);
  }

  /**
   * Undoes a match: the borrower gets back the priority they had before it (their last-served
   * time as it was, see `withdrawService`), their request reopens (at the front when the lender took
   * the pass back or it went; in its own place when a change of the org undid it), and the
   * cancellation is published. The offer row itself is the caller's to delete or free.
   */
  async cancelLoan(locks: LoanLockSequence, org: Org, offer: MatchedOffer, cancellation: LoanCancellation, now: Date): Promise<void> {
    await this.withdrawService(locks, offer);
    if (cancellation.requeue === 'front') await this.putBackAtFront(offer, now);
    else if (cancellation.requeue === 'in place' && offer.requestId !== null) {
      const request = await this.loans.borrowRequest(offer.requestId);
      if (request && !request.indefinite) await this.loans.reopenInPlace(request.id);
      // Served through an indefinite request, which a locked-in date no longer considers: a dated
      // request with the indefinite one's time keeps the borrower's place among the dated ones.
      else if (request && !(await this.loans.requestOn(offer.orgId, offer.borrowerId, offer.date))) {
        await this.loans.insertRequests([datedRequest(offer.orgId, offer.borrowerId, offer.date, request.createdAt)]);
      }
    }
    if (cancellation.event === 'released') await this.events.released(org, offer, now);
    else await this.events.cancelled(org, offer, cancellation.reason, now);
  }

  /**
   * Takes a cancelled loan's service out of its borrower's chain of services in the org. Each loan
   * records the service before it (`previousServedAt`: the last instant the borrower was served
   * before, shared by the services of one instant) and the membership the last one. When no other
   * service of that instant stands, the services that recorded it now record the cancelled one's
   * previous instead, and the membership's last service, if it was this one, goes back to that
   * previous one. So the borrower's last service is right whatever the order their loans are
   * cancelled in (with only the membership restored, cancelling the earlier loan and then the later
   * one gave back the earlier loan's time, and cancelling one of two loans served at once gave back
   * the time before both). Under the borrower's membership lock, the chain read afresh: two
   * cancellations of their loans on different dates share no date lock, and each rewrites what the
   * other reads.
   */
  private async withdrawService(locks: LoanLockSequence, offer: MatchedOffer): Promise<void> {
    const membership = await locks.membership(offer.orgId, offer.borrowerId);
    const services = await this.loans.servicesOf(offer.orgId, offer.borrowerId);
    const previous = services.find((service) => service.id === offer.id)?.previousServedAt ?? null;
    const others = services.filter((service) => service.id !== offer.id);
    if (others.some((service) => sameInstant(service.matchedAt, offer.matchedAt))) return;
    const next = others.filter((service) => sameInstant(service.previousServedAt, offer.matchedAt));
    await this.loans.setPreviousService(
      next.map((service) => service.id),
      previous,
    );
    if (sameInstant(membership?.lastServedAt ?? null, offer.matchedAt))
      await this.loans.giveBackMemberServed(offer.orgId, offer.borrowerId, previous);
  }

  /** Borrowers who lend or already borrow that date in any org, or own a pass valid that date here. */
  private async busyBorrowers(org: Org, date: string, borrowerIds: number[]): Promise<Set<number>> {
    const busy = await this.loans.offersInvolving(date, borrowerIds);
    const unavailable = new Set<number>(busy.flatMap((o) => [o.lenderId, o.borrowerId]).filter((id): id is number => id !== null));
    const stateId = dayStateIdOn(org, date);
    if (stateId !== null) for (const holder of await this.loans.passHoldersAmong(org.id, stateId, borrowerIds)) unavailable.add(holder);
    return unavailable;
  }

  /**
   * Pairs one offer with one request. No camping at the front: every other open request of the
   * borrower now queues from this moment. Undefined when the offer was taken meanwhile.
   */
  private async serve(locks: LoanLockSequence, org: Org, offer: Offer, request: Queued, now: Date): Promise<MatchedOffer | undefined> {
    // Kept on the loan: a cancelled loan gives the borrower back the place this service took from
    // them. Read afresh under their membership lock (the queue's copy may predate a service of
    // theirs on another date committed meanwhile), so each service records the one right before it;
    // the services of one instant (one request served on several dates) share the one before them.
    const membership = await locks.membership(org.id, request.borrowerId);
    let previousServedAt = membership?.lastServedAt ?? null;
    if (sameInstant(previousServedAt, now)) {
      const sibling = (await this.loans.servicesOf(org.id, request.borrowerId)).find((service) => sameInstant(service.matchedAt, now));
      previousServedAt = sibling?.previousServedAt ?? null;
    }
    const match = { borrowerId: request.borrowerId, requestId: request.id, matchedAt: now, previousServedAt };
    if (!(await this.loans.claimOffer(offer.id, match))) return undefined;
    const matched = Object.assign(offer, match);
    if (!request.indefinite) await this.loans.markRequestServed(request.id, now);
    await this.loans.markMemberServed(org.id, request.borrowerId, now);
    await this.events.matched(org, matched);
    return matched;
  }
}

/** Whether two stored instants are the same (either may come back from the database as text). */
function sameInstant(a: Date | string | null, b: Date | string | null): boolean {
  return a !== null && b !== null && instantOf(a).getTime() === instantOf(b).getTime();
}

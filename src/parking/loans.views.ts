import type { DayState } from './day-state.entity.js';
import type { LoansResponse, MatchResponse, MyRequestResponse, OfferResponse, QueuedRequestResponse } from './dto/responses.dto.js';
import type { LoanDay } from './loan-day.entity.js';
import { priorityKey, queueReason, type QueuedRequest, type Reason } from './loan-matching.js';
import type { Org } from './org.entity.js';
import type { BorrowRequest } from './borrow-request.entity.js';
import type { Offer } from './offer.entity.js';
import { toDayStateView } from './orgs.views.js';

/** An offer paired with a borrower: the match record. */
export type MatchedOffer = Offer & { borrowerId: number; matchedAt: Date };

export const isMatched = (offer: Offer): offer is MatchedOffer => offer.borrowerId !== null;

/** The answer for one date of a borrow, lend or unlend. */
export type BorrowAnswer = { enqueued: true; request_id: number } | { enqueued: false; reason: Reason };
export type LendAnswer = { enqueued: true } | { enqueued: false; reason: Reason };
export type UnlendAnswer = { dequeued: true } | { dequeued: false; reason: Reason };

/** A match as the API and the events show it. */
export function toMatchView(offer: MatchedOffer): MatchResponse {
  return {
    pass_id: offer.passId,
    date: offer.date,
    lender_id: offer.lenderId,
    borrower_id: offer.borrowerId,
    request_id: offer.requestId,
    matched_at: offer.matchedAt.toISOString(),
  };
}

export function toOfferView(offer: Offer): OfferResponse {
  return {
    id: offer.id,
    pass_id: offer.passId,
    lender_id: offer.lenderId,
    offered_at: offer.createdAt.toISOString(),
    borrower_id: offer.borrowerId,
  };
}

export function toQueuedRequestView(request: BorrowRequest & QueuedRequest, index: number): QueuedRequestResponse {
  return {
    id: request.id,
    position: index + 1,
    reason: queueReason(request),
    borrower_id: request.borrowerId,
    indefinite: request.indefinite,
    front_of_queue: request.frontOfQueue,
    requested_at: request.createdAt.toISOString(),
    priority_key: priorityKey(request).toISOString(),
  };
}

/** What `GET /parking/org/:id/loans` shows of a date. */
export interface DateLoans {
  date: string;
  day: LoanDay | null;
  state: DayState | null;
  lockInAt: Date;
  offers: Offer[];
  queue: Array<BorrowRequest & QueuedRequest>;
}

/** A date's offers (in offer order), its open requests (in queue order) and its matches. */
export function toLoansView({ date, day, state, lockInAt, offers, queue }: DateLoans): LoansResponse {
  return {
    date,
    daystate: state ? toDayStateView(state) : null,
    lock_in_at: lockInAt.toISOString(),
    locked_in: day?.lockedAt != null,
    locked_at: day?.lockedAt?.toISOString() ?? null,
    offers: offers.map(toOfferView),
    requests: queue.map((request, index) => toQueuedRequestView(request, index)),
    matches: offers.filter(isMatched).map(toMatchView),
  };
}

/**
 * A borrower's open requests of one org with their places: a dated request's 1-based position in
 * its date's queue (and the queue's length); an indefinite one has no single place, it joins each
 * date after the dated requests.
 */
export function toMyRequestViews(
  org: Org,
  requests: readonly BorrowRequest[],
  queues: ReadonlyMap<string, ReadonlyArray<BorrowRequest & QueuedRequest>>,
): MyRequestResponse[] {
  return requests.map((request) => {
    const queue = request.date === null ? undefined : queues.get(request.date);
    const index = queue?.findIndex((queued) => queued.id === request.id) ?? -1;
    const queued = index >= 0 ? queue![index] : undefined;
    return {
      request_id: request.id,
      org_id: org.id,
      date: request.date,
      indefinite: request.indefinite,
      position: queued ? index + 1 : null,
      queue_length: queue ? queue.length : null,
      priority_key: queued ? priorityKey(queued).toISOString() : request.createdAt.toISOString(),
      reason: queued ? queueReason(queued) : queueReason({ ...request, lastServedAt: null }),
    };
  });
}

/**
 * The fair rules of borrowing and lending (docs/contracts/parking.md, "the rules"), as plain
 * functions: who queues, in which order, who may be paired with an offer. The transactions that
 * apply them live in `loan-matching.service.ts` and `loans.service.ts`.
 */

/** Why a date was not queued, offered or withdrawn: the wording the API answers with. */
export const REASONS = {
  past: 'past date',
  noDayState: 'no day state',
  holdsValidPass: 'you hold a valid pass that day',
  lends: 'you lend a pass that day',
  borrows: 'you borrow that day',
  alreadyQueued: 'already queued',
  alreadyServed: 'already served that day',
  passNotValid: 'the pass is not valid that day',
  alreadyOffered: 'already offered',
  notOffered: 'not offered',
  lockedIn: 'locked in',
} as const;

export type Reason = (typeof REASONS)[keyof typeof REASONS];

/** What the queue order needs to know of a borrow request. */
export interface QueuedRequest {
  id: number;
  createdAt: Date;
  /** When the borrower was last served a pass in this org, if ever. */
  lastServedAt: Date | null;
  /** Put back at the front after losing a loan (its pass was deleted). */
  frontOfQueue: boolean;
  indefinite: boolean;
}

/**
 * First come, first served, and no camping at the front: a request's place in its date's queue is
 * the later of its creation and its borrower's last service, so a borrower just served falls behind
 * everyone already waiting.
 */
export function priorityKey(request: Pick<QueuedRequest, 'createdAt' | 'lastServedAt'>): Date {
  if (request.lastServedAt === null || request.lastServedAt < request.createdAt) return request.createdAt;
  return request.lastServedAt;
}

/**
 * A date's queue: dated requests before indefinite ones; within each, requests that lost a loan
 * to a deleted pass first, then by priority key, then by id so that equal keys still have one
 * stable order.
 */
export function queueOrder<T extends QueuedRequest>(requests: readonly T[]): T[] {
  return [...requests].sort(
    (a, b) =>
      Number(a.indefinite) - Number(b.indefinite) ||
      Number(b.frontOfQueue) - Number(a.frontOfQueue) ||
      priorityKey(a).getTime() - priorityKey(b).getTime() ||
      a.id - b.id,
  );
}

/** Why a request stands where it does in its date's queue: what `GET /parking/me/requests` and the moderator's view say. */
export const QUEUE_REASONS = {
  lostLoan: 'lost a loan: back at the front',
  indefinite: 'indefinite: after the dated requests',
  servedRecently: 'served recently: queued from the last service',
  firstCome: 'first come, first served',
} as const;

export type QueueReason = (typeof QUEUE_REASONS)[keyof typeof QUEUE_REASONS];

/** The reason of a request's place, read from what `queueOrder` sorts by, in the same precedence. */
export function queueReason(request: QueuedRequest): QueueReason {
  if (request.indefinite) return QUEUE_REASONS.indefinite;
  if (request.frontOfQueue) return QUEUE_REASONS.lostLoan;
  if (priorityKey(request) !== request.createdAt) return QUEUE_REASONS.servedRecently;
  return QUEUE_REASONS.firstCome;
}

/** What a borrower already does on a date, as far as queueing for it is concerned. */
export interface BorrowerDay {
  lends: boolean;
  holdsValidPass: boolean;
  served: boolean;
  queued: boolean;
}

/**
 * Why a borrower may not queue for a date, or undefined when they may: nobody lends and borrows
 * the same date, an owner of a pass valid that date borrows no other, a borrower gets at most one
 * pass per date, and one request per date is enough.
 */
export function borrowRefusal(day: BorrowerDay): Reason | undefined {
  if (day.lends) return REASONS.lends;
  if (day.holdsValidPass) return REASONS.holdsValidPass;
  if (day.served) return REASONS.alreadyServed;
  if (day.queued) return REASONS.alreadyQueued;
  return undefined;
}

/** What a lender already does on a date, as far as offering a pass on it is concerned. */
export interface LenderDay {
  offered: boolean;
  borrows: boolean;
}

/** Why a pass may not be offered on a date: one offer per pass and date; nobody lends and borrows the same date. */
export function lendRefusal(day: LenderDay): Reason | undefined {
  if (day.offered) return REASONS.alreadyOffered;
  if (day.borrows) return REASONS.borrows;
  return undefined;
}

/**
 * Lock-in as late as possible, then same-day service: until a date is locked in nothing is matched;
 * once it is, each new offer or request is matched at once.
 */
export function matchesAtOnce(day: { lockedAt: Date | null }): boolean {
  return day.lockedAt !== null;
}

/**
 * Who may be paired with an offer of a date: a participant of the org who neither lends nor
 * already borrows that date (in any org), nor holds a valid pass of their own that date.
 */
export interface BorrowerEligibility {
  participants: ReadonlySet<number>;
  unavailable: ReadonlySet<number>;
}

export function mayBeServed(borrowerId: number, eligibility: BorrowerEligibility): boolean {
  return eligibility.participants.has(borrowerId) && !eligibility.unavailable.has(borrowerId);
}

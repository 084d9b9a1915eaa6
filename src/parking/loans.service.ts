import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { parkingConfig } from '../config/configuration.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { BorrowDto, DatesDto } from './dto/borrow.dto.js';
import type { LoansResponse, MyRequestResponse, ReleaseResponse } from './dto/responses.dto.js';
import { dayStateIdOn, lockInTimeOf, requestedDates, requireWithinHorizon, todayOf, type BookingWindow } from './loan-dates.js';
import { LoanLocks } from './loan-locks.js';
import { LoanMatchingService } from './loan-matching.service.js';
import { borrowRefusal, lendRefusal, matchesAtOnce, REASONS, type Reason } from './loan-matching.js';
import { datedRequest, indefiniteRequest, LoansRepository } from './loans.repository.js';
import { isMatched, toLoansView, toMyRequestViews, type BorrowAnswer, type LendAnswer, type UnlendAnswer } from './loans.views.js';
import { LockInScheduler } from './lock-in.scheduler.js';
import { LockInService } from './lock-in.service.js';
import type { Org } from './org.entity.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { ParkingError } from './parking.errors.js';
import type { Pass } from './pass.entity.js';
import { PassesRepository } from './passes.repository.js';

/** The work of a borrow or lend that retries: a lost race on a unique index re-reads and answers from what won. */
const REREADS = { retryUniqueViolations: true } as const;

/**
 * Borrowing and lending (docs/contracts/parking.md, "the rules"). Each change to an org's dates
 * runs in one transaction that takes its locks in the one order (loan-locks.ts); the unique
 * indexes on offers (pass, date) and (borrower, date) stay the last word.
 */
@Injectable()
export class LoansService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly locks: LoanLocks,
    private readonly loans: LoansRepository,
    private readonly passes: PassesRepository,
    private readonly matching: LoanMatchingService,
    private readonly lockIns: LockInService,
    private readonly orgs: OrgsService,
    private readonly clock: ParkingClock,
    private readonly scheduler: LockInScheduler,
    @Inject(parkingConfig.KEY) private readonly config: ConfigType<typeof parkingConfig>,
  ) {}

  /** Today in the org's zone, and how far ahead its dates may be booked (PARKING_HORIZON_DAYS). */
  window(org: Org): BookingWindow {
    return { today: todayOf(org, this.clock.now()), horizonDays: this.config.horizonDays };
  }

  /** `POST /parking/pass/borrow`: one answer per date, or `{indefinite: …}`. */
  async borrow(userId: number, dto: BorrowDto): Promise<Record<string, BorrowAnswer> | { indefinite: BorrowAnswer }> {
    const indefinite = dto.indefinite === true;
    if (indefinite && (dto.date !== undefined || dto.start_date !== undefined || dto.end_date !== undefined)) {
      throw new ParkingError('INDEFINITE_WITH_DATES', 'an indefinite request takes no dates', { field: 'indefinite' });
    }
    const org = await this.orgs.requireParticipant(dto.org_id, userId);
    if (indefinite) return { indefinite: await this.borrowIndefinitely(org, userId) };
    const window = this.window(org);
    const dates = requestedDates(dto, org, window);
    const today = window.today;
    const { answers, open } = sortOut(
      dates,
      (date) => {
        if (date < today) return REASONS.past;
        if (dayStateIdOn(org, date) === null) return REASONS.noDayState;
        return undefined;
      },
      refusedBorrow,
    );
    if (open.length) Object.assign(answers, await this.transactions.run(() => this.queueRequests(org, userId, open), REREADS));
    return inDateOrder(dates, answers);
  }

  private async queueRequests(stale: Org, userId: number, dates: string[]): Promise<Record<string, BorrowAnswer>> {
    const locks = this.locks.begin();
    await locks.user(userId);
    // Judged by the org as it is now: a schedule change or a removal committed meanwhile counts.
    const org = await this.lockedOrg(locks, stale.id);
    if (!(await this.orgs.roleOf(org.id, userId))?.participant) {
      throw new ParkingError('PARTICIPANTS_ONLY', `only participants of org ${org.id} may do this`);
    }
    const now = this.clock.now();
    const days = await this.lockIns.lockDates(locks, org, dates, now);
    await this.scheduler.schedule(org, dates);
    const lending = await this.loans.offersLentBy(userId, dates);
    const served = await this.loans.offersBorrowedBy(userId, dates);
    const queued = await this.loans.requestsOf(org.id, userId, dates);
    const validStates = await this.loans.validPassStatesOf(org.id, userId);

    const { answers, open: toQueue } = sortOut(
      dates,
      (date) =>
        (dayStateIdOn(org, date) === null ? REASONS.noDayState : undefined) ??
        borrowRefusal({
          lends: lending.some((o) => o.date === date),
          holdsValidPass: validStates.has(dayStateIdOn(org, date)!),
          served: served.some((o) => o.date === date),
          queued: queued.some((r) => r.date === date),
        }),
      refusedBorrow,
    );
    if (toQueue.length === 0) return answers;

    const ids = await this.loans.insertRequests(toQueue.map((date) => datedRequest(org.id, userId, date, now)));
    toQueue.forEach((date, i) => (answers[date] = { enqueued: true, request_id: ids[i] }));
    // Same-day service: on a date already locked in, the new request takes any offer still free.
    for (const date of toQueue) {
      if (matchesAtOnce(days.get(date)!)) await this.matching.matchDate(locks, org, date, false, now);
    }
    return answers;
  }

  /** Indefinite requests are never matched on dates already locked in: nothing to match now. */
  private async borrowIndefinitely(org: Org, userId: number): Promise<BorrowAnswer> {
    return this.transactions.run(async () => {
      if (await this.loans.indefiniteRequestOf(org.id, userId)) return refusedBorrow(REASONS.alreadyQueued);
      const [id] = await this.loans.insertRequests([indefiniteRequest(org.id, userId, this.clock.now())]);
      return { enqueued: true, request_id: id };
    }, REREADS);
  }

  /** `DELETE /parking/pass/borrow/:requestId`. */
  async withdraw(userId: number, requestId: number): Promise<void> {
    await this.transactions.run(async () => {
      const request = await this.loans.borrowRequest(requestId);
      if (!request || request.borrowerId !== userId) {
        throw new ParkingError('BORROW_REQUEST_NOT_FOUND', `borrow request ${requestId} not found`);
      }
      if (request.date !== null) {
        const locks = this.locks.begin();
        const org = await this.lockedOrg(locks, request.orgId);
        await this.lockIns.lockDates(locks, org, [request.date], this.clock.now());
        const current = await this.loans.borrowRequest(requestId);
        if (!current) return;
        if (current.servedAt !== null) throw new ParkingError('REQUEST_SERVED', 'this request was served and its match is locked in');
      }
      await this.loans.deleteRequest(requestId);
    }, REREADS);
  }

  /** `POST /parking/pass/:id/lend`. */
  async lend(userId: number, passId: number, dto: DatesDto): Promise<Record<string, LendAnswer>> {
    const pass = await this.requireOwnPass(userId, passId);
    if (pass.stateId === null) throw new ParkingError('PASS_NOT_VERIFIED', `pass ${passId} is not verified yet`);
    const org = await this.orgs.requireOrg(pass.orgId);
    const window = this.window(org);
    const dates = requestedDates(dto, org, window);
    const today = window.today;
    const { answers, open } = sortOut(
      dates,
      (date) => {
        if (date < today) return REASONS.past;
        if (dayStateIdOn(org, date) !== pass.stateId) return REASONS.passNotValid;
        return undefined;
      },
      refusedLend,
    );
    if (open.length) Object.assign(answers, await this.transactions.run(() => this.offer(org, pass, userId, open), REREADS));
    return inDateOrder(dates, answers);
  }

  private async offer(stale: Org, pass: Pass, userId: number, dates: string[]): Promise<Record<string, LendAnswer>> {
    const locks = this.locks.begin();
    await locks.user(userId);
    const stillThere = await locks.pass(pass.id);
    const org = await this.lockedOrg(locks, stale.id);
    const now = this.clock.now();
    const days = await this.lockIns.lockDates(locks, org, dates, now);
    await this.scheduler.schedule(org, dates);
    if (!stillThere || stillThere.stateId !== pass.stateId) {
      throw new ParkingError('PASS_CHANGED_MEANWHILE', `pass ${pass.id} changed meanwhile; try again`);
    }
    const offered = await this.loans.offersOfPass(pass.id, dates);
    const borrowing = await this.loans.requestsInAnyOrg(userId, dates);
    const borrowed = await this.loans.offersBorrowedBy(userId, dates);

    const { answers, open: toOffer } = sortOut(
      dates,
      (date) =>
        (dayStateIdOn(org, date) !== pass.stateId ? REASONS.passNotValid : undefined) ??
        lendRefusal({
          offered: offered.some((o) => o.date === date),
          borrows: borrowing.some((r) => r.date === date) || borrowed.some((o) => o.date === date),
        }),
      refusedLend,
    );
    if (toOffer.length === 0) return answers;
    await this.loans.insertOffers(toOffer.map((date) => ({ orgId: org.id, passId: pass.id, lenderId: userId, date, createdAt: now })));
    for (const date of toOffer) {
      answers[date] = { enqueued: true };
      // Same-day service: on a date already locked in, the new offer goes to the head of the queue.
      if (matchesAtOnce(days.get(date)!)) await this.matching.matchDate(locks, org, date, false, now);
    }
    return answers;
  }

  /** `POST /parking/pass/:id/unlend`: a matched offer stays. */
  async unlend(userId: number, passId: number, dto: DatesDto): Promise<Record<string, UnlendAnswer>> {
    const pass = await this.requireOwnPass(userId, passId);
    const org = await this.orgs.requireOrg(pass.orgId);
    const window = this.window(org);
    const dates = requestedDates(dto, org, window);
    const today = window.today;
    const { answers, open } = sortOut(dates, (date) => (date < today ? REASONS.past : undefined), refusedUnlend);
    if (open.length) Object.assign(answers, await this.transactions.run(() => this.withdrawOffers(org, passId, open), REREADS));
    return inDateOrder(dates, answers);
  }

  private async withdrawOffers(stale: Org, passId: number, dates: string[]): Promise<Record<string, UnlendAnswer>> {
    const offered = await this.loans.offersOfPass(passId, dates);
    const locks = this.locks.begin();
    const org = await this.lockedOrg(locks, stale.id);
    await this.lockIns.lockDates(
      locks,
      org,
      offered.map((o) => o.date),
      this.clock.now(),
    );
    const current = await this.loans.offersOfPass(passId, dates);
    const answers: Record<string, UnlendAnswer> = {};
    for (const date of dates) {
      const offer = current.find((o) => o.date === date);
      if (!offer) answers[date] = refusedUnlend(REASONS.notOffered);
      else if (offer.borrowerId !== null) answers[date] = refusedUnlend(REASONS.lockedIn);
      else {
        await this.loans.withdrawFreeOffer(offer.id);
        answers[date] = { dequeued: true };
      }
    }
    return answers;
  }

  /** `POST /parking/org/:id/lock-in?date=`: locks the date in now and shows its loans. */
  async lockIn(orgId: number, date: string): Promise<LoansResponse> {
    const org = await this.orgs.requireOrg(orgId);
    requireWithinHorizon(date, this.window(org));
    await this.lockIns.lockIn(org, date);
    return this.loansOn(org, date);
  }

  /** `GET /parking/org/:id/loans?date=`: offers, the queue in order and the matches of a date. */
  async loansOn(org: Org, date: string): Promise<LoansResponse> {
    const day = await this.loans.loanDay(org.id, date);
    const offers = await this.loans.offersOn(org.id, date);
    const queue = await this.matching.queue(org, date, day?.lockedAt == null);
    const stateId = dayStateIdOn(org, date);
    const state = stateId === null ? null : await this.orgs.dayState(org.id, stateId);
    return toLoansView({ date, day, state, lockInAt: lockInTimeOf(org, date), offers, queue });
  }

  /**
   * Everything a deleted pass takes with it: its offers from today on. Their borrowers go back to
   * the front of their date's queue, and on dates already locked in they are matched again at once
   * if another offer is free. Past loans stay on record (their `pass_id` becomes null).
   */
  async deletePass(pass: Pass): Promise<void> {
    await this.transactions.run(async () => {
      const locks = this.locks.begin();
      // The pass row first: a lend committed before this sees its offers deleted here, one after waits and finds no pass.
      if (!(await locks.pass(pass.id))) throw new ParkingError('PASS_NOT_FOUND', `pass ${pass.id} not found`);
      const org = await this.lockedOrg(locks, pass.orgId);
      const now = this.clock.now();
      const today = todayOf(org, now);
      const future = await this.loans.offersOfPassFrom(pass.id, today);
      const days = await this.lockIns.lockDates(
        locks,
        org,
        future.map((o) => o.date),
        now,
      );
      const offers = await this.loans.offersOfPassFrom(pass.id, today);
      for (const offer of offers.filter(isMatched)) {
        await this.matching.cancelLoan(locks, org, offer, { reason: 'pass deleted', requeue: 'front' }, now);
      }
      await this.loans.deleteOffers(offers.map((o) => o.id));
      await this.passes.deletePass(pass.id);
      for (const [date, day] of days) {
        if (matchesAtOnce(day)) await this.matching.matchDate(locks, org, date, false, now);
      }
    }, REREADS);
  }

  /**
   * `POST /parking/pass/:id/release`: the owner takes back a pass lent and matched on a date that
   * has not started yet (org zone). The borrower gets back the priority that loan cost them, goes to
   * the front of that date's queue, is told (`LoanReleased`) and is matched again at once if
   * another offer is free.
   */
  async release(userId: number, passId: number, date: string): Promise<ReleaseResponse> {
    const pass = await this.requireOwnPass(userId, passId);
    const stale = await this.orgs.requireOrg(pass.orgId);
    const window = this.window(stale);
    requireWithinHorizon(date, window);
    if (date <= window.today) {
      throw new ParkingError('RELEASE_TOO_LATE', `${date} has already started in the org's time zone: the loan stands`, { field: 'date' });
    }
    return this.transactions.run(async () => {
      const locks = this.locks.begin();
      if (!(await locks.pass(passId))) throw new ParkingError('PASS_NOT_FOUND', `pass ${passId} not found`);
      const org = await this.lockedOrg(locks, stale.id);
      const now = this.clock.now();
      await this.lockIns.lockDates(locks, org, [date], now);
      const [offer] = await this.loans.offersOfPass(passId, [date]);
      if (!offer) throw new ParkingError('NOT_LENT', `pass ${passId} is not lent on ${date}`, { field: 'date' });
      if (!isMatched(offer)) throw new ParkingError('NOT_MATCHED', `pass ${passId} is offered on ${date} but not matched yet: unlend it`);
      await this.matching.cancelLoan(locks, org, offer, { reason: 'released by the lender', requeue: 'front', event: 'released' }, now);
      await this.loans.deleteOffers([offer.id]);
      const rematched = await this.matching.matchDate(locks, org, date, false, now);
      const again = rematched.find((match) => match.borrowerId === offer.borrowerId);
      return { date, pass_id: passId, borrower_id: offer.borrowerId, rematched_pass_id: again?.passId ?? null };
    }, REREADS);
  }

  /**
   * `GET /parking/me/requests`: the caller's open requests (dated from today on, and indefinite
   * ones), each with its place in its date's queue and why it is there.
   */
  async myRequests(userId: number): Promise<MyRequestResponse[]> {
    const requests = await this.loans.openRequestsOfUser(userId, '0000-01-01');
    const views: MyRequestResponse[] = [];
    for (const orgId of [...new Set(requests.map((r) => r.orgId))]) {
      const org = await this.orgs.requireOrg(orgId);
      const today = todayOf(org, this.clock.now());
      const mine = requests.filter((r) => r.orgId === orgId && (r.date === null || r.date >= today));
      const dates = [...new Set(mine.map((r) => r.date).filter((date): date is string => date !== null))];
      const queues = await this.matching.queues(org, dates);
      views.push(...toMyRequestViews(org, mine, queues));
    }
    return views.sort((a, b) => (a.date ?? '9999-99-99').localeCompare(b.date ?? '9999-99-99') || a.request_id - b.request_id);
  }

  private async lockedOrg(locks: ReturnType<LoanLocks['begin']>, orgId: number): Promise<Org> {
    const org = await locks.org(orgId);
    if (!org) throw new ParkingError('ORG_NOT_FOUND', `org ${orgId} not found`);
    return org;
  }

  /** Whether the pass has offers from today on (a change of its state would strand them). */
  async hasFutureOffers(pass: Pass, org: Org): Promise<boolean> {
    return this.loans.passOfferedFrom(pass.id, todayOf(org, this.clock.now()));
  }

  private async requireOwnPass(userId: number, passId: number): Promise<Pass> {
    const pass = await this.passes.pass(passId);
    if (!pass) throw new ParkingError('PASS_NOT_FOUND', `pass ${passId} not found`);
    if (pass.ownerId !== userId) throw new ParkingError('PASS_OWNER_ONLY', `only the owner of pass ${passId} may lend it`);
    return pass;
  }
}

const refusedBorrow = (reason: Reason): BorrowAnswer => ({ enqueued: false, reason });
const refusedLend = (reason: Reason): LendAnswer => ({ enqueued: false, reason });
const refusedUnlend = (reason: Reason): UnlendAnswer => ({ dequeued: false, reason });

/** Answers the dates a rule refuses, and returns the others (in the order given) for the next step. */
function sortOut<A>(
  dates: string[],
  refusal: (date: string) => Reason | undefined,
  refused: (reason: Reason) => A,
): { answers: Record<string, A>; open: string[] } {
  const answers: Record<string, A> = {};
  const open: string[] = [];
  for (const date of dates) {
    const reason = refusal(date);
    if (reason === undefined) open.push(date);
    else answers[date] = refused(reason);
  }
  return { answers, open };
}

/** The answers keyed in the order the dates were asked. */
function inDateOrder<A>(dates: string[], answers: Record<string, A>): Record<string, A> {
  return Object.fromEntries(dates.map((date) => [date, answers[date]]));
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import { isPostgres } from '../database/column-types.js';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import { BorrowRequest } from './borrow-request.entity.js';
import { isRetryableConflict } from '../database/database-errors.js';
import { BorrowDto, DatesDto } from './dto/borrow.dto.js';
import { LoanDay } from './loan-day.entity.js';
import { LockInScheduler } from './lock-in.scheduler.js';
import { Membership } from './membership.entity.js';
import { Offer } from './offer.entity.js';
import { Org } from './org.entity.js';
import { dayStateView, OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { ParkingUser } from './parking-user.entity.js';
import { Pass } from './pass.entity.js';
import { priorityKey, queueOrder, QueuedRequest } from './queue-order.js';
import { datesFrom, daysBetween, lockInInstant, todayIn } from './schedule.js';

/** The longest range one borrow or lend request may cover. */
export const MAX_RANGE_DAYS = 366;

/** The stream every parking loan event goes to, and its single writer. */
export const LOANS_STREAM = 'parking.loans';
export const PARKING_PRODUCER = 'citymove.parking';

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

export type BorrowAnswer = { enqueued: true; request_id: number } | { enqueued: false; reason: string };
export type LendAnswer = { enqueued: true } | { enqueued: false; reason: string };
export type UnlendAnswer = { dequeued: true } | { dequeued: false; reason: string };

type Queued = BorrowRequest & QueuedRequest;

/**
 * Borrowing and lending (spec/parking.md, "the rules"). Every change to one org's date runs in a
 * transaction that first locks that date's `LoanDay` row, so a date's joins, withdrawals and matching
 * happen one at a time; the unique indexes on offers (pass, date) and (borrower, date) stay the last
 * word, and a transaction that loses a race on one of them is run again and answers from what won.
 */
@Injectable()
export class LoansService {
  private readonly logger = new Logger(LoansService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orgs: OrgsService,
    private readonly clock: ParkingClock,
    private readonly scheduler: LockInScheduler,
    private readonly events: DomainEventsPublisher,
  ) {}

  /** `POST /parking/pass/borrow`: one answer per date, or `{indefinite: …}`. */
  async borrow(userId: number, dto: BorrowDto): Promise<Record<string, BorrowAnswer> | { indefinite: BorrowAnswer }> {
    const form = dto.indefinite === true ? 'indefinite' : undefined;
    if (form && (dto.date !== undefined || dto.start_date !== undefined || dto.end_date !== undefined)) {
      throw ApiError.badRequest('an indefinite request takes no dates', { field: 'indefinite' });
    }
    const dates = form ? [] : requestedDates(dto);
    const org = await this.orgs.requireParticipant(dto.org_id, userId);
    if (form) return { indefinite: await this.borrowIndefinitely(org, userId) };

    const now = this.clock.now();
    const today = todayIn(org.timezone, now);
    const answers: Record<string, BorrowAnswer> = {};
    const open: string[] = [];
    for (const date of dates) {
      if (date < today) answers[date] = { enqueued: false, reason: REASONS.past };
      else if (this.orgs.dayStateIdOn(org, date) === null) answers[date] = { enqueued: false, reason: REASONS.noDayState };
      else open.push(date);
    }
    if (open.length) Object.assign(answers, await this.withRetry(() => this.queueRequests(org, userId, open)));
    await this.scheduler.schedule(org, open);
    return Object.fromEntries(dates.map((date) => [date, answers[date]]));
  }

  private async queueRequests(org: Org, userId: number, dates: string[]): Promise<Record<string, BorrowAnswer>> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockUser(manager, userId);
      const now = this.clock.now();
      const days = await this.lockDays(manager, org, dates, now);
      const lending = await manager.findBy(Offer, { lenderId: userId, date: In(dates) });
      const served = await manager.findBy(Offer, { borrowerId: userId, date: In(dates) });
      const queued = await manager.findBy(BorrowRequest, { orgId: org.id, borrowerId: userId, date: In(dates) });
      const validStates = await this.validPassStates(manager, org.id, userId);

      const answers: Record<string, BorrowAnswer> = {};
      const toQueue: string[] = [];
      for (const date of dates) {
        const reason = lending.some((o) => o.date === date)
          ? REASONS.lends
          : validStates.has(this.orgs.dayStateIdOn(org, date)!)
            ? REASONS.holdsValidPass
            : served.some((o) => o.date === date)
              ? REASONS.alreadyServed
              : queued.some((r) => r.date === date)
                ? REASONS.alreadyQueued
                : undefined;
        if (reason) answers[date] = { enqueued: false, reason };
        else toQueue.push(date);
      }
      if (toQueue.length === 0) return answers;

      const inserted = await manager.insert(
        BorrowRequest,
        toQueue.map((date) => ({ orgId: org.id, borrowerId: userId, date, indefinite: false, indefiniteKey: null, frontOfQueue: false, createdAt: now, servedAt: null })),
      );
      toQueue.forEach((date, i) => (answers[date] = { enqueued: true, request_id: Number(inserted.identifiers[i].id) }));
      // Same-day service: on a date already locked in, the new request takes any offer still free.
      for (const date of toQueue) {
        if (days.get(date)!.lockedAt !== null) await this.matchDate(manager, org, date, false, now);
      }
      return answers;
    });
  }

  private async borrowIndefinitely(org: Org, userId: number): Promise<BorrowAnswer> {
    return this.withRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const existing = await manager.findOneBy(BorrowRequest, { orgId: org.id, indefiniteKey: userId });
        if (existing) return { enqueued: false, reason: REASONS.alreadyQueued };
        // Indefinite requests are never matched on dates already locked in (rule 3): nothing to match now.
        const inserted = await manager.insert(BorrowRequest, {
          orgId: org.id,
          borrowerId: userId,
          date: null,
          indefinite: true,
          indefiniteKey: userId,
          frontOfQueue: false,
          createdAt: this.clock.now(),
          servedAt: null,
        });
        return { enqueued: true, request_id: Number(inserted.identifiers[0].id) };
      }),
    );
  }

  /** `DELETE /parking/pass/borrow/:requestId`. */
  async withdraw(userId: number, requestId: number): Promise<void> {
    await this.withRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const request = await manager.findOneBy(BorrowRequest, { id: requestId });
        if (!request || request.borrowerId !== userId) throw ApiError.notFound(`borrow request ${requestId} not found`);
        if (request.date !== null) {
          const org = await manager.findOneByOrFail(Org, { id: request.orgId });
          await this.lockDays(manager, org, [request.date], this.clock.now());
          const current = await manager.findOneBy(BorrowRequest, { id: requestId });
          if (!current) return;
          if (current.servedAt !== null) throw ApiError.conflict('this request was served and its match is locked in');
        }
        await manager.delete(BorrowRequest, { id: requestId });
      }),
    );
  }

  /** `POST /parking/pass/:id/lend`. */
  async lend(userId: number, passId: number, dto: DatesDto): Promise<Record<string, LendAnswer>> {
    const dates = requestedDates(dto);
    const pass = await this.requireOwnPass(userId, passId);
    if (pass.stateId === null) throw ApiError.conflict(`pass ${passId} is not verified yet`);
    const org = await this.orgs.requireOrg(pass.orgId);
    const today = todayIn(org.timezone, this.clock.now());
    const answers: Record<string, LendAnswer> = {};
    const open: string[] = [];
    for (const date of dates) {
      if (date < today) answers[date] = { enqueued: false, reason: REASONS.past };
      else if (this.orgs.dayStateIdOn(org, date) !== pass.stateId) answers[date] = { enqueued: false, reason: REASONS.passNotValid };
      else open.push(date);
    }
    if (open.length) Object.assign(answers, await this.withRetry(() => this.offer(org, pass, userId, open)));
    await this.scheduler.schedule(org, open);
    return Object.fromEntries(dates.map((date) => [date, answers[date]]));
  }

  private async offer(org: Org, pass: Pass, userId: number, dates: string[]): Promise<Record<string, LendAnswer>> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockUser(manager, userId);
      // Locked before the dates, as deletion and re-assignment do: a pass being deleted gets no new offers.
      const stillThere = await lockPass(manager, pass.id);
      const now = this.clock.now();
      const days = await this.lockDays(manager, org, dates, now);
      if (!stillThere || stillThere.stateId !== pass.stateId) throw ApiError.conflict(`pass ${pass.id} changed meanwhile; try again`);
      const offered = await manager.findBy(Offer, { passId: pass.id, date: In(dates) });
      const borrowing = await manager.findBy(BorrowRequest, { borrowerId: userId, date: In(dates) });
      const borrowed = await manager.findBy(Offer, { borrowerId: userId, date: In(dates) });

      const answers: Record<string, LendAnswer> = {};
      const toOffer: string[] = [];
      for (const date of dates) {
        const reason = offered.some((o) => o.date === date)
          ? REASONS.alreadyOffered
          : borrowing.some((r) => r.date === date) || borrowed.some((o) => o.date === date)
            ? REASONS.borrows
            : undefined;
        if (reason) answers[date] = { enqueued: false, reason };
        else toOffer.push(date);
      }
      if (toOffer.length === 0) return answers;
      await manager.insert(
        Offer,
        toOffer.map((date) => ({ orgId: org.id, passId: pass.id, lenderId: userId, date, createdAt: now, borrowerId: null, requestId: null, matchedAt: null })),
      );
      for (const date of toOffer) {
        answers[date] = { enqueued: true };
        // Same-day service: on a date already locked in, the new offer goes to the head of the queue.
        if (days.get(date)!.lockedAt !== null) await this.matchDate(manager, org, date, false, now);
      }
      return answers;
    });
  }

  /** `POST /parking/pass/:id/unlend`. */
  async unlend(userId: number, passId: number, dto: DatesDto): Promise<Record<string, UnlendAnswer>> {
    const dates = requestedDates(dto);
    const pass = await this.requireOwnPass(userId, passId);
    const org = await this.orgs.requireOrg(pass.orgId);
    const today = todayIn(org.timezone, this.clock.now());
    const answers: Record<string, UnlendAnswer> = {};
    const open = dates.filter((date) => date >= today);
    for (const date of dates) if (date < today) answers[date] = { dequeued: false, reason: REASONS.past };
    if (open.length) {
      const withdrawn = await this.withRetry(() =>
        this.dataSource.transaction(async (manager) => {
          const offered = await manager.findBy(Offer, { passId, date: In(open) });
          await this.lockDays(manager, org, offered.map((o) => o.date), this.clock.now());
          const current = await manager.findBy(Offer, { passId, date: In(open) });
          const result: Record<string, UnlendAnswer> = {};
          for (const date of open) {
            const offer = current.find((o) => o.date === date);
            if (!offer) result[date] = { dequeued: false, reason: REASONS.notOffered };
            else if (offer.borrowerId !== null) result[date] = { dequeued: false, reason: REASONS.lockedIn };
            else {
              await manager.delete(Offer, { id: offer.id, borrowerId: IsNull() });
              result[date] = { dequeued: true };
            }
          }
          return result;
        }),
      );
      Object.assign(answers, withdrawn);
    }
    return Object.fromEntries(dates.map((date) => [date, answers[date]]));
  }

  /**
   * Locks `date` in now (the moderator's route and the scheduled job): its offers, in offer order,
   * go to its requests in queue order, dated requests first, then indefinite ones.
   */
  async lockIn(orgId: number, date: string) {
    const org = await this.orgs.requireOrg(orgId);
    await this.withRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const day = (await this.lockDays(manager, org, [date], now)).get(date)!;
        if (day.lockedAt === null) await this.lockDay(manager, org, day, now);
        else await this.matchDate(manager, org, date, false, now);
      }),
    );
    return this.loans(org, date);
  }

  /** The scheduled job: locks the date in unless the org moved its lock-in time later meanwhile. */
  async lockInWhenDue(orgId: number, date: string): Promise<void> {
    const org = await this.orgs.requireOrg(orgId).catch(() => null);
    if (!org) return;
    const due = lockInInstant(date, org.lockIn, org.timezone);
    if (this.clock.now() < due) {
      await this.scheduler.schedule(org, [date], { after: due });
      return;
    }
    await this.lockIn(orgId, date);
  }

  /** `GET /parking/org/:id/loans?date=`: offers, the queue in order and the matches of a date. */
  async loans(org: Org, date: string) {
    const day = await this.dataSource.manager.findOneBy(LoanDay, { orgId: org.id, date });
    const locked = day?.lockedAt != null;
    const offers = await this.dataSource.manager.find(Offer, { where: { orgId: org.id, date }, order: { createdAt: 'ASC', id: 'ASC' } });
    const queue = await this.queue(this.dataSource.manager, org, date, !locked);
    const stateId = this.orgs.dayStateIdOn(org, date);
    const state = stateId === null ? null : await this.orgs.dayState(org.id, stateId);
    return {
      date,
      daystate: state ? dayStateView(state) : null,
      lock_in_at: lockInInstant(date, org.lockIn, org.timezone).toISOString(),
      locked_in: locked,
      locked_at: day?.lockedAt?.toISOString() ?? null,
      offers: offers.map((o) => ({
        id: o.id,
        pass_id: o.passId,
        lender_id: o.lenderId,
        offered_at: o.createdAt.toISOString(),
        borrower_id: o.borrowerId,
      })),
      requests: queue.map((r) => ({
        id: r.id,
        borrower_id: r.borrowerId,
        indefinite: r.indefinite,
        front_of_queue: r.frontOfQueue,
        requested_at: r.createdAt.toISOString(),
        priority_key: priorityKey(r).toISOString(),
      })),
      matches: offers.filter((o) => o.borrowerId !== null).map(matchView),
    };
  }

  /**
   * Everything a deleted pass takes with it: its offers from today on. Their borrowers go back to
   * the front of their date's queue, and on dates already locked in they are matched again at once
   * if another offer is free. Past loans stay on record (their `pass_id` becomes null).
   */
  async deletePass(pass: Pass): Promise<void> {
    await this.withRetry(() =>
      this.dataSource.transaction(async (manager) => {
        // The pass row first: a lend committed before this sees its offers deleted here, one after waits and finds no pass.
        if (!(await lockPass(manager, pass.id))) throw ApiError.notFound(`pass ${pass.id} not found`);
        const org = await manager.findOneByOrFail(Org, { id: pass.orgId });
        const now = this.clock.now();
        const today = todayIn(org.timezone, now);
        const future = await manager.findBy(Offer, { passId: pass.id, date: MoreThanOrEqual(today) });
        const days = await this.lockDays(manager, org, future.map((o) => o.date), now);
        const offers = await manager.findBy(Offer, { passId: pass.id, date: MoreThanOrEqual(today) });
        for (const offer of offers.filter((o) => o.borrowerId !== null)) {
          await this.requeueAtFront(manager, offer, now);
          await this.events.publish(
            {
              stream: LOANS_STREAM,
              producerId: PARKING_PRODUCER,
              name: 'LoanCancelled',
              payload: { ...matchView(offer), org_id: org.id, reason: 'pass deleted', cancelled_at: now.toISOString() },
            },
            manager,
          );
        }
        if (offers.length) await manager.delete(Offer, { id: In(offers.map((o) => o.id)) });
        await manager.delete(Pass, { id: pass.id });
        for (const [date, day] of days) {
          if (day.lockedAt !== null) await this.matchDate(manager, org, date, false, now);
        }
      }),
    );
  }

  /** Whether the pass has offers from today on (a change of its state would strand them). */
  async hasFutureOffers(pass: Pass, org: Org, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Offer, { passId: pass.id, date: MoreThanOrEqual(todayIn(org.timezone, this.clock.now())) });
  }

  private async requeueAtFront(manager: EntityManager, offer: Offer, now: Date): Promise<void> {
    const dated = await manager.findOneBy(BorrowRequest, { orgId: offer.orgId, borrowerId: offer.borrowerId!, date: offer.date });
    if (dated) {
      await manager.update(BorrowRequest, { id: dated.id }, { servedAt: null, frontOfQueue: true });
      return;
    }
    // Served through an indefinite request: a dated request at the front stands in for the lost loan.
    await manager.insert(BorrowRequest, {
      orgId: offer.orgId,
      borrowerId: offer.borrowerId!,
      date: offer.date,
      indefinite: false,
      indefiniteKey: null,
      frontOfQueue: true,
      createdAt: now,
      servedAt: null,
    });
  }

  /**
   * Serialises one user's borrowing and lending: "nobody lends and borrows the same date" spans orgs,
   * which the per-org date locks alone do not order. Always taken before any date lock. `FOR NO KEY
   * UPDATE` leaves the foreign-key checks of other transactions (which take KEY SHARE) unblocked.
   */
  private async lockUser(manager: EntityManager, userId: number): Promise<void> {
    if (!isPostgres) return;
    await manager
      .getRepository(ParkingUser)
      .createQueryBuilder('user')
      .select('user.id')
      .where('user.id = :userId', { userId })
      .setLock('for_no_key_update')
      .getOne();
  }

  /**
   * Creates the `LoanDay` rows of `dates` if missing and locks them in date order (the one order
   * every transaction uses, so two of them never wait on each other in a cycle). A date whose
   * lock-in time has passed without the job having run yet is locked in here first.
   */
  private async lockDays(manager: EntityManager, org: Org, dates: string[], now: Date): Promise<Map<string, LoanDay>> {
    const sorted = [...new Set(dates)].sort();
    if (sorted.length === 0) return new Map();
    await manager
      .createQueryBuilder()
      .insert()
      .into(LoanDay)
      .values(sorted.map((date) => ({ orgId: org.id, date, lockedAt: null })))
      .orIgnore()
      .execute();
    let query = manager
      .getRepository(LoanDay)
      .createQueryBuilder('day')
      .where('day.org_id = :orgId', { orgId: org.id })
      .andWhere('day.date IN (:...dates)', { dates: sorted })
      .orderBy('day.date', 'ASC');
    // SQLite has no row locks: it runs one writing transaction at a time anyway.
    if (isPostgres) query = query.setLock('pessimistic_write');
    const days = new Map((await query.getMany()).map((day) => [day.date, day]));
    for (const day of days.values()) {
      if (day.lockedAt === null && now >= lockInInstant(day.date, org.lockIn, org.timezone)) await this.lockDay(manager, org, day, now);
    }
    return days;
  }

  private async lockDay(manager: EntityManager, org: Org, day: LoanDay, now: Date): Promise<void> {
    await manager.update(LoanDay, { orgId: org.id, date: day.date }, { lockedAt: now });
    day.lockedAt = now;
    await this.matchDate(manager, org, day.date, true, now);
    this.logger.log(`org ${org.id} locked in ${day.date}`);
  }

  /** A date's open requests in queue order (rules 1-3), with each borrower's last-served time. */
  private async queue(manager: EntityManager, org: Org, date: string, includeIndefinite: boolean): Promise<Queued[]> {
    const dated = await manager.findBy(BorrowRequest, { orgId: org.id, date, servedAt: IsNull() });
    const indefinite = includeIndefinite ? await manager.findBy(BorrowRequest, { orgId: org.id, indefinite: true }) : [];
    const requests = [...dated, ...indefinite];
    if (requests.length === 0) return [];
    const memberships = await manager.findBy(Membership, { orgId: org.id, userId: In([...new Set(requests.map((r) => r.borrowerId))]) });
    const lastServed = new Map(memberships.map((m) => [m.userId, m.lastServedAt]));
    return queueOrder(requests.map((r) => Object.assign(r, { lastServedAt: lastServed.get(r.borrowerId) ?? null })));
  }

  /**
   * Pairs the date's free offers, in offer order, with its queue (rule 4). Borrowers are skipped who
   * already have a pass that day (in any org), lend that day, or hold a valid pass of their own.
   */
  private async matchDate(manager: EntityManager, org: Org, date: string, includeIndefinite: boolean, now: Date): Promise<Offer[]> {
    const offers = await manager.find(Offer, { where: { orgId: org.id, date, borrowerId: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (offers.length === 0) return [];
    const queue = await this.queue(manager, org, date, includeIndefinite);
    if (queue.length === 0) return [];

    const borrowerIds = [...new Set(queue.map((r) => r.borrowerId))];
    const busy = await manager.find(Offer, {
      where: [
        { date, borrowerId: In(borrowerIds) },
        { date, lenderId: In(borrowerIds) },
      ],
    });
    const unavailable = new Set(busy.flatMap((o) => [o.lenderId, o.borrowerId]));
    const stateId = this.orgs.dayStateIdOn(org, date);
    if (stateId !== null) {
      const holders = await manager.findBy(Pass, { orgId: org.id, stateId, ownerId: In(borrowerIds) });
      holders.forEach((pass) => unavailable.add(pass.ownerId));
    }
    const members = await manager.findBy(Membership, { orgId: org.id, userId: In(borrowerIds), participant: true });
    const participants = new Set(members.map((m) => m.userId));

    const matched: Offer[] = [];
    let next = 0;
    for (const offer of offers) {
      while (next < queue.length && (unavailable.has(queue[next].borrowerId) || !participants.has(queue[next].borrowerId))) next++;
      if (next === queue.length) break;
      const request = queue[next++];
      const claimed = await manager.update(
        Offer,
        { id: offer.id, borrowerId: IsNull() },
        { borrowerId: request.borrowerId, requestId: request.id, matchedAt: now },
      );
      if (!claimed.affected) continue;
      Object.assign(offer, { borrowerId: request.borrowerId, requestId: request.id, matchedAt: now });
      if (!request.indefinite) await manager.update(BorrowRequest, { id: request.id }, { servedAt: now });
      // Rule 2: every other open request of this borrower now queues from this moment.
      await manager.update(Membership, { orgId: org.id, userId: request.borrowerId }, { lastServedAt: now });
      unavailable.add(request.borrowerId);
      await this.events.publish(
        { stream: LOANS_STREAM, producerId: PARKING_PRODUCER, name: 'LoanMatched', payload: { ...matchView(offer), org_id: org.id } },
        manager,
      );
      matched.push(offer);
    }
    return matched;
  }

  private async validPassStates(manager: EntityManager, orgId: number, userId: number): Promise<Set<number>> {
    const passes = await manager.findBy(Pass, { orgId, ownerId: userId, stateId: Not(IsNull()) });
    return new Set(passes.map((pass) => pass.stateId!));
  }

  private async requireOwnPass(userId: number, passId: number): Promise<Pass> {
    const pass = await this.dataSource.manager.findOneBy(Pass, { id: passId });
    if (!pass) throw ApiError.notFound(`pass ${passId} not found`);
    if (pass.ownerId !== userId) throw ApiError.forbidden(`only the owner of pass ${passId} may lend it`);
    return pass;
  }

  /** Runs `work` again when it lost a race on a unique index or a deadlock: the retry sees the winner. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= 5 || !isRetryableConflict(error)) throw error;
      }
    }
  }
}

/**
 * Reads and locks a pass row (`FOR NO KEY UPDATE` on PostgreSQL: it orders lends, deletion and
 * re-assignment of one pass, yet does not block the foreign-key checks of matches on its offers).
 */
export async function lockPass(manager: EntityManager, passId: number): Promise<Pass | null> {
  let query = manager.getRepository(Pass).createQueryBuilder('pass').where('pass.id = :passId', { passId });
  if (isPostgres) query = query.setLock('for_no_key_update');
  return query.getOne();
}

/** A match as the API and the events show it. */
export function matchView(offer: Offer) {
  return {
    pass_id: offer.passId,
    date: offer.date,
    lender_id: offer.lenderId,
    borrower_id: offer.borrowerId,
    request_id: offer.requestId,
    matched_at: offer.matchedAt?.toISOString() ?? null,
  };
}

/** The dates a `{date}` or `{start_date, end_date}` body names, or a 400 naming the faulty field. */
export function requestedDates(dto: DatesDto): string[] {
  const single = dto.date !== undefined;
  const range = dto.start_date !== undefined || dto.end_date !== undefined;
  if (single && range) throw ApiError.badRequest('give either date or start_date and end_date, not both', { field: 'date' });
  if (single) return [dto.date!];
  if (!range) throw ApiError.badRequest('give date, or start_date and end_date', { field: 'date' });
  if (dto.start_date === undefined) throw ApiError.badRequest('start_date is required with end_date', { field: 'start_date' });
  if (dto.end_date === undefined) throw ApiError.badRequest('end_date is required with start_date', { field: 'end_date' });
  const span = daysBetween(dto.start_date, dto.end_date, 'utc') + 1;
  if (span < 1) throw ApiError.badRequest('end_date must not be before start_date', { field: 'end_date' });
  if (span > MAX_RANGE_DAYS) throw ApiError.badRequest(`a range covers at most ${MAX_RANGE_DAYS} days`, { field: 'end_date' });
  return datesFrom(dto.start_date, dto.end_date);
}

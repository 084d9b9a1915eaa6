import { Injectable } from '@nestjs/common';
import { In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { BorrowRequest } from './borrow-request.entity.js';
import { LoanDay } from './loan-day.entity.js';
import { Membership } from './membership.entity.js';
import { Offer } from './offer.entity.js';
import { Pass } from './pass.entity.js';
import { ParkingRepository } from './parking.repository.js';

/** A new borrow request, as queued. */
export type NewBorrowRequest = Omit<BorrowRequest, 'id'>;
/** A dated request as queued at `createdAt`; at the front of the queue when it stands in for a lost loan. */
export function datedRequest(orgId: number, borrowerId: number, date: string, createdAt: Date, frontOfQueue = false): NewBorrowRequest {
  return { orgId, borrowerId, date, indefinite: false, indefiniteKey: null, frontOfQueue, createdAt, servedAt: null };
}

/** An indefinite request: no date, keyed by its borrower so that an org holds one per borrower. */
export function indefiniteRequest(orgId: number, borrowerId: number, createdAt: Date): NewBorrowRequest {
  return { orgId, borrowerId, date: null, indefinite: true, indefiniteKey: borrowerId, frontOfQueue: false, createdAt, servedAt: null };
}

/** A new offer, not yet matched. */
export type NewOffer = Pick<Offer, 'orgId' | 'passId' | 'lenderId' | 'date' | 'createdAt'>;

const OFFER_ORDER = { createdAt: 'ASC', id: 'ASC' } as const;

/**
 * The borrow/lend market's rows: offers (which are the match records), borrow requests, each
 * org's dates and its members' last service. Each method runs in the caller's transaction when
 * there is one (`TransactionRunner.manager()`). The SQL is the same on both dialects.
 */
@Injectable()
export class LoansRepository extends ParkingRepository {
  // ---- dates

  /** Creates the org's `LoanDay` rows of `dates` that do not exist yet. */
  async ensureLoanDays(orgId: number, dates: readonly string[]): Promise<void> {
    await this.writer
      .createQueryBuilder()
      .insert()
      .into(LoanDay)
      .values(dates.map((date) => ({ orgId, date, lockedAt: null })))
      .orIgnore()
      .execute();
  }

  async loanDay(orgId: number, date: string): Promise<LoanDay | null> {
    return this.reader.findOneBy(LoanDay, { orgId, date });
  }

  async markLockedIn(orgId: number, date: string, at: Date): Promise<void> {
    await this.writer.update(LoanDay, { orgId, date }, { lockedAt: at });
  }

  /** The org's dates from `from` on that have (or had) offers or requests: the ones a schedule change may touch. */
  async datesFrom(orgId: number, from: string): Promise<string[]> {
    const days = await this.reader.find(LoanDay, { where: { orgId, date: MoreThanOrEqual(from) }, order: { date: 'ASC' } });
    return days.map((day) => day.date);
  }

  async loanDays(orgId: number, dates: readonly string[]): Promise<LoanDay[]> {
    return dates.length ? this.reader.findBy(LoanDay, { orgId, date: In([...dates]) }) : [];
  }

  /** The org's dates from `from` on that wait for their lock-in. */
  async datesAwaitingLockIn(orgId: number, from: string): Promise<string[]> {
    const days = await this.reader.find(LoanDay, { where: { orgId, lockedAt: IsNull(), date: MoreThanOrEqual(from) } });
    return days.map((day) => day.date);
  }

  // ---- offers

  /** The org's offers of a date, in offer order; only the unmatched ones with `free`. */
  async offersOn(orgId: number, date: string, { free = false } = {}): Promise<Offer[]> {
    const where = free ? { orgId, date, borrowerId: IsNull() } : { orgId, date };
    return this.reader.find(Offer, { where, order: OFFER_ORDER });
  }

  async offersOfPass(passId: number, dates: readonly string[]): Promise<Offer[]> {
    return this.reader.findBy(Offer, { passId, date: In([...dates]) });
  }

  async offersOfPassFrom(passId: number, from: string): Promise<Offer[]> {
    return this.reader.findBy(Offer, { passId, date: MoreThanOrEqual(from) });
  }

  async passOfferedFrom(passId: number, from: string): Promise<boolean> {
    return this.reader.existsBy(Offer, { passId, date: MoreThanOrEqual(from) });
  }

  /** Offers the user made on `dates`, in any org. */
  async offersLentBy(userId: number, dates: readonly string[]): Promise<Offer[]> {
    return this.reader.findBy(Offer, { lenderId: userId, date: In([...dates]) });
  }

  /** Offers the user was matched with on `dates`, in any org. */
  async offersBorrowedBy(userId: number, dates: readonly string[]): Promise<Offer[]> {
    return this.reader.findBy(Offer, { borrowerId: userId, date: In([...dates]) });
  }

  /** Every offer the user made, by date. */
  async allLentBy(userId: number): Promise<Offer[]> {
    return this.reader.find(Offer, { where: { lenderId: userId }, order: { date: 'ASC', id: 'ASC' } });
  }

  /** Every pass the user borrowed, by date. */
  async allBorrowedBy(userId: number): Promise<Offer[]> {
    return this.reader.find(Offer, { where: { borrowerId: userId }, order: { date: 'ASC', id: 'ASC' } });
  }

  /** Offers of `date`, in any org, that any of `userIds` lends or borrows. */
  async offersInvolving(date: string, userIds: readonly number[]): Promise<Offer[]> {
    return this.reader.find(Offer, {
      where: [
        { date, borrowerId: In([...userIds]) },
        { date, lenderId: In([...userIds]) },
      ],
    });
  }

  async insertOffers(offers: readonly NewOffer[]): Promise<void> {
    await this.writer.insert(
      Offer,
      offers.map((offer) => ({ ...offer, borrowerId: null, requestId: null, matchedAt: null, previousServedAt: null })),
    );
  }

  /** Pairs a free offer with a request; false when the offer was no longer free. */
  async claimOffer(
    offerId: number,
    match: { borrowerId: number; requestId: number; matchedAt: Date; previousServedAt: Date | null },
  ): Promise<boolean> {
    const claimed = await this.writer.update(Offer, { id: offerId, borrowerId: IsNull() }, match);
    return Boolean(claimed.affected);
  }

  /** Frees a matched offer again (its borrower lost the loan; the pass is still lent). */
  async unclaimOffer(offerId: number): Promise<void> {
    await this.writer.update(Offer, { id: offerId }, { borrowerId: null, requestId: null, matchedAt: null, previousServedAt: null });
  }

  /** The org's offers from `from` on that `userId` lends (`lenderId`) or borrows (`borrowerId`). */
  async offersOfMemberFrom(orgId: number, role: 'lenderId' | 'borrowerId', userId: number, from: string): Promise<Offer[]> {
    return this.reader.find(Offer, { where: { orgId, [role]: userId, date: MoreThanOrEqual(from) }, order: OFFER_ORDER });
  }

  /** The day state of each of `passIds` that is verified. */
  async passStates(passIds: readonly number[]): Promise<Map<number, number | null>> {
    if (passIds.length === 0) return new Map();
    const passes = await this.reader.findBy(Pass, { id: In([...passIds]) });
    return new Map(passes.map((pass) => [pass.id, pass.stateId]));
  }

  /** Withdraws an offer that is still free. */
  async withdrawFreeOffer(offerId: number): Promise<void> {
    await this.writer.delete(Offer, { id: offerId, borrowerId: IsNull() });
  }

  async deleteOffers(offerIds: readonly number[]): Promise<void> {
    if (offerIds.length) await this.writer.delete(Offer, { id: In([...offerIds]) });
  }

  // ---- borrow requests

  async borrowRequest(id: number): Promise<BorrowRequest | null> {
    return this.reader.findOneBy(BorrowRequest, { id });
  }

  /** The user's dated requests on `dates` in one org. */
  async requestsOf(orgId: number, borrowerId: number, dates: readonly string[]): Promise<BorrowRequest[]> {
    return this.reader.findBy(BorrowRequest, { orgId, borrowerId, date: In([...dates]) });
  }

  /** The user's dated requests on `dates`, in any org. */
  async requestsInAnyOrg(borrowerId: number, dates: readonly string[]): Promise<BorrowRequest[]> {
    return this.reader.findBy(BorrowRequest, { borrowerId, date: In([...dates]) });
  }

  async requestOn(orgId: number, borrowerId: number, date: string): Promise<BorrowRequest | null> {
    return this.reader.findOneBy(BorrowRequest, { orgId, borrowerId, date });
  }

  async indefiniteRequestOf(orgId: number, borrowerId: number): Promise<BorrowRequest | null> {
    return this.reader.findOneBy(BorrowRequest, { orgId, indefiniteKey: borrowerId });
  }

  /** A date's dated requests not yet served. */
  async openRequestsOn(orgId: number, date: string): Promise<BorrowRequest[]> {
    return this.reader.findBy(BorrowRequest, { orgId, date, servedAt: IsNull() });
  }

  async indefiniteRequests(orgId: number): Promise<BorrowRequest[]> {
    return this.reader.findBy(BorrowRequest, { orgId, indefinite: true });
  }

  /** Inserts the requests and returns their ids, in order. */
  async insertRequests(requests: readonly NewBorrowRequest[]): Promise<number[]> {
    const inserted = await this.writer.insert(BorrowRequest, [...requests]);
    return inserted.identifiers.map((identifier) => Number(identifier.id));
  }

  async markRequestServed(id: number, at: Date): Promise<void> {
    await this.writer.update(BorrowRequest, { id }, { servedAt: at });
  }

  /** Reopens a served request at the front of its date's queue. */
  async reopenAtFront(id: number): Promise<void> {
    await this.writer.update(BorrowRequest, { id }, { servedAt: null, frontOfQueue: true });
  }

  /** Reopens a served request where its priority key puts it (a loan cancelled by a change, not by its lender). */
  async reopenInPlace(id: number): Promise<void> {
    await this.writer.update(BorrowRequest, { id }, { servedAt: null });
  }

  async deleteRequest(id: number): Promise<void> {
    await this.writer.delete(BorrowRequest, { id });
  }

  /** The user's dated requests in the org from `from` on, served or not, and their indefinite one. */
  async requestsOfMemberFrom(orgId: number, borrowerId: number, from: string): Promise<BorrowRequest[]> {
    return this.reader.find(BorrowRequest, {
      where: [
        { orgId, borrowerId, date: MoreThanOrEqual(from) },
        { orgId, indefiniteKey: borrowerId },
      ],
    });
  }

  /** The user's open requests in every org: dated ones from `from` on, not served yet, and indefinite ones. */
  async openRequestsOfUser(borrowerId: number, from: string): Promise<BorrowRequest[]> {
    return this.reader.find(BorrowRequest, {
      where: [
        { borrowerId, date: MoreThanOrEqual(from), servedAt: IsNull() },
        { borrowerId, indefinite: true },
      ],
      order: { date: 'ASC', id: 'ASC' },
    });
  }

  /** The org's dated requests on `dates` that are not served yet. */
  async openRequestsOnDates(orgId: number, dates: readonly string[]): Promise<BorrowRequest[]> {
    return dates.length ? this.reader.findBy(BorrowRequest, { orgId, date: In([...dates]), servedAt: IsNull() }) : [];
  }

  async deleteRequests(ids: readonly number[]): Promise<void> {
    if (ids.length) await this.writer.delete(BorrowRequest, { id: In([...ids]) });
  }

  // ---- who may borrow

  /** When the org last served each of `userIds`, if ever. */
  async lastServedTimes(orgId: number, userIds: readonly number[]): Promise<Map<number, Date | null>> {
    const memberships = await this.reader.findBy(Membership, { orgId, userId: In([...userIds]) });
    return new Map(memberships.map((m) => [m.userId, m.lastServedAt]));
  }

  /**
   * The borrower's services in the org: every offer matched to them, past ones included (a loan of
   * a date that has passed may still be the service right after one being cancelled).
   */
  async servicesOf(orgId: number, borrowerId: number): Promise<Array<Pick<Offer, 'id' | 'matchedAt' | 'previousServedAt'>>> {
    return this.writer.find(Offer, { where: { orgId, borrowerId }, select: { id: true, matchedAt: true, previousServedAt: true } });
  }

  async setPreviousService(offerIds: readonly number[], previous: Date | null): Promise<void> {
    if (offerIds.length) await this.writer.update(Offer, { id: In([...offerIds]) }, { previousServedAt: previous });
  }

  /** The borrower's last service in the org set back to `previous` (a cancelled loan's). */
  async giveBackMemberServed(orgId: number, userId: number, previous: Date | null): Promise<void> {
    await this.writer.update(Membership, { orgId, userId }, { lastServedAt: previous });
  }

  async markMemberServed(orgId: number, userId: number, at: Date): Promise<void> {
    await this.writer.update(Membership, { orgId, userId }, { lastServedAt: at });
  }

  /** Those of `userIds` who participate in the org. */
  async participantsAmong(orgId: number, userIds: readonly number[]): Promise<Set<number>> {
    const members = await this.reader.findBy(Membership, { orgId, userId: In([...userIds]), participant: true });
    return new Set(members.map((m) => m.userId));
  }

  /** Those of `userIds` who own a verified pass of `stateId` in the org. */
  async passHoldersAmong(orgId: number, stateId: number, userIds: readonly number[]): Promise<number[]> {
    const holders = await this.reader.findBy(Pass, { orgId, stateId, ownerId: In([...userIds]) });
    return holders.map((pass) => pass.ownerId);
  }

  /** The day states of the user's verified passes in the org. */
  async validPassStatesOf(orgId: number, userId: number): Promise<Set<number>> {
    const passes = await this.reader.findBy(Pass, { orgId, ownerId: userId, stateId: Not(IsNull()) });
    return new Set(passes.map((pass) => pass.stateId!));
  }
}

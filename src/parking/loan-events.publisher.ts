import { Injectable } from '@nestjs/common';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { toMatchView, type MatchedOffer } from './loans.views.js';
import type { BorrowRequest } from './borrow-request.entity.js';
import type { Offer } from './offer.entity.js';
import type { Org } from './org.entity.js';

/** The stream every parking loan event goes to, and its single writer. */
export const LOANS_STREAM = 'parking.loans';
export const PARKING_PRODUCER = 'citymove.parking';

/**
 * The loan events, written in the transaction that made them, each saying who (lender, borrower),
 * what (org, pass, date, request) and why (`reason`), so a mailer or an app can tell the people
 * concerned: `LoanMatched`, `LoanReleased` (the lender took the pass back before the day),
 * `LoanCancelled` (a pass deleted, a member removed, a schedule change), `OfferWithdrawn` and
 * `RequestCancelled` (a change made them impossible; the one who made them did not withdraw them).
 */
@Injectable()
export class LoanEventsPublisher {
  constructor(
    private readonly events: DomainEventsPublisher,
    private readonly transactions: TransactionRunner,
  ) {
    events.reserve(LOANS_STREAM);
  }

  async matched(org: Org, offer: MatchedOffer): Promise<void> {
    await this.publish('LoanMatched', { ...toMatchView(offer), org_id: org.id });
  }

  async cancelled(org: Org, offer: MatchedOffer, reason: string, at: Date): Promise<void> {
    await this.publish('LoanCancelled', { ...toMatchView(offer), org_id: org.id, reason, cancelled_at: at.toISOString() });
  }

  async released(org: Org, offer: MatchedOffer, at: Date): Promise<void> {
    await this.publish('LoanReleased', {
      ...toMatchView(offer),
      org_id: org.id,
      reason: 'released by the lender',
      released_at: at.toISOString(),
    });
  }

  async offerWithdrawn(org: Org, offer: Offer, reason: string, at: Date): Promise<void> {
    await this.publish('OfferWithdrawn', {
      org_id: org.id,
      pass_id: offer.passId,
      date: offer.date,
      lender_id: offer.lenderId,
      reason,
      withdrawn_at: at.toISOString(),
    });
  }

  async requestCancelled(org: Org, request: BorrowRequest, reason: string, at: Date): Promise<void> {
    await this.publish('RequestCancelled', {
      org_id: org.id,
      request_id: request.id,
      date: request.date,
      borrower_id: request.borrowerId,
      indefinite: request.indefinite,
      reason,
      cancelled_at: at.toISOString(),
    });
  }

  private async publish(name: string, payload: Record<string, unknown>): Promise<void> {
    await this.events.publish({ stream: LOANS_STREAM, producerId: PARKING_PRODUCER, name, payload }, this.transactions.manager());
  }
}

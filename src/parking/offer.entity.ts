import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * A pass offered for one date, and its match once a borrower is paired with it: the offer row is the
 * match record (pass, date, lender, borrower, matched_at). Unique (pass, date) gives a pass at most one
 * borrower per date; unique (borrower, date) gives a borrower at most one pass per date, whatever the
 * org and however many requests race.
 */
@Entity('parking_offers')
export class Offer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'org_id', type: 'integer' })
  orgId: number;

  /** Null once the pass is deleted: past loans stay on record, future ones go with the pass. */
  @Column({ name: 'pass_id', type: 'integer', nullable: true })
  passId: number | null;

  @Column({ name: 'lender_id', type: 'integer' })
  lenderId: number;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'borrower_id', type: 'integer', nullable: true })
  borrowerId: number | null;

  @Column({ name: 'request_id', type: 'integer', nullable: true })
  requestId: number | null;

  @Column({ name: 'matched_at', type: columnTypes.timestamp, nullable: true })
  matchedAt: Date | null;

  /** The borrower's last service in the org before this loan: what a cancelled loan gives back. */
  @Column({ name: 'previous_served_at', type: columnTypes.timestamp, nullable: true })
  previousServedAt: Date | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * A borrower waiting for a pass: on one date, or indefinitely (any date, after the dated requests).
 * Unique (org, borrower, date) keeps one dated request per date; `indefinite_key` is the borrower id
 * on indefinite requests only, so unique (org, indefinite_key) allows one indefinite request per org.
 */
@Entity('parking_borrow_requests')
export class BorrowRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'org_id', type: 'integer' })
  orgId: number;

  @Column({ name: 'borrower_id', type: 'integer' })
  borrowerId: number;

  /** `YYYY-MM-DD`; null for an indefinite request. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  date: string | null;

  @Column({ type: 'boolean', default: false })
  indefinite: boolean;

  @Column({ name: 'indefinite_key', type: 'integer', nullable: true })
  indefiniteKey: number | null;

  /** Set when a loan was lost to a deleted pass: such requests go back to the front of the queue. */
  @Column({ name: 'front_of_queue', type: 'boolean', default: false })
  frontOfQueue: boolean;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  /** When a dated request was served; indefinite requests stay open and are served date by date. */
  @Column({ name: 'served_at', type: columnTypes.timestamp, nullable: true })
  servedAt: Date | null;
}

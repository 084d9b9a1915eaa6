import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * One org's date in the borrow/lend market. Every change to a date's offers and requests first locks
 * this row (`FOR UPDATE` on PostgreSQL), so a date's matching, joins and withdrawals run one at a time
 * and a lock-in never misses a request committed beside it.
 */
@Entity('parking_loan_days')
export class LoanDay {
  @PrimaryColumn({ name: 'org_id', type: 'integer' })
  orgId: number;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  /** Set when the date was locked in: from then on offers and requests are matched at once. */
  @Column({ name: 'locked_at', type: columnTypes.timestamp, nullable: true })
  lockedAt: Date | null;
}

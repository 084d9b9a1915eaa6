import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes, isPostgres } from '../column-types.js';

/**
 * One item of durable, deadline-bound work (see `DueWork`): committed in the transaction that made
 * it due, claimed by a worker under a short lease, deleted when done. Instants are epoch
 * milliseconds in a `bigint`, so the claim compares plain numbers on both dialects.
 */
@Entity('due_work')
@Index('UQ_due_work_kind_key', ['kind', 'key'], { unique: true })
@Index('IDX_due_work_kind_due', ['kind', 'dueAt'])
export class DueWorkItem {
  // bigint on PostgreSQL: three items per hail at 100 hails/s would exhaust an int4 in months.
  @PrimaryGeneratedColumn({ type: isPostgres ? 'bigint' : 'integer' })
  id: string;

  /** What to do (`hail.put`, `parking.lock-in`, ...): the handler that runs it. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  /** What it is about (a hail id, `org:date`): one live item per kind and key. */
  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: columnTypes.json })
  payload: unknown;

  @Column({ name: 'due_at', type: 'bigint' })
  dueAt: string;

  /** Past this the work is pointless (the registry's window closed); its handler decides what then. */
  @Column({ name: 'deadline_at', type: 'bigint', nullable: true })
  deadlineAt: string | null;

  /** Claims since the item was last (re)armed. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Bumped by every schedule of a live item: a worker that claimed an older version runs it again. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ name: 'lease_owner', type: 'varchar', length: 100, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'bigint', nullable: true })
  leaseUntil: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: string;
}

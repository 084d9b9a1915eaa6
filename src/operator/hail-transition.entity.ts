import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { Hail } from './hail.entity.js';
import type { HailStatus } from './hail-state-machine.js';

/** One local status change of a hail, with what caused it. */
@Entity('operator_hail_transitions')
@Index('IDX_operator_hail_transitions_hail', ['hailId', 'id'])
export class HailTransition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'hail_id', type: 'varchar', length: 64 })
  hailId: string;

  @ManyToOne('Hail', (hail: Hail) => hail.transitions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hail_id' })
  hail?: Relation<Hail>;

  @Column({ name: 'from_status', type: 'varchar', length: 32, nullable: true })
  fromStatus: HailStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 32 })
  toStatus: HailStatus;

  /** `registry`, `driver`, `auto-accept`, `deadline`, `decision-timeout`, `registry-poll`… */
  @Column({ type: 'varchar', length: 100 })
  cause: string;

  @Column({ type: columnTypes.timestamp })
  at: Date;

  /** When the relay put it into the event store (`HailEventsRelay`); null until then. */
  @Column({ name: 'published_at', type: columnTypes.timestamp, nullable: true })
  publishedAt: Date | null;
}

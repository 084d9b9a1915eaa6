import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { RegistryHailUpdate } from './hail-update.entity.js';
import type { Hail } from './hail.entity.js';

/** One request we sent the registry about a hail, and how it went. */
@Entity('operator_registry_calls')
@Index('IDX_operator_registry_calls_hail', ['hailId', 'id'])
export class RegistryCall {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'hail_id', type: 'varchar', length: 64 })
  hailId: string;

  @ManyToOne('Hail', (hail: Hail) => hail.registryCalls, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hail_id' })
  hail?: Relation<Hail>;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  /** The body sent (PUT), null for a read. */
  @Column({ name: 'request_body', type: columnTypes.json, nullable: true })
  requestBody: { data: RegistryHailUpdate[] } | null;

  /** The registry's HTTP status; null when no answer came (network error, timeout). */
  @Column({ name: 'answer_status', type: 'integer', nullable: true })
  answerStatus: number | null;

  /** The network error, or the start of a refusal's body. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** 1 for the first try of this update, then 2, 3… */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: columnTypes.timestamp })
  at: Date;
}

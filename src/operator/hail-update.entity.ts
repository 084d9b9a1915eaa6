import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { HailStatus } from './hail-state-machine.js';

/** Where an update to the registry stands. */
export type HailUpdateState = 'pending' | 'sent' | 'rejected' | 'expired' | 'cancelled';

/**
 * The one-object body of `PUT /hails/:id`: only the keys the registry accepts from an operator.
 * Every update carries a status except a report of the customer (`reporting_customer`), which the
 * registry takes in any status.
 */
export interface RegistryHailUpdate {
  status?: HailStatus;
  taxi_phone_number?: string;
  incident_taxi_reason?: string;
  reporting_customer?: boolean;
  reporting_customer_reason?: string;
}

/** What an update is, for logs and metrics: its status, or `reporting_customer`. */
export const updateName = (update: RegistryHailUpdate): string => update.status ?? 'reporting_customer';

/**
 * The outbox of PUTs to the registry: a row is written in the transaction that decides the status,
 * so an update committed is an update sent, even if the process dies or Redis loses the job. Rows
 * of one hail are sent strictly in `seq` order, which keeps the registry's order per hail.
 */
@Entity('operator_hail_updates')
@Index('UQ_operator_hail_updates_hail_seq', ['hailId', 'seq'], { unique: true })
@Index('IDX_operator_hail_updates_state', ['state'])
export class HailUpdate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'hail_id', type: 'varchar', length: 64 })
  hailId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: columnTypes.json })
  body: RegistryHailUpdate;

  @Column({ type: 'varchar', length: 16 })
  state: HailUpdateState;

  /** Past this instant the registry's window for this status is closed: retrying is pointless. */
  @Column({ name: 'deadline_at', type: columnTypes.timestamp })
  deadlineAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'done_at', type: columnTypes.timestamp, nullable: true })
  doneAt: Date | null;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { HailStatus } from './hail-state-machine.js';
import type { HailTransition } from './hail-transition.entity.js';
import type { RegistryCall } from './registry-call.entity.js';
import { Taxi } from './taxi.entity.js';

/** Registry fields we keep beside the six we require, when the registry sent them as strings. */
export interface HailRegistryFields {
  operateur?: string;
  session_id?: string;
  customer_id?: string;
  creation_datetime?: string;
}

/** A hail the registry sent us, with its local lifecycle. */
@Entity('operator_hails')
@Index('IDX_operator_hails_taxi_status', ['taxiId', 'status'])
@Index('IDX_operator_hails_status_received', ['status', 'receivedAt'])
export class Hail {
  /** The registry's hail id: posting it again is the same hail. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'taxi_id', type: 'varchar', length: 64 })
  taxiId: string;

  @ManyToOne(() => Taxi, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'taxi_id' })
  taxi?: Relation<Taxi>;

  @Column({ type: 'varchar', length: 32 })
  status: HailStatus;

  @Column({ name: 'customer_lon', type: 'double precision' })
  customerLon: number;

  @Column({ name: 'customer_lat', type: 'double precision' })
  customerLat: number;

  @Column({ name: 'customer_address', type: 'varchar', length: 500 })
  customerAddress: string;

  @Column({ name: 'customer_phone_number', type: 'varchar', length: 32 })
  customerPhoneNumber: string;

  @Column({ name: 'registry_fields', type: columnTypes.json })
  registryFields: HailRegistryFields;

  /** When we answered the registry's POST: its 10 s deadline for received_by_taxi counts from here. */
  @Column({ name: 'received_at', type: columnTypes.timestamp })
  receivedAt: Date;

  /** When the registry accepted received_by_taxi: the taxi's 30 s decision window counts from here. */
  @Column({ name: 'received_by_taxi_at', type: columnTypes.timestamp, nullable: true })
  receivedByTaxiAt: Date | null;

  @Column({ name: 'decision_deadline_at', type: columnTypes.timestamp, nullable: true })
  decisionDeadlineAt: Date | null;

  /**
   * When the registry's timer for the current status runs out (received_by_taxi 30 s, accepted_by_taxi
   * 30 s, accepted_by_customer 30 min, customer_on_board 2 h), counted from the registry's own
   * timestamp: past it the driver gets 410. Null when the status has no timer.
   */
  @Column({ name: 'status_deadline_at', type: columnTypes.timestamp, nullable: true })
  statusDeadlineAt: Date | null;

  /** The reason sent with incident_taxi (it may come after the status, as the registry allows). */
  @Column({ name: 'incident_taxi_reason', type: 'varchar', length: 32, nullable: true })
  incidentTaxiReason: string | null;

  /** Set when the driver reported the customer (the registry's `reporting_customer`). */
  @Column({ name: 'reporting_customer_reason', type: 'varchar', length: 32, nullable: true })
  reportingCustomerReason: string | null;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;

  @OneToMany('HailTransition', (transition: HailTransition) => transition.hail)
  transitions?: Relation<HailTransition[]>;

  @OneToMany('RegistryCall', (call: RegistryCall) => call.hail)
  registryCalls?: Relation<RegistryCall[]>;
}

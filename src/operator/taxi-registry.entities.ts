import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { isPostgres } from '../database/column-types.js';

/** The statuses an operator may set at the registry (APITaxi2 `UPDATABLE_VEHICLE_STATUS`). */
export const DRIVER_SETTABLE_STATUSES = ['free', 'occupied', 'off'] as const;
export type DriverSettableStatus = (typeof DRIVER_SETTABLE_STATUSES)[number];

/** What the registry may answer: the settable ones, and `answering`/`oncoming` its hails set. */
export const REGISTRY_TAXI_STATUSES = [...DRIVER_SETTABLE_STATUSES, 'answering', 'oncoming'] as const;
export type RegistryTaxiStatus = (typeof REGISTRY_TAXI_STATUSES)[number];

/**
 * A taxi's status at the registry as citymove last read or set it, and the driver's request still
 * to be delivered (`requested_status`, null once the registry took it). `request_version` moves
 * with every request, so the delivery of an older one never clears a newer one.
 */
@Entity('operator_taxi_registry_states')
export class TaxiRegistryState {
  @PrimaryColumn({ name: 'taxi_id', type: 'varchar', length: 64 })
  taxiId: string;

  @Column({ name: 'requested_status', type: 'varchar', length: 16, nullable: true })
  requestedStatus: DriverSettableStatus | null;

  @Column({ name: 'requested_at_ms', type: 'bigint', nullable: true })
  requestedAtMs: string | null;

  @Column({ name: 'request_version', type: 'integer', default: 0 })
  requestVersion: number;

  @Column({ name: 'registry_status', type: 'varchar', length: 16, nullable: true })
  registryStatus: RegistryTaxiStatus | null;

  @Column({ name: 'registry_read_at_ms', type: 'bigint', nullable: true })
  registryReadAtMs: string | null;

  /** Why the last request or read failed for good (a 404: the registry does not know the taxi). */
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}

/** The latest position the driver app sent for a taxi (older ones are of no use to geotaxi). */
@Entity('operator_taxi_positions')
export class TaxiPosition {
  @PrimaryColumn({ name: 'taxi_id', type: 'varchar', length: 64 })
  taxiId: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  /** When the device took it (epoch ms). */
  @Index('IDX_operator_taxi_positions_at')
  @Column({ name: 'at_ms', type: 'bigint' })
  atMs: string;

  @Column({ name: 'received_at_ms', type: 'bigint' })
  receivedAtMs: string;

  /** When the registry took this very position; null until then (a newer position resets it). */
  @Column({ name: 'forwarded_at_ms', type: 'bigint', nullable: true })
  forwardedAtMs: string | null;

  /** When the registry last refused the taxi as unknown to it (geotaxi's all-or-nothing 400). */
  @Column({ name: 'refused_at_ms', type: 'bigint', nullable: true })
  refusedAtMs: string | null;
}

/** A change of a taxi's registry status, in order: what the driver's event stream replays. */
@Entity('operator_taxi_status_changes')
@Index('IDX_operator_taxi_status_changes_taxi', ['taxiId', 'id'])
export class TaxiStatusChange {
  @PrimaryGeneratedColumn({ type: isPostgres ? 'bigint' : 'integer' })
  id: string;

  @Column({ name: 'taxi_id', type: 'varchar', length: 64 })
  taxiId: string;

  /** The registry's status after the change; null when a request failed for good (see `error`). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  status: RegistryTaxiStatus | null;

  /** `driver` (our PUT, taken), `registry` (read back: the registry changed it), `removed`. */
  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ name: 'at_ms', type: 'bigint' })
  atMs: string;
}

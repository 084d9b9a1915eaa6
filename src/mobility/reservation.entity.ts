import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * `active` holds the bike until `expires_at`; then `used` (a trip started from it), `cancelled`
 * (by its rider, or released when the rider started a trip on another bike) or `expired`.
 */
export const RESERVATION_STATUSES = ['active', 'used', 'cancelled', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * A rider holding a bike for a while. The partial unique indexes (created by the migration,
 * mirrored here) make "one active reservation per rider" and "per bike" hold under any
 * concurrency, on both dialects.
 */
@Entity('reservations')
@Index('UQ_reservations_rider_active', ['riderId'], { unique: true, where: "status = 'active'" })
@Index('UQ_reservations_bike_active', ['bikeId'], { unique: true, where: "status = 'active'" })
@Index('IDX_reservations_rider_created', ['riderId', 'createdAt'])
export class Reservation {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'bike_id', type: 'uuid' })
  bikeId: string;

  @Column({ name: 'rider_id', type: 'integer' })
  riderId: number;

  @Column({ type: 'varchar', length: 20 })
  status: ReservationStatus;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'expires_at', type: columnTypes.timestamp })
  expiresAt: Date;

  /** When it stopped holding the bike (used, cancelled, or its expiry). */
  @Column({ name: 'ended_at', type: columnTypes.timestamp, nullable: true })
  endedAt: Date | null;

  /** The trip it became, once used. */
  @Column({ name: 'trip_id', type: 'uuid', nullable: true })
  tripId: string | null;
}

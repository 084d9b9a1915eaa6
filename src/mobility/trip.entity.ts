import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import { Bike } from './bike.entity.js';
import type { GeoJsonPoint } from './geo.js';

export const TRIP_STATUSES = ['in_progress', 'ended'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/**
 * A rider's trip on a bike with the path the bike reported meanwhile. The partial unique indexes
 * (created by the migration, mirrored here) make "one trip in progress per rider" and "per bike"
 * hold under any concurrency, whatever the service checked before inserting.
 */
@Entity('trips')
@Index('UQ_trips_rider_in_progress', ['riderId'], { unique: true, where: "status = 'in_progress'" })
@Index('UQ_trips_bike_in_progress', ['bikeId'], { unique: true, where: "status = 'in_progress'" })
@Index('IDX_trips_bike_started', ['bikeId', 'startedAt'])
@Index('IDX_trips_rider_started', ['riderId', 'startedAt'])
export class Trip {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'bike_id', type: 'uuid' })
  bikeId: string;

  @ManyToOne(() => Bike, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bike_id' })
  bike?: Relation<Bike>;

  /** The member id from the rider's JWT (the members module owns the member). */
  @Column({ name: 'rider_id', type: 'integer' })
  riderId: number;

  @Column({ type: 'varchar', length: 20 })
  status: TripStatus;

  /** The path in arrival order, starting with the bike's position at start. */
  @Column({ type: columnTypes.json })
  locations: GeoJsonPoint[];

  /**
   * When each point of `locations` was recorded (ISO instants, same order and length): what lets
   * the end drop points recorded after `ended_at`. Trips older than the column have `[]`.
   */
  @Column({ name: 'location_times', type: columnTypes.json })
  locationTimes: string[];

  @Column({ name: 'started_at', type: columnTypes.timestamp })
  startedAt: Date;

  @Column({ name: 'ended_at', type: columnTypes.timestamp, nullable: true })
  endedAt: Date | null;

  @Column({ name: 'duration_s', type: 'integer', nullable: true })
  durationS: number | null;

  @Column({ name: 'distance_m', type: 'double precision', nullable: true })
  distanceM: number | null;

  /** The plan the trip was priced with at its end (the bike type's default plan then); null: none. */
  @Column({ name: 'pricing_plan_id', type: 'uuid', nullable: true })
  pricingPlanId: string | null;

  /** What the trip costs, in `currency`, computed by `pricing.ts` at the end; null while riding or unpriced. */
  @Column({ type: 'double precision', nullable: true })
  price: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;
}

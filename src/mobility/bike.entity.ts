import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import { VehicleType } from './vehicle-type.entity.js';

export const BIKE_STATUSES = ['available', 'on_trip', 'non_operational'] as const;
export type BikeStatus = (typeof BIKE_STATUSES)[number];

/** What an admin may set by hand: `on_trip` belongs to the trips alone. */
export const ADMIN_BIKE_STATUSES = ['available', 'non_operational'] as const;
export type AdminBikeStatus = (typeof ADMIN_BIKE_STATUSES)[number];

/**
 * A bike and its last known position. The position is two plain `double precision` columns with a
 * (lat, lon) index rather than a PostGIS geometry, so both dialects share one schema and the
 * `near` search needs no extension: a bounding box on the index, then the exact distance.
 */
@Entity('bikes')
@Index('IDX_bikes_lat_lon', ['lat', 'lon'])
export class Bike {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  status: BikeStatus;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'double precision' })
  lat: number;

  /** When the current position was recorded by the bike: later updates with an older time are stale. */
  @Column({ name: 'location_recorded_at', type: columnTypes.timestamp })
  locationRecordedAt: Date;

  /**
   * The id trip planners see in GBFS `vehicle_status`, replaced after every trip so that a bike's
   * successive trips cannot be linked from the public feed (GBFS "rotating" vehicle_id).
   */
  @Column({ name: 'public_id', type: 'uuid', unique: true })
  publicId: string;

  /** What kind of vehicle it is (GBFS `vehicle_type_id`): decides whether it has a battery. */
  @Column({ name: 'vehicle_type_id', type: 'uuid' })
  vehicleTypeId: string;

  @ManyToOne(() => VehicleType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_type_id' })
  vehicleType?: Relation<VehicleType>;

  /** Battery or tank left, from 0 to 1 (GBFS `current_fuel_percent`), as last reported; null: never reported. */
  @Column({ name: 'current_fuel_percent', type: 'double precision', nullable: true })
  currentFuelPercent: number | null;

  /** Distance the bike can still travel, as last reported; null: never reported. */
  @Column({ name: 'current_range_meters', type: 'double precision', nullable: true })
  currentRangeMeters: number | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  /** Last change of any kind, set by the writer: also how the benchmark measures queue lag. */
  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}

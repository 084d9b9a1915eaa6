import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { GeoJsonMultiPolygon } from './geofencing-geometry.js';

/**
 * One GBFS 3.0 rule of a zone, in the feed's own words (stored and published as given). Its
 * `vehicle_type_ids` are plain ids, not a foreign key: vehicle types live beside this module's
 * zones and a rule may name a type before it exists. Absent or empty: the rule applies to every
 * vehicle.
 */
export interface GeofencingRule {
  vehicle_type_ids?: string[];
  ride_start_allowed: boolean;
  ride_end_allowed: boolean;
  ride_through_allowed: boolean;
  maximum_speed_kph?: number;
}

/**
 * A geofencing zone: a MultiPolygon (kept under the right-hand rule) and the rules that hold inside
 * it, optionally only between `startsAt` and `endsAt`. Its bounding box is stored beside it so
 * that the zones around a point are found by an indexed range before the exact test.
 */
@Entity('geofencing_zones')
@Index('IDX_geofencing_zones_box', ['minLat', 'maxLat', 'minLon', 'maxLon'])
@Index('IDX_geofencing_zones_order', ['createdAt', 'id'])
export class GeofencingZone {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: columnTypes.json })
  geometry: GeoJsonMultiPolygon;

  @Column({ type: columnTypes.json })
  rules: GeofencingRule[];

  @Column({ name: 'starts_at', type: columnTypes.timestamp, nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: columnTypes.timestamp, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'min_lon', type: 'double precision' })
  minLon: number;

  @Column({ name: 'min_lat', type: 'double precision' })
  minLat: number;

  @Column({ name: 'max_lon', type: 'double precision' })
  maxLon: number;

  @Column({ name: 'max_lat', type: 'double precision' })
  maxLat: number;

  /** The feed's order, and so the precedence of overlapping zones: oldest first. */
  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}

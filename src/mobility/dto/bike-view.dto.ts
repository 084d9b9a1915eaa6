import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BIKE_STATUSES, type Bike, type BikeStatus } from '../bike.entity.js';
import type { BikeLocationReport } from '../bikes.repository.js';
import { type GeoJsonPoint, toPoint } from '../geo.js';
import { GeoJsonPointDto } from './geojson-point.dto.js';

/** A bike as the API shows it. */
export class BikeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: BIKE_STATUSES })
  status: BikeStatus;

  @ApiProperty({ type: GeoJsonPointDto })
  location: GeoJsonPoint;

  @ApiProperty({ format: 'date-time', description: 'when the bike recorded its current position' })
  location_updated_at: string;

  @ApiProperty({ format: 'uuid', description: 'its vehicle type (GET /mobility/vehicle-types/:id)' })
  vehicle_type_id: string;

  @ApiProperty({ nullable: true, type: Number, description: 'battery left, 0 to 1, as last reported' })
  current_fuel_percent: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'range left in metres, as last reported' })
  current_range_meters: number | null;

  @ApiPropertyOptional({ description: 'metres from `near`, in lists searched with `near` only', example: 123.4 })
  distance_m?: number;
}

/** The 202 answer to a position update: what was queued. */
export class QueuedLocationView {
  @ApiProperty({ format: 'uuid' })
  bike_id: string;

  @ApiProperty({ type: GeoJsonPointDto })
  location: GeoJsonPoint;

  @ApiProperty({ format: 'date-time' })
  recorded_at: string;

  @ApiProperty({ enum: ['queued'] })
  status: 'queued';
}

/** A bike as the API shows it; with `distanceM` (a `near` search), its distance to the centre, to the decimetre. */
export function toBikeView(bike: Bike, distanceM?: number): BikeView {
  const view: BikeView = {
    id: bike.id,
    status: bike.status,
    location: toPoint(bike),
    location_updated_at: bike.locationRecordedAt.toISOString(),
    vehicle_type_id: bike.vehicleTypeId,
    current_fuel_percent: bike.currentFuelPercent,
    current_range_meters: bike.currentRangeMeters,
  };
  if (distanceM !== undefined) view.distance_m = Math.round(distanceM * 10) / 10;
  return view;
}

/** The 202 answer: the report as it was queued. */
export function toQueuedLocationView(report: BikeLocationReport): QueuedLocationView {
  return { bike_id: report.bikeId, location: toPoint(report), recorded_at: report.recordedAt, status: 'queued' };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BIKE_STATUSES, type Bike, type BikeStatus } from '../bike.entity.js';
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

  @ApiPropertyOptional({ description: 'metres from `near`, in lists searched with `near` only', example: 123.4 })
  distance_m?: number;

  static from(bike: Bike, distanceM?: number): BikeView {
    const view: BikeView = {
      id: bike.id,
      status: bike.status,
      location: toPoint(bike),
      location_updated_at: bike.locationRecordedAt.toISOString(),
    };
    if (distanceM !== undefined) view.distance_m = Math.round(distanceM * 10) / 10;
    return view;
  }
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

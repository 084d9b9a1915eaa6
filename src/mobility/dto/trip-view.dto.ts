import { ApiProperty } from '@nestjs/swagger';
import type { GeoJsonPoint } from '../geo.js';
import { TRIP_STATUSES, type Trip, type TripStatus } from '../trip.entity.js';
import { GeoJsonPointDto } from './geojson-point.dto.js';

/** A trip as the API shows it. */
export class TripView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  bike_id: string;

  @ApiProperty({ description: 'the member id of the rider', example: 42 })
  rider_id: number;

  @ApiProperty({ enum: TRIP_STATUSES })
  status: TripStatus;

  @ApiProperty({ type: [GeoJsonPointDto], description: 'the path in arrival order, from the position at start' })
  locations: GeoJsonPoint[];

  @ApiProperty({ format: 'date-time' })
  started_at: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  ended_at: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'whole seconds, once ended' })
  duration_s: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'great-circle length of the path in metres, once ended' })
  distance_m: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: "price in `currency` under the bike type's plan (system_pricing_plans.json), once ended",
  })
  price: number | null;

  @ApiProperty({ nullable: true, type: String, example: 'EUR' })
  currency: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the plan_id it was priced with' })
  pricing_plan_id: string | null;
}

/** A trip as the API shows it: the distance to the decimetre. */
export function toTripView(trip: Trip): TripView {
  return {
    id: trip.id,
    bike_id: trip.bikeId,
    rider_id: trip.riderId,
    status: trip.status,
    locations: trip.locations,
    started_at: trip.startedAt.toISOString(),
    ended_at: trip.endedAt?.toISOString() ?? null,
    duration_s: trip.durationS,
    distance_m: trip.distanceM === null ? null : Math.round(trip.distanceM * 10) / 10,
    price: trip.price,
    currency: trip.currency,
    pricing_plan_id: trip.pricingPlanId,
  };
}

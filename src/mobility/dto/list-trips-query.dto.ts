import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsOptional, IsUUID } from 'class-validator';
import { TRIP_STATUSES, type TripStatus } from '../trip.entity.js';

/** A rider's own trips (`/mobility/me/trips`). */
export class ListMyTripsQueryDto {
  @ApiPropertyOptional({ enum: TRIP_STATUSES })
  @IsOptional()
  @IsIn(TRIP_STATUSES, { message: `status must be one of ${TRIP_STATUSES.join(', ')}` })
  status?: TripStatus;

  @ApiPropertyOptional({ example: 1, description: 'page number, from 1' })
  @Allow()
  page?: unknown;

  @ApiPropertyOptional({ example: 50, description: 'items per page, 1 to 100 (default 50)' })
  @Allow()
  perPage?: unknown;
}

/** Every trip, for admins (`/mobility/trips`). */
export class ListTripsQueryDto extends ListMyTripsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'bike_id must be a UUID' })
  bike_id?: string;
}

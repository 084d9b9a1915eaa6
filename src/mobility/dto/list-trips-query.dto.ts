import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { TRIP_STATUSES, type TripStatus } from '../trip.entity.js';

/** A rider's own trips (`/mobility/me/trips`). */
export class ListMyTripsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRIP_STATUSES })
  @IsOptional()
  @IsIn(TRIP_STATUSES, { message: `status must be one of ${TRIP_STATUSES.join(', ')}` })
  status?: TripStatus;
}

/** Every trip, for admins (`/mobility/trips`). */
export class ListTripsQueryDto extends ListMyTripsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'bike_id must be a UUID' })
  bike_id?: string;
}

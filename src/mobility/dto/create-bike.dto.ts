import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ADMIN_BIKE_STATUSES, type AdminBikeStatus } from '../bike.entity.js';
import type { GeoJsonPoint } from '../geo.js';
import { IsGeoJsonPoint } from '../geojson-point.validator.js';
import { GeoJsonPointDto } from './geojson-point.dto.js';

export class CreateBikeDto {
  @ApiProperty({ type: GeoJsonPointDto })
  @IsGeoJsonPoint()
  location: GeoJsonPoint;

  @ApiPropertyOptional({ enum: ADMIN_BIKE_STATUSES, default: 'available', description: '`on_trip` is set by trips only' })
  @IsOptional()
  @IsIn(ADMIN_BIKE_STATUSES, { message: `status must be one of ${ADMIN_BIKE_STATUSES.join(', ')}` })
  status?: AdminBikeStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'its vehicle type (default: the plain bicycle type the migration created)' })
  @IsOptional()
  @IsUUID('all', { message: 'vehicle_type_id must be a UUID' })
  vehicle_type_id?: string;
}

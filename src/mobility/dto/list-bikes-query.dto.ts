import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiError } from '../../common/errors/api-error.js';
import { PageQueryDto } from '../../common/http/pagination.js';
import { BIKE_STATUSES, type BikeStatus } from '../bike.entity.js';
import type { NearSearch } from '../bikes.repository.js';

export const MAX_NEAR_RADIUS_M = 10_000;
export const DEFAULT_NEAR_RADIUS_M = 500;

export class ListBikesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BIKE_STATUSES })
  @IsOptional()
  @IsIn(BIKE_STATUSES, { message: `status must be one of ${BIKE_STATUSES.join(', ')}` })
  status?: BikeStatus;

  @ApiPropertyOptional({
    example: '2.3522,48.8566',
    description: '`<lon>,<lat>`: only bikes within `radius`, nearest first, each with `distance_m`',
  })
  @IsOptional()
  @Matches(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, { message: 'near must be "<lon>,<lat>" in decimal degrees, longitude first' })
  near?: string;

  @ApiPropertyOptional({
    example: '500',
    description: `metres, with \`near\` only; default ${DEFAULT_NEAR_RADIUS_M}, at most ${MAX_NEAR_RADIUS_M}`,
  })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?$/, { message: 'radius must be a positive number of metres' })
  radius?: string;
}

/**
 * The `near` search of a list query, or undefined without one. The DTO has checked the format;
 * the ranges are checked here, one entry per faulty field.
 */
export function parseNearSearch(query: ListBikesQueryDto): NearSearch | undefined {
  if (query.near === undefined) {
    if (query.radius !== undefined) throw ApiError.invalidFields([{ field: 'radius', message: 'radius needs near=<lon>,<lat>' }]);
    return undefined;
  }
  const [lon, lat] = query.near.split(',').map(Number);
  const problems: Array<{ field: string; message: string }> = [];
  if (lon < -180 || lon > 180) problems.push({ field: 'near', message: `near: longitude (first) must be within [-180, 180], got ${lon}` });
  else if (lat < -90 || lat > 90) problems.push({ field: 'near', message: `near: latitude (second) must be within [-90, 90], got ${lat}` });
  const radiusM = query.radius === undefined ? DEFAULT_NEAR_RADIUS_M : Number(query.radius);
  if (radiusM <= 0 || radiusM > MAX_NEAR_RADIUS_M) {
    problems.push({ field: 'radius', message: `radius must be more than 0 and at most ${MAX_NEAR_RADIUS_M} metres` });
  }
  if (problems.length > 0) throw ApiError.invalidFields(problems);
  return { center: { lon, lat }, radiusM };
}

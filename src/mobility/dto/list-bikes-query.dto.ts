import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { BIKE_STATUSES, type BikeStatus } from '../bike.entity.js';

export const MAX_NEAR_RADIUS_M = 10_000;
export const DEFAULT_NEAR_RADIUS_M = 500;

export class ListBikesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BIKE_STATUSES })
  @IsOptional()
  @IsIn(BIKE_STATUSES, { message: `status must be one of ${BIKE_STATUSES.join(', ')}` })
  status?: BikeStatus;

  @ApiPropertyOptional({ example: '2.3522,48.8566', description: '`<lon>,<lat>`: only bikes within `radius`, nearest first, each with `distance_m`' })
  @IsOptional()
  @Matches(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, { message: 'near must be "<lon>,<lat>" in decimal degrees, longitude first' })
  near?: string;

  @ApiPropertyOptional({ example: 500, description: `metres, with \`near\` only; default ${DEFAULT_NEAR_RADIUS_M}, at most ${MAX_NEAR_RADIUS_M}` })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?$/, { message: 'radius must be a positive number of metres' })
  radius?: string;
}

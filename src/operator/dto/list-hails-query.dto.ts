import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { HAIL_STATUSES, type HailStatus } from '../hail-state-machine.js';

/** Filters of the admin hail list; `page`/`perPage` are read by the platform pagination helper. */
export class ListHailsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HAIL_STATUSES })
  @IsOptional()
  @IsIn(HAIL_STATUSES)
  status?: HailStatus;

  @ApiPropertyOptional({ example: 'kF9XkQ2' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  taxi_id?: string;
}

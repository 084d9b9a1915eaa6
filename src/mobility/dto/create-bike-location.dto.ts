import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from '../instant.validator.js';
import type { GeoJsonPoint } from '../geo.js';
import { IsGeoJsonPoint } from '../geojson-point.validator.js';
import { GeoJsonPointDto } from './geojson-point.dto.js';

export class CreateBikeLocationDto {
  @ApiProperty({ type: GeoJsonPointDto })
  @IsGeoJsonPoint()
  location: GeoJsonPoint;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-22T10:15:30.000Z',
    description:
      'When the bike recorded this position, with its offset (default: when the gateway received it). At most 5 minutes ahead of the server clock.',
  })
  @IsOptional()
  @IsInstant('recorded_at')
  recorded_at?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.62, description: 'battery left, from 0 to 1 (GBFS current_fuel_percent)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'current_fuel_percent must be a number from 0 to 1' })
  @Min(0, { message: 'current_fuel_percent must be a number from 0 to 1' })
  @Max(1, { message: 'current_fuel_percent must be a number from 0 to 1' })
  current_fuel_percent?: number;

  @ApiPropertyOptional({ minimum: 0, example: 31000, description: 'distance the bike can still travel on its battery, in metres' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'current_range_meters must be a number from 0 to 10000000' })
  @Min(0, { message: 'current_range_meters must be a number from 0 to 10000000' })
  @Max(10_000_000, { message: 'current_range_meters must be a number from 0 to 10000000' })
  current_range_meters?: number;
}

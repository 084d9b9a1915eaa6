import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
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
    description: 'When the bike recorded this position (default: when the gateway received it). At most 5 minutes ahead of the server clock.',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'recorded_at must be an ISO 8601 date-time' })
  recorded_at?: string;
}

import { ApiProperty } from '@nestjs/swagger';

/** Swagger's view of a GeoJSON Point (validated as a whole by `@IsGeoJsonPoint`). */
export class GeoJsonPointDto {
  @ApiProperty({ enum: ['Point'], example: 'Point' })
  type: 'Point';

  @ApiProperty({
    type: [Number],
    minItems: 2,
    maxItems: 2,
    example: [2.3522, 48.8566],
    description: '[longitude, latitude]: longitude first, in [-180, 180]; latitude in [-90, 90]',
  })
  coordinates: [number, number];
}

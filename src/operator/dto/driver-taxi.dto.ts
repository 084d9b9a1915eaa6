import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NestedObject, WhenPresent } from '../../common/input/dto-rules.js';
import { DRIVER_SETTABLE_STATUSES, type DriverSettableStatus } from '../taxi-registry.entities.js';

/** The most positions one request carries: a driver app sends its latest few, not a history. */
export const POSITIONS_PER_REQUEST = 20;

export class SetDriverStatusDto {
  @ApiProperty({ enum: DRIVER_SETTABLE_STATUSES, example: 'free', description: 'The status to set at the registry' })
  @IsIn(DRIVER_SETTABLE_STATUSES)
  status: DriverSettableStatus;
}

export class DriverPositionDto {
  // Redis's (and so the registry's) latitude range, APITaxi2 PositionMixin.
  @ApiProperty({ example: 48.8566, minimum: -85.05112878, maximum: 85.05112878 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-85.05112878)
  @Max(85.05112878)
  lat: number;

  @ApiProperty({ example: 2.3522, minimum: -180, maximum: 180 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon: number;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-02T10:15:30.000+01:00',
    description: 'When the device took the position, with its offset (`Z` or `±hh:mm`); at most 30 s ahead of the server clock',
  })
  @IsString()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'timestamp must be an ISO 8601 date-time' })
  @Matches(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/, { message: 'timestamp must carry its offset (Z or ±hh:mm)' })
  timestamp: string;
}

export class PostPositionsDto {
  @ApiProperty({ type: [DriverPositionDto], minItems: 1, maxItems: POSITIONS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POSITIONS_PER_REQUEST)
  @NestedObject(() => DriverPositionDto, { each: true })
  positions: DriverPositionDto[];
}

/** The fields of a taxi the fleet manager may change; its id (the registry's) never changes. */
export class UpdateTaxiDto {
  @ApiPropertyOptional({ example: '0612345678' })
  @WhenPresent()
  @IsString()
  @Matches(/^\+?[0-9][0-9 .-]{3,30}$/, { message: 'phone_number must be a phone number' })
  phone_number?: string;

  @ApiPropertyOptional({ example: 'Jeanne Martin' })
  @WhenPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  driver_name?: string;

  @ApiPropertyOptional({ example: 'AB-123-CD' })
  @WhenPresent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  licence_plate?: string;
}

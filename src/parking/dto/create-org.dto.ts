import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { WhenPresent } from '../../common/input/dto-rules.js';
import { IsTimeZone, LOCK_IN_TIME } from './validators.js';

export class CreateOrgDto {
  @ApiProperty({ example: 'Lycée Victor Hugo' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC' })
  @WhenPresent()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'Welcome to the staff car park' })
  @WhenPresent()
  @IsString()
  @MaxLength(2000)
  greeting?: string;

  @ApiPropertyOptional({ example: 'Park nose in. Lend your pass when you are away.' })
  @WhenPresent()
  @IsString()
  @MaxLength(10000)
  rules?: string;

  @ApiPropertyOptional({ example: '18:00', default: '18:00', description: 'HH:mm on the day before, in the org time zone' })
  @WhenPresent()
  @Matches(LOCK_IN_TIME, { message: 'lock_in must be a time HH:mm' })
  lock_in?: string;
}

// `skipNullProperties: false`: a `null` name, time zone or lock-in is refused, not written as NULL.
export class UpdateOrgDto extends PartialType(CreateOrgDto, { skipNullProperties: false }) {}

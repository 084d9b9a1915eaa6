import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { DateTime, IANAZone } from 'luxon';
import { MAX_EVENT_NAME_LENGTH } from '../event-rules.js';

// class-validator runs a property's decorators bottom-up and stops at the first failure: the type
// check sits at the bottom so a wrong type is reported as such.
const NON_EMPTY = 'must be a non-empty string';

/** Refuses a property whenever it is present: the server assigns it. */
function IsAssignedByServer(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAssignedByServer',
      target: target.constructor,
      propertyName,
      options: { message: 'is assigned by the server and must not be sent', ...options },
      validator: { validate: () => false },
    });
}

const SEED_DATE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/**
 * ISO 8601, or the seed's `YYYY-MM-DD HH:mm:ss` (read as ISO with a `T`: luxon's `fromFormat`
 * tokenises its pattern on every call, six times slower).
 */
export function isParsableDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  return DateTime.fromISO(SEED_DATE_TIME.test(value) ? value.replace(' ', 'T') : value).isValid;
}

function IsParsableDateTime(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isParsableDateTime',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss', ...options },
      validator: { validate: isParsableDateTime },
    });
}

/**
 * Checking a zone builds an `Intl.DateTimeFormat`, which profiling showed to be the costliest step
 * of an append; producers send a handful of zones, so the answers are kept.
 */
const knownZones = new Map<string, boolean>();

export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value.length > 64) return false;
  let valid = knownZones.get(value);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(value);
    if (knownZones.size >= 1000) knownZones.clear();
    knownZones.set(value, valid);
  }
  return valid;
}

function IsIanaTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an IANA time zone name such as Europe/Berlin', ...options },
      validator: { validate: isIanaTimeZone },
    });
}

export class EventDescriptorDto {
  @ApiProperty({ example: 'OrderPlaced', maxLength: MAX_EVENT_NAME_LENGTH })
  @MaxLength(MAX_EVENT_NAME_LENGTH, { message: `must be at most ${MAX_EVENT_NAME_LENGTH} characters` })
  @IsString({ message: NON_EMPTY })
  @IsNotEmpty({ message: NON_EMPTY })
  name: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt({ message: 'must be an integer of at least 1' })
  @Min(1, { message: 'must be an integer of at least 1' })
  version: number;

  @ApiPropertyOptional({ type: String, description: 'Never sent: the server assigns it (sending it is a 400)', readOnly: true })
  @ValidateIf((descriptor: EventDescriptorDto) => descriptor.id !== undefined)
  @IsAssignedByServer()
  id?: string;
}

export class SystemDto {
  @ApiProperty({ example: 'alv123' })
  @IsString({ message: NON_EMPTY })
  @IsNotEmpty({ message: NON_EMPTY })
  id: string;

  @ApiProperty({ example: 'codello alvine' })
  @IsString({ message: NON_EMPTY })
  @IsNotEmpty({ message: NON_EMPTY })
  name: string;

  @ApiProperty({ example: '2017-09-06 13:58:12', description: 'ISO 8601 or YYYY-MM-DD HH:mm:ss' })
  @IsParsableDateTime()
  time: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone name' })
  @IsIanaTimeZone()
  timezone: string;
}

export class TriggerDto {
  @ApiProperty({ example: 'system' })
  @IsString({ message: NON_EMPTY })
  @IsNotEmpty({ message: NON_EMPTY })
  type: string;

  @ApiProperty({ example: '/path/to/script.php' })
  @IsString({ message: NON_EMPTY })
  @IsNotEmpty({ message: NON_EMPTY })
  name: string;
}

/** The envelope a producer appends (spec, "append"); every field required. */
export class AppendEventDto {
  @ApiProperty({ type: EventDescriptorDto })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => EventDescriptorDto)
  event: EventDescriptorDto;

  @ApiProperty({ type: SystemDto })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => SystemDto)
  system: SystemDto;

  @ApiProperty({ type: TriggerDto })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => TriggerDto)
  trigger: TriggerDto;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { orderId: 42 }, description: 'Any JSON object' })
  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be a JSON object' })
  payload: Record<string, unknown>;
}

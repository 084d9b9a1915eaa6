import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals } from 'class-validator';
import { IsRowId, WhenPresent } from '../../common/input/dto-rules.js';
import type { Weekday } from '../schedule.js';
import { IsCalendarDate, IsRecurrence } from './validators.js';

/** One date, or an inclusive range of dates; `null` is no date, refused (it used to loop for ever). */
export class DatesDto {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @WhenPresent()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'with end_date: an inclusive range of at most 366 days' })
  @WhenPresent()
  @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ example: '2026-12-05' })
  @WhenPresent()
  @IsCalendarDate()
  end_date?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string', enum: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] }, { type: 'integer' }],
    example: 'friday',
    description: 'with until (and optionally start_date, default today): every such weekday, or every date of that day state id',
  })
  @WhenPresent()
  @IsRecurrence()
  every?: Weekday | number;

  @ApiPropertyOptional({ example: '2027-01-29', description: 'with every: the last date (inclusive), within the booking horizon' })
  @WhenPresent()
  @IsCalendarDate()
  until?: string;
}

/** `{org_id, date}`, `{org_id, start_date, end_date}` or `{org_id, indefinite: true}`. */
export class BorrowDto extends DatesDto {
  @ApiProperty({ example: 1 })
  @IsRowId()
  org_id: number;

  @ApiPropertyOptional({ example: true, description: 'queue for every future date, after the dated requests' })
  @WhenPresent()
  @Equals(true, { message: 'indefinite must be true when given' })
  indefinite?: true;
}

/** `{date}`: the date whose loan the owner takes back. */
export class ReleaseDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  date: string;
}

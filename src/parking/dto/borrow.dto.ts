import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsInt, IsOptional, Min } from 'class-validator';
import { IsCalendarDate } from './validators.js';

/** One date, or an inclusive range of dates. */
export class DatesDto {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'with end_date: an inclusive range of at most 366 days' })
  @IsOptional()
  @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ example: '2026-12-05' })
  @IsOptional()
  @IsCalendarDate()
  end_date?: string;
}

/** `{org_id, date}`, `{org_id, start_date, end_date}` or `{org_id, indefinite: true}`. */
export class BorrowDto extends DatesDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  org_id: number;

  @ApiPropertyOptional({ example: true, description: 'queue for every future date, after the dated requests' })
  @IsOptional()
  @Equals(true, { message: 'indefinite must be true when given' })
  indefinite?: true;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Min, ValidateIf, ValidateNested } from 'class-validator';
import { WEEKDAYS, type Weekday } from '../schedule.js';
import { IsCalendarDate } from './validators.js';

export class AnchorDto {
  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  daystate_id: number;
}

export class ScheduleExceptionDto {
  @ApiProperty({ example: '2026-11-11' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: null, nullable: true, type: Number, description: 'null: nobody parks that day' })
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  @Min(1)
  daystate_id: number | null;
}

export class ScheduleDto {
  @ApiProperty({ example: [1, 2], type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @IsInt({ each: true })
  sequence: number[];

  @ApiProperty({ type: AnchorDto })
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor: AnchorDto;

  @ApiProperty({ example: ['saturday', 'sunday'], enum: WEEKDAYS, isArray: true })
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  skip: Weekday[];

  @ApiProperty({ type: [ScheduleExceptionDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ScheduleExceptionDto)
  exceptions: ScheduleExceptionDto[];
}

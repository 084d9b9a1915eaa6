import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateIf } from 'class-validator';
import { IsRowId, NestedObject } from '../../common/input/dto-rules.js';
import { WEEKDAYS, type Weekday } from '../schedule.js';
import { IsCalendarDate } from './validators.js';

export class AnchorDto {
  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: 1 })
  @IsRowId()
  daystate_id: number;
}

export class ScheduleExceptionDto {
  @ApiProperty({ example: '2026-11-11' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: null, nullable: true, type: Number, description: 'null: nobody parks that day' })
  @ValidateIf((_object, value) => value !== null)
  @IsRowId()
  daystate_id: number | null;
}

export class ScheduleDto {
  @ApiProperty({ example: [1, 2], type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @IsRowId({ each: true })
  sequence: number[];

  @ApiProperty({ type: AnchorDto })
  @NestedObject(() => AnchorDto)
  anchor: AnchorDto;

  @ApiProperty({ example: ['saturday', 'sunday'], enum: WEEKDAYS, isArray: true })
  @IsArray()
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  skip: Weekday[];

  @ApiProperty({ type: [ScheduleExceptionDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @NestedObject(() => ScheduleExceptionDto, { each: true })
  exceptions: ScheduleExceptionDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { WhenPresent } from '../../common/input/dto-rules.js';

export class CreateDayStateDto {
  @ApiProperty({ example: 'A' })
  @IsString()
  @Length(1, 50)
  identifier: string;

  @ApiPropertyOptional({ example: 'Today is an A day' })
  @WhenPresent()
  @IsString()
  @MaxLength(2000)
  greeting?: string;
}

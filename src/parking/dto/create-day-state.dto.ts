import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class CreateDayStateDto {
  @ApiProperty({ example: 'A' })
  @IsString()
  @Length(1, 50)
  identifier: string;

  @ApiPropertyOptional({ example: 'Today is an A day' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  greeting?: string;
}

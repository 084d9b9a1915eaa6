import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsRowId, WhenPresent } from '../../common/input/dto-rules.js';

export class CreatePassDto {
  @ApiProperty({ example: 1, description: 'a day state of the org' })
  @IsRowId()
  state_id: number;

  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  spot_num: number;
}

/** A moderator's assignment; omitted fields keep what the owner requested. */
export class AssignPassDto {
  @ApiPropertyOptional({ example: 2 })
  @WhenPresent()
  @IsRowId()
  state_id?: number;

  @ApiPropertyOptional({ example: 15 })
  @WhenPresent()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  spot_num?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail } from 'class-validator';
import { IsRowId, WhenPresent } from '../../common/input/dto-rules.js';

/** Names a user by id or by e-mail (exactly one of the two). */
export class UserReferenceDto {
  @ApiPropertyOptional({ example: 12 })
  @WhenPresent()
  @IsRowId()
  user_id?: number;

  @ApiPropertyOptional({ example: 'ada@example.org' })
  @WhenPresent()
  @IsEmail()
  email?: string;
}

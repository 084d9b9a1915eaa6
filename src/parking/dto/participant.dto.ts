import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, Min } from 'class-validator';

/** Names a user by id or by e-mail (exactly one of the two). */
export class UserReferenceDto {
  @ApiPropertyOptional({ example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  user_id?: number;

  @ApiPropertyOptional({ example: 'ada@example.org' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

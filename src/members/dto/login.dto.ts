import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';

/** `POST /v1/login`: a username or an e-mail, and the password. */
export class LoginDto {
  @ApiPropertyOptional({ example: 'Clem', description: 'username or email is required (case-insensitive)' })
  @ValidateIf((login: LoginDto) => login.username !== undefined || login.email === undefined)
  @IsString({ message: 'username or email is required' })
  @MaxLength(254)
  username?: string;

  @ApiPropertyOptional({ example: 'clem@example.org' })
  @ValidateIf((login: LoginDto) => login.email !== undefined)
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

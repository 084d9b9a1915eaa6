import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'Ada' })
  @IsString()
  @Length(1, 100)
  first_name: string;

  @ApiProperty({ example: 'Lovelace' })
  @IsString()
  @Length(1, 100)
  last_name: string;

  @ApiProperty({ example: 'ada@example.org', description: 'unique, compared case-insensitively' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 8, maxLength: 72 })
  @IsString()
  @Length(8, 72)
  password: string;
}

export class AuthDto {
  @ApiProperty({ example: 'ada@example.org' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(200)
  password: string;
}

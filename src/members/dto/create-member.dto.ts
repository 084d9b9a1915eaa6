import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { EmptyToNull, IsPassword, IsUsername, NormalizeUsername, RefusesReadOnlyFields, TrimString } from './member-fields.js';

/** `POST /v1/membres`: a sign-up. Staff and activity are the server's to decide. */
export class CreateMemberDto extends RefusesReadOnlyFields {
  @ApiProperty({ example: 'Clem', description: '1–30 characters, unique ignoring case, no "," or "/"; trimmed' })
  @NormalizeUsername()
  @IsUsername()
  username: string;

  @ApiProperty({ example: 'clem@example.org', description: 'unique ignoring case' })
  @TrimString()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 8, description: 'at least 8 characters, at most 72 bytes' })
  @IsPassword()
  password: string;

  @ApiPropertyOptional({ example: true, default: false })
  @IsOptional()
  @IsBoolean()
  show_email?: boolean;

  @ApiPropertyOptional({ example: true, default: false })
  @IsOptional()
  @IsBoolean()
  email_for_answer?: boolean;

  @ApiPropertyOptional({ type: String, example: 'https://example.org', nullable: true })
  @EmptyToNull()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: false }, { message: 'site must be an http(s) URL' })
  @MaxLength(200)
  site?: string | null;

  @ApiPropertyOptional({ type: String, example: 'https://example.org/a.png', nullable: true })
  @EmptyToNull()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'avatar_url must be an http(s) URL' })
  @MaxLength(500)
  avatar_url?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Cycling across town since 1977.', nullable: true })
  @EmptyToNull()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  biography?: string | null;

  @ApiPropertyOptional({ type: String, example: 'See you on the road', nullable: true })
  @EmptyToNull()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sign?: string | null;
}

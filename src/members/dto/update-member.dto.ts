import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { EmptyToNull, IsPassword, IsUsername, NormalizeUsername, RefusesReadOnlyFields, TrimString, WhenSent } from './member-fields.js';

/**
 * `PUT /v1/membres`: the caller's own profile, any subset of its writable fields. `null` or `""`
 * clears an optional text field; required fields (username, email, the booleans) cannot be cleared.
 */
export class UpdateMemberDto extends RefusesReadOnlyFields {
  @ApiPropertyOptional({ example: 'Clem' })
  @NormalizeUsername()
  @WhenSent()
  @IsUsername()
  username?: string;

  @ApiPropertyOptional({ example: 'clem@example.org' })
  @TrimString()
  @WhenSent()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: true })
  @WhenSent()
  @IsBoolean()
  show_email?: boolean;

  @ApiPropertyOptional({ example: false })
  @WhenSent()
  @IsBoolean()
  email_for_answer?: boolean;

  @ApiPropertyOptional({ type: String, example: 'https://example.org', nullable: true, description: 'null or "" clears it' })
  @EmptyToNull()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: false }, { message: 'site must be an http(s) URL' })
  @MaxLength(200)
  site?: string | null;

  @ApiPropertyOptional({ type: String, example: 'https://example.org/a.png', nullable: true, description: 'null or "" clears it' })
  @EmptyToNull()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'avatar_url must be an http(s) URL' })
  @MaxLength(500)
  avatar_url?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Cycling across town since 1977.', nullable: true, description: 'null or "" clears it' })
  @EmptyToNull()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  biography?: string | null;

  @ApiPropertyOptional({ type: String, example: '', nullable: true, description: 'null or "" clears it' })
  @EmptyToNull()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sign?: string | null;

  @ApiPropertyOptional({ example: 'a new long passphrase', description: 'requires current_password' })
  @WhenSent()
  @IsPassword()
  password?: string;

  @ApiPropertyOptional({ example: 'correct horse battery', description: 'required with password' })
  @WhenSent()
  @IsString()
  current_password?: string;
}

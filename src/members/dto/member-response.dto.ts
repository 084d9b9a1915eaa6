import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A member as the API shows it: the type `toMemberView` (member.views.ts) returns, and its Swagger schema. */
export class MemberResponseDto {
  @ApiProperty({ example: 123456 })
  id: number;

  @ApiProperty({ example: 'Clem' })
  username: string;

  @ApiProperty({ example: true })
  show_email: boolean;

  @ApiPropertyOptional({ example: 'clem@example.org', description: 'absent when show_email is false, except in the own profile' })
  email?: string;

  @ApiProperty({ example: false })
  is_staff: boolean;

  @ApiProperty({ example: true })
  is_active: boolean;

  @ApiProperty({ example: 'https://example.org', nullable: true, type: String })
  site: string | null;

  @ApiProperty({ example: 'https://example.org/a.png', nullable: true, type: String })
  avatar_url: string | null;

  @ApiProperty({ example: 'Cycling across town since 1977.', nullable: true, type: String })
  biography: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  sign: string | null;

  @ApiProperty({ example: true })
  email_for_answer: boolean;

  @ApiProperty({
    example: '2026-04-22T06:00:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'null until the first login',
  })
  last_visit: string | null;

  @ApiProperty({ example: '1977-04-22T06:00:00.000Z', type: String, format: 'date-time' })
  date_joined: string;
}

export class AccessTokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ example: 3600 })
  expires_in: number;
}

export class ErrorEntryDto {
  @ApiProperty({ example: 404, description: 'the HTTP status' })
  code: number;

  @ApiProperty({ example: 'member does not exist' })
  message: string;

  @ApiPropertyOptional({ example: 'email', description: 'the faulty field, when one is at fault' })
  field?: string;
}

export class ErrorResponseDto {
  @ApiProperty({ type: [ErrorEntryDto], description: 'one entry per fault' })
  errors: ErrorEntryDto[];
}

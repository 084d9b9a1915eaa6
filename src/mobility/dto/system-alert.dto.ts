import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { IsInstant } from '../instant.validator.js';
import { ALERT_TYPES, type AlertType, type SystemAlert } from '../system-alert.entity.js';

/** A system alert as an admin writes it (POST creates, PUT replaces). */
export class SystemAlertInputDto {
  @ApiProperty({ enum: ALERT_TYPES, example: 'other' })
  @IsIn(ALERT_TYPES, { message: `type must be one of ${ALERT_TYPES.join(', ')}` })
  type: AlertType;

  @ApiProperty({ example: 'E-bikes unavailable on the islands', maxLength: 200 })
  @IsString({ message: 'summary must be a string' })
  @Length(1, 200, { message: 'summary must be 1 to 200 characters' })
  summary: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @Length(1, 2000, { message: 'description must be 1 to 2000 characters' })
  description?: string;

  @ApiPropertyOptional({ example: 'https://citymove.example.org/alerts/1' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url?: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T10:00:00Z' })
  @IsInstant('starts_at')
  starts_at: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'after starts_at; absent: until removed' })
  @IsOptional()
  @IsInstant('ends_at')
  ends_at?: string;
}

export class SystemAlertView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ALERT_TYPES })
  type: AlertType;

  @ApiProperty()
  summary: string;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ nullable: true, type: String })
  url: string | null;

  @ApiProperty({ format: 'date-time' })
  starts_at: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  ends_at: string | null;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toSystemAlertView(alert: SystemAlert): SystemAlertView {
  return {
    id: alert.id,
    type: alert.type,
    summary: alert.summary,
    description: alert.description,
    url: alert.url,
    starts_at: alert.startsAt.toISOString(),
    ends_at: alert.endsAt?.toISOString() ?? null,
    updated_at: alert.updatedAt.toISOString(),
  };
}

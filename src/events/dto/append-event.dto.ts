import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_EVENT_NAME_LENGTH } from '../event-rules.js';

// These classes describe the body to Swagger only: `parseEnvelope` (event-input.ts) validates it by
// hand, the append route being the throughput benchmark's hot path.

export class EventDescriptorDto {
  @ApiProperty({ maxLength: MAX_EVENT_NAME_LENGTH, example: 'OrderPlaced' })
  name: string;

  @ApiProperty({ minimum: 1, example: 1 })
  version: number;

  @ApiPropertyOptional({ type: String, description: 'Never sent: the server assigns it (sending it is a 400)', readOnly: true })
  id?: string;
}

export class SystemDto {
  @ApiProperty({ example: 'alv123' })
  id: string;

  @ApiProperty({ example: 'codello alvine' })
  name: string;

  @ApiProperty({ example: '2017-09-06 13:58:12', description: 'ISO 8601 or YYYY-MM-DD HH:mm:ss' })
  time: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone name' })
  timezone: string;
}

export class TriggerDto {
  @ApiProperty({ example: 'system' })
  type: string;

  @ApiProperty({ example: '/path/to/script.php' })
  name: string;
}

/** The envelope a producer appends (spec, "append"); every field required. */
export class AppendEventDto {
  @ApiProperty({ type: EventDescriptorDto })
  event: EventDescriptorDto;

  @ApiProperty({ type: SystemDto })
  system: SystemDto;

  @ApiProperty({ type: TriggerDto })
  trigger: TriggerDto;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { orderId: 42 }, description: 'Any JSON object' })
  payload: Record<string, unknown>;
}

import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsDefined } from 'class-validator';

/** Body of `POST /api/v1/streams/:streamName/events/:eventId`: `action=ACK` (form or JSON). */
export class AcknowledgeEventDto {
  @ApiProperty({ enum: ['ACK'], example: 'ACK' })
  @IsDefined({ message: 'is required' })
  @Equals('ACK', { message: 'must be ACK' })
  action: 'ACK';
}

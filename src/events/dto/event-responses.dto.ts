import { ApiProperty } from '@nestjs/swagger';

class DeliveredEventDescriptorDto {
  @ApiProperty({ example: 'OrderPlaced' })
  name: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ example: '0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e' })
  id: string;

  @ApiProperty({ example: 1, description: 'Gapless per (stream, event name), in commit order' })
  sequence: number;
}

/** An event as a consumer receives it: the stored envelope with `event.id`, `event.sequence`, `createdAt`. */
export class DeliveredEventDto {
  @ApiProperty({ type: DeliveredEventDescriptorDto })
  event: DeliveredEventDescriptorDto;

  @ApiProperty({ example: { id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' } })
  system: Record<string, unknown>;

  @ApiProperty({ example: { type: 'system', name: '/path/to/script.php' } })
  trigger: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { orderId: 42 } })
  payload: Record<string, unknown>;

  @ApiProperty({ example: '2026-11-22T10:15:30.000Z' })
  createdAt: string;
}

export class StreamSummaryDto {
  @ApiProperty({ example: 'orders' })
  name: string;

  @ApiProperty({ example: 'shop-1' })
  producerId: string;

  @ApiProperty({ example: 1200, description: 'Events appended, all names together' })
  events: number;

  @ApiProperty({ example: ['OrderPaid', 'OrderPlaced'] })
  eventNames: string[];

  @ApiProperty({ type: String, example: '2026-11-22T10:15:30.000Z', nullable: true })
  lastEventAt: string | null;
}

export class ConsumerPositionDto {
  @ApiProperty({ example: 'billing' })
  consumerId: string;

  @ApiProperty({ example: 'OrderPlaced' })
  eventName: string;

  @ApiProperty({ example: 1100, description: 'Highest acknowledged sequence' })
  offset: number;

  @ApiProperty({ example: 100, description: 'Events of that name not acknowledged yet' })
  behind: number;

  @ApiProperty({ example: '2026-11-22T10:15:30.000Z' })
  movedAt: string;
}

class EventNameStatsDto {
  @ApiProperty({ example: 'OrderPlaced' })
  name: string;

  @ApiProperty({ example: 1200 })
  events: number;

  @ApiProperty({ example: '2026-11-22T10:15:30.000Z' })
  lastEventAt: string;
}

export class StreamStatsDto {
  @ApiProperty({ example: 'orders' })
  name: string;

  @ApiProperty({ example: 'shop-1' })
  producerId: string;

  @ApiProperty({ example: 1200 })
  events: number;

  @ApiProperty({ type: EventNameStatsDto, isArray: true })
  eventNames: EventNameStatsDto[];
}

class ConsumerStatsDto {
  @ApiProperty({ example: 'orders' })
  stream: string;

  @ApiProperty({ example: 'billing' })
  consumerId: string;

  @ApiProperty({ example: 'OrderPlaced' })
  eventName: string;

  @ApiProperty({ example: 1100 })
  offset: number;

  @ApiProperty({ example: 100, description: 'Events of that name not acknowledged yet' })
  lag: number;
}

/** `GET /api/v1/stats`: the streams this client may see, their events, consumers and lag, and the append rate. */
export class EventStatsDto {
  @ApiProperty({ example: 3 })
  streams: number;

  @ApiProperty({ example: 5400, description: 'Events of every visible stream' })
  events: number;

  @ApiProperty({ example: 320, description: 'Appends committed in the last 60 seconds, all streams' })
  appendsPerMinute: number;

  @ApiProperty({ type: StreamStatsDto, isArray: true })
  byStream: StreamStatsDto[];

  @ApiProperty({ type: ConsumerStatsDto, isArray: true })
  consumers: ConsumerStatsDto[];
}

/** An event read by id or across the stream (`/all`): a delivered event and its stream-wide position. */
export class PositionedEventDto extends DeliveredEventDto {
  @ApiProperty({ example: 42, description: 'Its place among every event of the stream, all names, in commit order' })
  position: number;
}

import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EventsBasicGuard } from '../common/auth/guards.js';
import { AcknowledgeEventDto } from './dto/acknowledge-event.dto.js';
import { AppendEventDto } from './dto/append-event.dto.js';
import { ConsumerPositionDto, DeliveredEventDto, StreamSummaryDto } from './dto/event-responses.dto.js';
import { parseAcknowledgement, parseConsumeQuery, parseEnvelope } from './event-input.js';
import {
  CLIENT_ID_RULE,
  CONSUMER_HEADER,
  MAX_STREAM_NAME_LENGTH,
  PRODUCER_HEADER,
  requireClientId,
  requireEventId,
  requireMediaType,
  requireStreamName,
} from './event-rules.js';
import { EventsService } from './events.service.js';

type RequestHeaders = Record<string, string | string[] | undefined>;

const JSON_UTF8 = 'application/json; charset=utf-8';
const STREAM_PARAM = {
  name: 'streamName',
  description: `1 to ${MAX_STREAM_NAME_LENGTH} characters, URL-encoded, no '/'`,
  example: 'orders',
};
const CLIENT_HEADER = (name: string) => ({ name, required: true, description: CLIENT_ID_RULE, example: 'shop-1' });
const unauthorized = { description: 'Bad credentials (with `WWW-Authenticate: Basic realm="events"`)', schema: { type: 'string', example: 'Unauthorized' } };
const badRequest = (example: string) => ({ description: 'The message names the field at fault', schema: { type: 'string', example } });
const streamNotFound = { description: 'No event was ever written to the stream', schema: { type: 'string', example: 'Not Found - stream orders does not exist' } };

/**
 * The seed's HTTP event store. Bodies are JSON strings as the seed's tables give them; every check
 * happens here in the spec's order (headers, stream name, Content-Type, body) before the store runs.
 */
@ApiTags('events')
@ApiBasicAuth('events-basic')
@ApiExtraModels(DeliveredEventDto, StreamSummaryDto, ConsumerPositionDto)
@ApiUnauthorizedResponse(unauthorized)
@UseGuards(EventsBasicGuard)
@Controller('api/v1/streams')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post(':streamName/events')
  @HttpCode(200)
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Append an event; the first event of a stream makes its producer the owner' })
  @ApiParam(STREAM_PARAM)
  @ApiHeader(CLIENT_HEADER('X-Producer-ID'))
  @ApiConsumes('application/json')
  @ApiBody({ type: AppendEventDto })
  @ApiOkResponse({ description: 'The new event id', schema: { type: 'string', example: '"0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e"' } })
  @ApiBadRequestResponse(badRequest('Bad Request - event.version: must be an integer of at least 1'))
  @ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB', schema: { type: 'string', example: 'Payload Too Large' } })
  @ApiResponse({ status: 423, description: 'Another producer owns the stream', schema: { type: 'string', example: 'Locked - Second writers not allowed' } })
  async append(@Param('streamName') streamName: string, @Headers() headers: RequestHeaders, @Body() body: unknown): Promise<string> {
    const producerId = requireClientId(headers, PRODUCER_HEADER);
    const stream = requireStreamName(streamName);
    requireMediaType(headers['content-type'], ['application/json']);
    const envelope = parseEnvelope(body);
    // The blocks are stored exactly as sent: validation refused unknown keys, so there is nothing to strip.
    const { id } = await this.events.append(stream, producerId, {
      event: { name: envelope.event.name, version: envelope.event.version },
      system: envelope.system,
      trigger: envelope.trigger,
      payload: envelope.payload,
    });
    return JSON.stringify(id);
  }

  @Get(':streamName/events')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({
    summary: "Events of one name past this consumer's offset, ascending; nothing is marked in flight (at-least-once)",
  })
  @ApiParam(STREAM_PARAM)
  @ApiHeader(CLIENT_HEADER('X-Consumer-ID'))
  @ApiQuery({ name: 'eventName', required: true, example: 'OrderPlaced' })
  @ApiQuery({ name: 'limit', required: true, example: 100, description: 'integer 1..1000' })
  @ApiQuery({ name: 'wait', required: false, example: 10, description: 'long poll: seconds 1..30 to wait for an event' })
  @ApiOkResponse({ type: DeliveredEventDto, isArray: true })
  @ApiBadRequestResponse(badRequest('Bad Request - limit: must be an integer from 1 to 1000'))
  @ApiNotFoundResponse(streamNotFound)
  async consume(@Param('streamName') streamName: string, @Headers() headers: RequestHeaders, @Query() query: unknown): Promise<string> {
    const consumerId = requireClientId(headers, CONSUMER_HEADER);
    const stream = requireStreamName(streamName);
    const { eventName, limit, wait } = parseConsumeQuery(query);
    const events = await this.events.consume(stream, eventName, consumerId, limit, (wait ?? 0) * 1000);
    return JSON.stringify(events);
  }

  @Post(':streamName/events/:eventId')
  @HttpCode(200)
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({
    summary: 'Acknowledge an event: cumulative (every earlier event of that name too), idempotent, never backwards',
  })
  @ApiParam(STREAM_PARAM)
  @ApiParam({ name: 'eventId', description: 'The event id (UUID)', example: '0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e' })
  @ApiHeader(CLIENT_HEADER('X-Consumer-ID'))
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: AcknowledgeEventDto })
  @ApiOkResponse({ description: 'Acknowledged', schema: { type: 'string', example: '"OK"' } })
  @ApiBadRequestResponse(badRequest('Bad Request - action: must be ACK'))
  @ApiNotFoundResponse({ description: 'Unknown stream, or no such event in it', schema: { type: 'string', example: 'Not Found - event 0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e does not exist in stream orders' } })
  async acknowledge(
    @Param('streamName') streamName: string,
    @Param('eventId') eventIdParam: string,
    @Headers() headers: RequestHeaders,
    @Body() body: unknown,
  ): Promise<string> {
    const consumerId = requireClientId(headers, CONSUMER_HEADER);
    const stream = requireStreamName(streamName);
    const eventId = requireEventId(eventIdParam);
    requireMediaType(headers['content-type'], ['application/x-www-form-urlencoded', 'application/json']);
    parseAcknowledgement(body);
    await this.events.acknowledge(stream, eventId, consumerId);
    return JSON.stringify('OK');
  }

  @Get()
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Every stream: owner, event count, event names, last append' })
  @ApiOkResponse({ type: StreamSummaryDto, isArray: true })
  async listStreams(): Promise<string> {
    return JSON.stringify(await this.events.listStreams());
  }

  @Get(':streamName/consumers')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Per consumer and event name: offset, events still to acknowledge (`behind`), last move' })
  @ApiParam(STREAM_PARAM)
  @ApiOkResponse({ type: ConsumerPositionDto, isArray: true })
  @ApiNotFoundResponse(streamNotFound)
  async listConsumers(@Param('streamName') streamName: string): Promise<string> {
    return JSON.stringify(await this.events.listConsumers(requireStreamName(streamName)));
  }
}

import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EventsBasicGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { BasicPrincipal } from '../common/auth/realms.js';
import { BodyLimits, bodyTextOf } from '../common/input/request-body.js';
import { AcknowledgeEventDto } from './dto/acknowledge-event.dto.js';
import { AppendEventDto } from './dto/append-event.dto.js';
import { SeekOffsetDto } from './dto/replay.dto.js';
import { ConsumerPositionDto, DeliveredEventDto, EventStatsDto, PositionedEventDto, StreamSummaryDto } from './dto/event-responses.dto.js';
import { envelopeBlockTexts } from './envelope-text.js';
import {
  parseAcknowledgement,
  parseConsumeQuery,
  parseEnvelope,
  parseReadAllQuery,
  parseSeekOffset,
  parseSubscribeQuery,
} from './event-input.js';
import {
  CLIENT_ID_RULE,
  CONSUMER_HEADER,
  EXPECTED_SEQUENCE_HEADER,
  MAX_JSON_DEPTH,
  MAX_STREAM_NAME_LENGTH,
  PRODUCER_HEADER,
  SECOND_WRITER_MESSAGE,
  optionalIdempotencyKey,
  optionalSequenceHeader,
  requireClientId,
  requireConsumerIdParam,
  requireEventId,
  requireEventName,
  requireMediaType,
  requireStreamName,
} from './event-rules.js';
import { ApiError } from '../common/errors/api-error.js';
import { DomainEventsPublisher } from './domain-events.publisher.js';
import { EventsService } from './events.service.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { deliveredEventText, deliveredEventsText, toConsumerPositionView, toStreamSummaryViews } from './events.views.js';
import { StreamAccess } from './stream-access.js';

type RequestHeaders = Record<string, string | string[] | undefined>;

const JSON_UTF8 = 'application/json; charset=utf-8';
const STREAM_PARAM = {
  name: 'streamName',
  description: `1 to ${MAX_STREAM_NAME_LENGTH} characters, URL-encoded, no '/'`,
  example: 'orders',
};
const CLIENT_HEADER = (name: string) => ({ name, required: true, description: CLIENT_ID_RULE, example: 'shop-1' });
const unauthorized = {
  description: 'Bad credentials (with `WWW-Authenticate: Basic realm="events"`)',
  schema: { type: 'string', example: 'Unauthorized' },
};
const badRequest = (example: string) => ({ description: 'The message names the field at fault', schema: { type: 'string', example } });
const streamNotFound = {
  description: 'No event was ever written to the stream',
  schema: { type: 'string', example: 'Not Found - stream orders does not exist' },
};

/**
 * The seed's HTTP event store. Bodies are JSON strings as the seed's tables give them; every check
 * happens here in the spec's order (headers, stream name, Content-Type, body) before the store runs.
 */
@ApiTags('events')
@ApiBasicAuth('events-basic')
@ApiExtraModels(DeliveredEventDto, PositionedEventDto, StreamSummaryDto, ConsumerPositionDto, EventStatsDto)
@ApiUnauthorizedResponse(unauthorized)
@ApiForbiddenResponse({
  description: 'EVENTS_CLIENT_STREAMS limits this client to other stream prefixes',
  schema: { type: 'string', example: 'Forbidden - client shop may not use stream orders' },
})
@ApiTooManyRequestsResponse({
  description: 'Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After',
  schema: { type: 'string' },
})
@UseGuards(EventsBasicGuard)
@Controller('api/v1/streams')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly publisher: DomainEventsPublisher,
    private readonly access: StreamAccess,
    private readonly subscriptions: EventSubscriptions,
  ) {}

  @Post(':streamName/events')
  // The contract's 1 MiB envelope, and room for a payload to nest past what the store keeps
  // (MAX_JSON_DEPTH), so that a deeper one gets the store's own message; its check is iterative.
  // Its text is kept (`keepText`): the blocks are stored byte for byte as sent.
  @BodyLimits({ bytes: 1024 * 1024, depth: 2 * MAX_JSON_DEPTH, keepText: true })
  @HttpCode(200)
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Append an event; the first event of a stream makes its producer the owner' })
  @ApiParam(STREAM_PARAM)
  @ApiHeader(CLIENT_HEADER('X-Producer-ID'))
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 255 visible ASCII characters: a repeat of the append (same body) within 24 h answers the first id and stores nothing',
  })
  @ApiHeader({
    name: 'X-Expected-Sequence',
    required: false,
    description: "The event name's last sequence the producer saw (0 for none): appended only if it still is, else 409",
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: AppendEventDto })
  @ApiConflictResponse({
    description: 'X-Expected-Sequence is no longer the last sequence of that event name',
    schema: { type: 'string', example: 'Conflict - expected sequence 4, stream is at 5' },
  })
  @ApiUnprocessableEntityResponse({
    description: 'The Idempotency-Key was used for another request body',
    schema: { type: 'string', example: 'Unprocessable Entity - Idempotency-Key: was already used for a different request to this stream' },
  })
  @ApiOkResponse({ description: 'The new event id', schema: { type: 'string', example: '"0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e"' } })
  @ApiBadRequestResponse(badRequest('Bad Request - event.version: must be an integer of at least 1'))
  @ApiPayloadTooLargeResponse({ description: 'Body over 1 MiB', schema: { type: 'string', example: 'Payload Too Large' } })
  @ApiResponse({
    status: 423,
    description: 'Another producer owns the stream, or citymove publishes it itself (operator.hails, mobility.trips, parking.loans)',
    schema: { type: 'string', example: 'Locked - Second writers not allowed' },
  })
  async append(
    @Param('streamName') streamName: string,
    @Headers() headers: RequestHeaders,
    @Body() body: unknown,
    @Principal() client: BasicPrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const producerId = requireClientId(headers, PRODUCER_HEADER);
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    requireMediaType(headers['content-type'], ['application/json']);
    const idempotencyKey = optionalIdempotencyKey(headers);
    const expectedSequence = optionalSequenceHeader(headers, EXPECTED_SEQUENCE_HEADER, 'X-Expected-Sequence');
    const envelope = parseEnvelope(body);
    // The platform is the one writer of its own streams: the spec's 423 for any second writer.
    if (this.publisher.isReserved(stream)) throw ApiError.of(423, SECOND_WRITER_MESSAGE);
    // The blocks are stored as the producer's text: validation refused unknown keys, so there is nothing to strip.
    const text = bodyTextOf(request) ?? JSON.stringify(body);
    const blocks = envelopeBlockTexts(text) ?? {
      system: JSON.stringify(envelope.system),
      trigger: JSON.stringify(envelope.trigger),
      payload: JSON.stringify(envelope.payload),
    };
    const idempotency = idempotencyKey === undefined ? undefined : { key: idempotencyKey, digest: digestOf(text) };
    const appended = await this.events.append(
      stream,
      producerId,
      { name: envelope.event.name, version: envelope.event.version, ...blocks },
      { idempotency, expectedSequence },
    );
    // As Stripe's: the answer is the first append's, and says so.
    if (appended.repeated) void reply.header('Idempotent-Replayed', 'true');
    return JSON.stringify(appended.id);
  }

  @Get(':streamName/events')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({
    summary: "Events of one name past this consumer's offset, ascending; nothing is marked in flight (at-least-once)",
  })
  @ApiParam(STREAM_PARAM)
  @ApiHeader(CLIENT_HEADER('X-Consumer-ID'))
  @ApiQuery({ name: 'eventName', type: String, required: true, example: 'OrderPlaced' })
  @ApiQuery({ name: 'limit', type: 'integer', required: true, example: 100, description: 'integer 1..1000' })
  @ApiQuery({ name: 'wait', type: 'integer', required: false, example: 10, description: 'long poll: seconds 1..30 to wait for an event' })
  @ApiOkResponse({ type: DeliveredEventDto, isArray: true })
  @ApiBadRequestResponse(badRequest('Bad Request - limit: must be an integer from 1 to 1000'))
  @ApiNotFoundResponse(streamNotFound)
  async consume(
    @Param('streamName') streamName: string,
    @Headers() headers: RequestHeaders,
    @Query() query: unknown,
    @Principal() client: BasicPrincipal,
  ): Promise<string> {
    const consumerId = requireClientId(headers, CONSUMER_HEADER);
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const { eventName, limit, wait } = parseConsumeQuery(query);
    const events = await this.events.consume(stream, eventName, consumerId, limit, (wait ?? 0) * 1000);
    return deliveredEventsText(events);
  }

  // Declared before `events/:eventId` (Fastify prefers the static segment anyway): `subscribe` is no event id.
  @Get(':streamName/events/subscribe')
  @ApiOperation({
    summary: "Server-Sent Events: this consumer's events of one name past its offset, then each as it commits (at-least-once)",
    description:
      'Each message: `id: <sequence>`, `event: <event name>`, `data: <the event as GET …/events gives it>`. ' +
      'Resume with `Last-Event-ID: <sequence>`; ACK as with `GET …/events`. A comment line is sent as a heartbeat.',
  })
  @ApiParam(STREAM_PARAM)
  @ApiHeader(CLIENT_HEADER('X-Consumer-ID'))
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last sequence received: resume after it' })
  @ApiQuery({ name: 'eventName', type: String, required: true, example: 'OrderPlaced' })
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiBadRequestResponse(badRequest('Bad Request - eventName: is required'))
  @ApiNotFoundResponse(streamNotFound)
  async subscribe(
    @Param('streamName') streamName: string,
    @Headers() headers: RequestHeaders,
    @Query() query: unknown,
    @Principal() client: BasicPrincipal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const consumerId = requireClientId(headers, CONSUMER_HEADER);
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const { eventName } = parseSubscribeQuery(query);
    const after = optionalSequenceHeader(headers, 'last-event-id', 'Last-Event-ID') ?? 0;
    await this.events.requireStream(stream);
    await this.subscriptions.serve(reply, { stream, eventName, consumerId, after });
  }

  @Get(':streamName/events/:eventId')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'One event by id, with its stream-wide position' })
  @ApiParam(STREAM_PARAM)
  @ApiParam({ name: 'eventId', description: 'The event id (UUID)', example: '0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e' })
  @ApiOkResponse({ type: PositionedEventDto })
  @ApiBadRequestResponse(badRequest('Bad Request - eventId: must be a UUID'))
  @ApiNotFoundResponse({
    description: 'Unknown stream, or no such event in it',
    schema: { type: 'string', example: 'Not Found - event 0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e does not exist in stream orders' },
  })
  async findEvent(
    @Param('streamName') streamName: string,
    @Param('eventId') eventIdParam: string,
    @Principal() client: BasicPrincipal,
  ): Promise<string> {
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const eventId = requireEventId(eventIdParam);
    return deliveredEventText(await this.events.findEvent(stream, eventId), true);
  }

  @Get(':streamName/all')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Every event of the stream, all names, in commit order, past a stream-wide position' })
  @ApiParam(STREAM_PARAM)
  @ApiQuery({ name: 'after', type: 'integer', required: false, example: 0, description: 'position to read after (default 0)' })
  @ApiQuery({ name: 'limit', type: 'integer', required: true, example: 100, description: 'integer 1..1000' })
  @ApiOkResponse({ type: PositionedEventDto, isArray: true })
  @ApiBadRequestResponse(badRequest('Bad Request - after: must be an integer from 0 to 9007199254740991'))
  @ApiNotFoundResponse(streamNotFound)
  async readAll(@Param('streamName') streamName: string, @Query() query: unknown, @Principal() client: BasicPrincipal): Promise<string> {
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const { after, limit } = parseReadAllQuery(query);
    return deliveredEventsText(await this.events.readAll(stream, after ?? 0, limit), true);
  }

  @Put(':streamName/consumers/:consumerId/offsets/:eventName')
  @HttpCode(200)
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: "Set a consumer's offset on an event name: seek, rewind (0 replays all) or skip to the end" })
  @ApiParam(STREAM_PARAM)
  @ApiParam({ name: 'consumerId', description: CLIENT_ID_RULE, example: 'billing' })
  @ApiParam({ name: 'eventName', description: 'The event name, URL-encoded', example: 'OrderPlaced' })
  @ApiConsumes('application/json')
  @ApiBody({ type: SeekOffsetDto })
  @ApiOkResponse({ description: 'Offset set', schema: { type: 'string', example: '"OK"' } })
  @ApiBadRequestResponse(badRequest('Bad Request - offset: must be at most 12, the last sequence of OrderPlaced'))
  @ApiNotFoundResponse(streamNotFound)
  async seek(
    @Param('streamName') streamName: string,
    @Param('consumerId') consumerIdParam: string,
    @Param('eventName') eventNameParam: string,
    @Headers() headers: RequestHeaders,
    @Body() body: unknown,
    @Principal() client: BasicPrincipal,
  ): Promise<string> {
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const consumerId = requireConsumerIdParam(consumerIdParam);
    const eventName = requireEventName(eventNameParam, 'eventName');
    requireMediaType(headers['content-type'], ['application/json']);
    const { offset } = parseSeekOffset(body);
    await this.events.seek(stream, consumerId, eventName, offset);
    return JSON.stringify('OK');
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
  @ApiNotFoundResponse({
    description: 'Unknown stream, or no such event in it',
    schema: { type: 'string', example: 'Not Found - event 0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e does not exist in stream orders' },
  })
  async acknowledge(
    @Param('streamName') streamName: string,
    @Param('eventId') eventIdParam: string,
    @Headers() headers: RequestHeaders,
    @Body() body: unknown,
    @Principal() client: BasicPrincipal,
  ): Promise<string> {
    const consumerId = requireClientId(headers, CONSUMER_HEADER);
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
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
  async listStreams(@Principal() client: BasicPrincipal): Promise<string> {
    const streams = toStreamSummaryViews(await this.events.listStreams());
    return JSON.stringify(streams.filter((stream) => this.access.allows(client.client, stream.name)));
  }

  @Get(':streamName/consumers')
  @Header('Content-Type', JSON_UTF8)
  @ApiOperation({ summary: 'Per consumer and event name: offset, events still to acknowledge (`behind`), last move' })
  @ApiParam(STREAM_PARAM)
  @ApiOkResponse({ type: ConsumerPositionDto, isArray: true })
  @ApiNotFoundResponse(streamNotFound)
  async listConsumers(@Param('streamName') streamName: string, @Principal() client: BasicPrincipal): Promise<string> {
    const stream = requireStreamName(streamName);
    this.access.assertAllowed(client.client, stream);
    const offsets = await this.events.listConsumers(stream);
    return JSON.stringify(offsets.map(toConsumerPositionView));
  }
}

/** What identifies a request under its Idempotency-Key: its body, byte for byte. */
function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

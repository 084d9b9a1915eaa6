import { Body, Controller, Get, HttpCode, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from '../common/auth/principal.decorator.js';
import { ApiError } from '../common/errors/api-error.js';
import { DriverEventsHub, parseLastEventId, type DriverEvent } from './driver-events.hub.js';
import { PostPositionsDto, SetDriverStatusDto } from './dto/driver-taxi.dto.js';
import { DriverStatusResponse, PositionsAcceptedResponse } from './dto/operator-responses.dto.js';
import { toDriverStatusView } from './hail.views.js';
import { TaxiPositionsService } from './taxi-positions.service.js';
import { TaxiStatusService } from './taxi-status.service.js';
import { TaxiTokenGuard, type TaxiPrincipal } from './taxi-token.guard.js';

/** The driver app's side of its taxi at the registry: status, positions, and its event stream. */
@ApiTags('operator')
@ApiBearerAuth('taxi-token')
@ApiUnauthorizedResponse({ description: 'A valid taxi token is required' })
@UseGuards(TaxiTokenGuard)
@Controller('operator/driver')
export class DriverTaxiController {
  constructor(
    private readonly status: TaxiStatusService,
    private readonly positions: TaxiPositionsService,
    private readonly events: DriverEventsHub,
  ) {}

  @Get('status')
  @ApiOperation({ summary: "The taxi's status at the registry as citymove last read or set it, and a request still on its way" })
  @ApiOkResponse({ type: DriverStatusResponse })
  async current(@Principal() taxi: TaxiPrincipal) {
    return toDriverStatusView(await this.status.current(taxi.id));
  }

  @Put('status')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sets the taxi’s status at the registry (free, occupied, off): stored, then delivered by durable work' })
  @ApiAcceptedResponse({ description: 'Stored; `requested` shows it until the registry took it', type: DriverStatusResponse })
  @ApiBadRequestResponse({ description: 'status must be free, occupied or off' })
  async set(@Principal() taxi: TaxiPrincipal, @Body() dto: SetDriverStatusDto) {
    return toDriverStatusView(await this.status.request(taxi.id, dto.status));
  }

  @Post('positions')
  @HttpCode(202)
  @ApiOperation({ summary: 'The driver app’s latest positions (1 to 20, each with its timestamp); the newest fresh one goes to geotaxi' })
  @ApiAcceptedResponse({ type: PositionsAcceptedResponse })
  @ApiBadRequestResponse({
    description: 'A position out of range, a timestamp without offset or from the future, an empty or too long batch',
  })
  @ApiServiceUnavailableResponse({ description: 'The database is busy with hails (Retry-After): drop this position, send the next one' })
  async post(@Principal() taxi: TaxiPrincipal, @Body() dto: PostPositionsDto) {
    const taken = await this.positions.take(taxi.id, dto.positions);
    return {
      received: taken.received,
      stored: taken.stored,
      stale: taken.stale,
      latest_at: taken.latestAtMs === null ? null : new Date(taken.latestAtMs).toISOString(),
    };
  }

  @Get('events')
  @ApiOperation({
    summary: 'Server-Sent Events: hail.received, hail.status (each change of its hails), taxi.status (the registry’s status)',
    description:
      'Each event carries `id: <hail transition id>.<taxi status change id>`; reconnecting with `Last-Event-ID` replays what came after it. ' +
      'A comment line is sent every DRIVER_EVENTS_HEARTBEAT_MS when idle.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: resume after it' })
  @ApiOkResponse({ description: 'An event stream (text/event-stream)' })
  @ApiBadRequestResponse({ description: 'Last-Event-ID is not an id this stream sent' })
  async stream(@Principal() taxi: TaxiPrincipal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const header = request.headers['last-event-id'];
    const resume = parseLastEventId(Array.isArray(header) ? header[0] : header);
    if (resume === 'invalid')
      throw ApiError.badRequest('Last-Event-ID must be <digits>.<digits>, as sent in an event id', { field: 'Last-Event-ID' });
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and the like would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    raw.write(': stream open\n\n');
    let ended = false;
    let close: (() => void) | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      raw.end();
    };
    // The response's close, not the request's: the request's fires once its (empty) body is read.
    raw.once('close', () => {
      ended = true;
      close?.();
    });
    try {
      close = await this.events.open(taxi.id, resume, {
        send: (event: DriverEvent) => {
          if (!ended) raw.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
        },
        comment: (text) => {
          if (!ended) raw.write(`: ${text}\n\n`);
        },
        end,
      });
    } catch {
      // The stream is already answered 200: the client reconnects with its Last-Event-ID.
      end();
      return;
    }
    if (ended) close();
  }
}

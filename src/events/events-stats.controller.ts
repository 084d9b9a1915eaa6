import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { EventsBasicGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { BasicPrincipal } from '../common/auth/realms.js';
import { EventStatsDto } from './dto/event-responses.dto.js';
import { EventsService } from './events.service.js';
import { toEventStatsView } from './events.views.js';
import { StreamAccess } from './stream-access.js';

/** The event store's statistics, as the seed's implementations serve them (events per stream and name, consumers and lag). */
@ApiTags('events')
@ApiBasicAuth('events-basic')
@ApiUnauthorizedResponse({
  description: 'Bad credentials (with `WWW-Authenticate: Basic realm="events"`)',
  schema: { type: 'string', example: 'Unauthorized' },
})
@UseGuards(EventsBasicGuard)
@Controller('api/v1/stats')
export class EventsStatsController {
  constructor(
    private readonly events: EventsService,
    private readonly access: StreamAccess,
  ) {}

  @Get()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'Streams, events per stream and name, consumers and their lag, appends in the last minute' })
  @ApiOkResponse({ type: EventStatsDto })
  async stats(@Principal() client: BasicPrincipal): Promise<string> {
    const figures = await this.events.figures();
    return JSON.stringify(toEventStatsView(figures, (stream) => this.access.allows(client.client, stream)));
  }
}

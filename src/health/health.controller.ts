import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventLoopGuard } from '../common/http/event-loop-guard.js';
import { type CheckState, HealthProbe } from './health-probe.js';

const EXAMPLE_UP = { status: 'ok', checks: { database: 'up', redis: 'up' } };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly probe: HealthProbe,
    private readonly eventLoop: EventLoopGuard,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether the database and Redis answer (each check bounded to 1 s)' })
  @ApiOkResponse({ description: 'Every dependency answers.', schema: { example: EXAMPLE_UP } })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down; its check says so.',
    schema: { example: { status: 'error', checks: { database: 'up', redis: 'down' } } },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const { database, redis } = await this.probe.states();
    // With the event-loop guard on, its verdict is a check of its own (see EventLoopGuard).
    const eventLoop: CheckState | undefined = this.eventLoop.enabled ? (this.eventLoop.isLagging() ? 'down' : 'up') : undefined;
    const healthy = database === 'up' && redis === 'up' && eventLoop !== 'down';
    reply.status(healthy ? 200 : 503).header('cache-control', 'no-store');
    return { status: healthy ? 'ok' : 'error', checks: { database, redis, ...(eventLoop && { event_loop: eventLoop }) } };
  }
}

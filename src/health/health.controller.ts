import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout.js';
import { RedisConnection } from '../queue/redis-connection.js';

type CheckState = 'up' | 'down';

const EXAMPLE_UP = { status: 'ok', checks: { database: 'up', redis: 'up' } };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every dependency answers.', schema: { example: EXAMPLE_UP } })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down; its check says so.',
    schema: { example: { status: 'error', checks: { database: 'up', redis: 'down' } } },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([this.databaseState(), this.redisState()]);
    const healthy = database === 'up' && redis === 'up';
    reply.status(healthy ? 200 : 503).header('cache-control', 'no-store');
    return { status: healthy ? 'ok' : 'error', checks: { database, redis } };
  }

  private async databaseState(): Promise<CheckState> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 1000);
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async redisState(): Promise<CheckState> {
    return (await this.redis.isUp()) ? 'up' : 'down';
  }
}

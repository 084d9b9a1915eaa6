import { CanActivate, Controller, ExecutionContext, Get, Inject, Injectable, Res, UseGuards } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { ApiError } from '../common/errors/api-error.js';
import { authConfig, metricsConfig } from '../config/configuration.js';
import { METRICS_CHALLENGE, MetricsAccess } from './metrics-access.js';
import { MetricsService } from './metrics.service.js';

@Injectable()
export class MetricsGuard implements CanActivate {
  private readonly access: MetricsAccess;

  constructor(
    @Inject(metricsConfig.KEY) metrics: ConfigType<typeof metricsConfig>,
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
    private readonly failures: FailureLimiter,
  ) {
    this.access = new MetricsAccess(metrics.token, auth.admin);
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { authorization } = request.headers;
    return this.failures.guard(MetricsAccess.failureCheck(authorization), request.ip, authorization !== undefined, async () => {
      if (this.access.allows(authorization)) return true;
      throw ApiError.unauthorized('the metrics token or admin credentials are required', METRICS_CHALLENGE);
    });
  }
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @UseGuards(MetricsGuard)
  @ApiOperation({ summary: 'Prometheus metrics of this process (docs/metrics.md)' })
  @ApiSecurity('metrics-token')
  @ApiSecurity('admin-basic')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ description: 'Neither `Bearer <METRICS_TOKEN>` nor admin Basic' })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await this.metrics.exposition();
    reply.header('content-type', contentType).header('cache-control', 'no-store');
    return body;
  }
}

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { challenges } from '../common/auth/realms.js';
import { constantTimeEqual } from '../common/auth/secrets.js';
import { ApiError } from '../common/errors/api-error.js';
import { operatorConfig } from '../config/configuration.js';

/**
 * The hail endpoint is public on the Internet: only a request carrying the header the registry was
 * configured with (HAIL_AUTH_HEADER_NAME/VALUE) gets in. Without that configuration, no check.
 * Wrong values are counted per client address: past AUTH_FAILURE_RATE_LIMIT every attempt is a 429.
 */
@Injectable()
export class RegistryHeaderGuard implements CanActivate {
  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    private readonly failures: FailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const expected = this.config.hailAuthHeader;
    if (!expected) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = request.headers[expected.name];
    return this.failures.guard('registry-header', request.ip, given !== undefined, async () => {
      if (typeof given === 'string' && constantTimeEqual(given, expected.value)) return true;
      throw ApiError.unauthorized('the registry header is missing or wrong', challenges.registry);
    });
  }
}

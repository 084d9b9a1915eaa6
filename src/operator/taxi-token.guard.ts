import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { challenges } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';
import { TaxisService } from './taxis.service.js';

/** Who a valid driver token identifies (`@Principal()` on driver routes). */
export interface TaxiPrincipal {
  realm: 'taxi';
  id: string;
}

/**
 * The taxi-token realm: `Authorization: Bearer <token shown at registration>`. The token is looked
 * up by its SHA-256 (stored hashed, indexed), so no comparison of secrets happens in application code.
 * Failures are counted per client address: past AUTH_FAILURE_RATE_LIMIT every attempt is a 429.
 */
@Injectable()
export class TaxiTokenGuard implements CanActivate {
  constructor(
    private readonly taxis: TaxisService,
    private readonly failures: FailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: TaxiPrincipal }>();
    await this.failures.assertAllowed('taxi-token', request.ip);
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
    const taxi = match ? await this.taxis.findByToken(match[1]) : null;
    if (!taxi) {
      if (request.headers.authorization !== undefined) await this.failures.recordFailure('taxi-token', request.ip);
      throw ApiError.unauthorized('a valid taxi token is required', challenges.taxi);
    }
    request.user = { realm: 'taxi', id: taxi.id };
    return true;
  }
}

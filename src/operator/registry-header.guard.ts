import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { challenges } from '../common/auth/realms.js';
import { constantTimeEqual } from '../common/auth/secrets.js';
import { ApiError } from '../common/errors/api-error.js';
import { operatorConfig } from '../config/configuration.js';

/**
 * The hail endpoint is public on the Internet: only a request carrying the header the registry was
 * configured with (HAIL_AUTH_HEADER_NAME/VALUE) gets in. Without that configuration, no check.
 */
@Injectable()
export class RegistryHeaderGuard implements CanActivate {
  constructor(@Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.hailAuthHeader;
    if (!expected) return true;
    const given = context.switchToHttp().getRequest<FastifyRequest>().headers[expected.name];
    if (typeof given === 'string' && constantTimeEqual(given, expected.value)) return true;
    throw ApiError.unauthorized('the registry header is missing or wrong', challenges.registry);
  }
}

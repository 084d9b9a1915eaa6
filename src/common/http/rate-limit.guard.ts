import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import { RedisConnection } from '../../queue/redis-connection.js';
import { authConfig } from '../../config/configuration.js';

/** The configured limits (`LOGIN_RATE_LIMIT`, …) a route may name instead of fixed numbers. */
export type RateLimitPolicy = keyof ConfigType<typeof authConfig>['rateLimits'];
import { withTimeout } from '../with-timeout.js';

export interface RateLimitOptions {
  /** Names the counter, e.g. `members-login`. */
  name: string;
  /** Requests admitted per client address within the window; or `policy`, read from the configuration. */
  limit?: number;
  windowSeconds?: number;
  policy?: RateLimitPolicy;
  /** Count per client address (the default), or per `keyBy` alone, whatever the address (an account). */
  perAddress?: boolean;
  /**
   * Narrows the counter beyond the client address, e.g. to the account a login names, so that
   * brute force on one account is stopped without throttling everyone behind one address.
   */
  keyBy?: (request: FastifyRequest) => string;
}

const RATE_LIMIT = Symbol('rate-limit');

/** How long a request waits for Redis' verdict before being admitted without one. */
export const REDIS_CHECK_TIMEOUT_MS = 300;

/**
 * Limits a route per client address: `@RateLimit({...})` with `@UseGuards(RateLimitGuard)`. Several
 * counters may apply at once (per address and per account): a request must pass each.
 */
export const RateLimit = (...options: RateLimitOptions[]) => SetMetadata(RATE_LIMIT, options);

// A sliding window in one round trip: drop attempts older than the window, count the rest, and
// admit (record) this one only while under the limit. Returns [admitted, oldest admitted ms].
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
local count = redis.call('ZCARD', KEYS[1])
if count < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2])}
`;

/**
 * Rate limiting shared by every API process: the window lives in Redis, so N processes behind a
 * load balancer enforce one limit, not N. Refusals are 429 with `Retry-After` (seconds).
 *
 * Redis unreachable or slower than REDIS_CHECK_TIMEOUT_MS: the request is admitted (fail open).
 * A Redis outage must not take logins down with it nor hold a request past a second; the limits
 * are back with Redis, and what they guard (bcrypt-hashed passwords) holds meanwhile.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly redis: RedisConnection,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const counters = this.reflector.get<RateLimitOptions[] | undefined>(RATE_LIMIT, context.getHandler()) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    for (const options of counters) await this.admit(options, request);
    return true;
  }

  private async admit(options: RateLimitOptions, request: FastifyRequest): Promise<void> {
    const { limit, windowSeconds } =
      options.policy !== undefined ? this.auth.rateLimits[options.policy] : (options as Required<RateLimitOptions>);
    const subject = [...(options.perAddress === false ? [] : [request.ip]), ...(options.keyBy ? [options.keyBy(request)] : [])];
    const now = Date.now();
    const windowMs = windowSeconds * 1000;
    const answer = await withTimeout(
      this.redis.client.eval(
        SLIDING_WINDOW,
        1,
        this.redis.key('rate-limit', options.name, ...subject),
        now,
        windowMs,
        limit,
        `${now}:${randomUUID()}`,
      ) as Promise<[number, number]>,
      REDIS_CHECK_TIMEOUT_MS,
    ).catch(() => undefined);
    if (answer === undefined) return;
    const [admitted, oldest] = answer;
    if (admitted === 1) return;
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw ApiError.of(429, `too many requests: retry in ${retryAfter} s`, { headers: { 'Retry-After': String(retryAfter) } });
  }
}

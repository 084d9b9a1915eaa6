import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import { RedisConnection } from '../../queue/redis-connection.js';

export interface RateLimitOptions {
  /** Names the counter, e.g. `members-login`. */
  name: string;
  /** Requests admitted per client address within the window. */
  limit: number;
  windowSeconds: number;
  /**
   * Narrows the counter beyond the client address, e.g. to the account a login names, so that
   * brute force on one account is stopped without throttling everyone behind one address.
   */
  keyBy?: (request: FastifyRequest) => string;
}

const RATE_LIMIT = Symbol('rate-limit');

/** Limits a route per client address: `@RateLimit({...})` with `@UseGuards(RateLimitGuard)`. */
export const RateLimit = (options: RateLimitOptions) => SetMetadata(RATE_LIMIT, options);

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
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly redis: RedisConnection,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<RateLimitOptions | undefined>(RATE_LIMIT, context.getHandler());
    if (options === undefined) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const now = Date.now();
    const windowMs = options.windowSeconds * 1000;
    const [admitted, oldest] = (await this.redis.client.eval(
      SLIDING_WINDOW,
      1,
      this.redis.key('rate-limit', options.name, request.ip, ...(options.keyBy ? [options.keyBy(request)] : [])),
      now,
      windowMs,
      options.limit,
      `${now}:${randomUUID()}`,
    )) as [number, number];
    if (admitted === 1) return true;
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw ApiError.of(429, `too many requests: retry in ${retryAfter} s`, { headers: { 'Retry-After': String(retryAfter) } });
  }
}

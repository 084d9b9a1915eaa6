import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { authConfig } from '../../config/configuration.js';
import { RedisConnection } from '../../queue/redis-connection.js';
import { ApiError } from '../errors/api-error.js';
import { withTimeout } from '../with-timeout.js';

// Records one failure in the sliding window and answers [failures in it, the moment (ms) the
// window holds fewer than ARGV[3] again: when the failure that keeps it at the limit leaves].
const RECORD_FAILURE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local count = redis.call('ZCARD', KEYS[1])
local limit = tonumber(ARGV[3])
if count < limit then return {count, 0} end
local keeping = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
return {count, tonumber(keeping[2]) + tonumber(ARGV[2])}
`;

/** A failure limiter that cannot reach Redis within this lets the request through (see below). */
const REDIS_TIMEOUT_MS = 300;

/** Blocked subjects a process remembers at most, so that a flood of addresses cannot grow it. */
const MAX_BLOCKED_SUBJECTS = 10_000;

/**
 * Counts failed credential checks where guessing is the threat but every success must stay cheap
 * (the event store checks a Basic pair on each append): the taxi token, the registry header, the
 * admin, metrics and events realms, `current_password`. After AUTH_FAILURE_RATE_LIMIT failures of
 * one subject (a client address, an account) within its window, every attempt is refused with 429
 * and `Retry-After` until the window holds fewer, right credentials included, so that a guess
 * cannot be confirmed.
 *
 * The failures are counted in Redis, one sliding window shared by every API process; only a
 * failure talks to Redis, and its answer tells this process whether the subject is now blocked,
 * and until when. A success costs no round trip. The price: a process that has not yet seen one of
 * the subject's failures admits its first attempt, so across N API processes an attacker gets at
 * most N - 1 guesses beyond the limit per window (each wrong one teaches that process the block).
 *
 * When Redis does not answer within 300 ms the failure goes uncounted (and is logged): the
 * credential itself is still verified, and /health reports Redis down. A limiter that failed
 * closed would turn a Redis outage into an outage of every authenticated route.
 */
@Injectable()
export class FailureLimiter {
  private readonly logger = new Logger(FailureLimiter.name);
  /** Subjects this process knows to be blocked, and until when (ms). */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly redis: RedisConnection,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  /** Throws 429 when `subject` has used up its failures for `check`. */
  async assertAllowed(check: string, subject: string): Promise<void> {
    const key = this.key(check, subject);
    const until = this.blockedUntil.get(key);
    if (until === undefined) return;
    const now = Date.now();
    if (until <= now) {
      this.blockedUntil.delete(key);
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
    throw ApiError.of(429, `too many failed attempts: retry in ${retryAfter} s`, { headers: { 'Retry-After': String(retryAfter) } });
  }

  /**
   * Runs a credential check for `subject` under the limit: refused once used up; a 401 counts as a
   * failure when credentials were presented (a request without any guesses nothing).
   */
  async guard<T>(check: string, subject: string, presented: boolean, attempt: () => Promise<T>): Promise<T> {
    await this.assertAllowed(check, subject);
    try {
      return await attempt();
    } catch (error) {
      if (presented && error instanceof ApiError && error.status === 401) await this.recordFailure(check, subject);
      throw error;
    }
  }

  /** Records one failed check of `subject`, and learns whether that used up its failures. */
  async recordFailure(check: string, subject: string): Promise<void> {
    const { limit, windowSeconds } = this.auth.rateLimits.authFailures;
    const key = this.key(check, subject);
    const now = Date.now();
    try {
      const [, blockedUntil] = (await withTimeout(
        this.redis.client.eval(RECORD_FAILURE, 1, key, now, windowSeconds * 1000, limit, `${now}:${randomUUID()}`),
        REDIS_TIMEOUT_MS,
      )) as [number, number];
      if (blockedUntil > now) this.block(key, blockedUntil);
    } catch (error) {
      this.logger.warn(`failure not counted: Redis did not answer (${(error as Error).message})`);
    }
  }

  private block(key: string, until: number): void {
    this.blockedUntil.delete(key);
    if (this.blockedUntil.size >= MAX_BLOCKED_SUBJECTS) this.blockedUntil.delete(this.blockedUntil.keys().next().value!);
    this.blockedUntil.set(key, until);
  }

  private key(check: string, subject: string): string {
    return this.redis.key('rate-limit', 'failures', check, subject);
  }
}

import { Redis } from 'ioredis';
import { withTimeout } from '../common/with-timeout.js';

/**
 * Fails fast when Redis cannot be reached at boot: Bull would otherwise retry forever in the
 * background while the API accepts work it cannot queue.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // ioredis' disconnect arms a timer (2 s by default) to destroy a socket that does not close; a
    // refused socket has closed already, so the timer would hold the process for nothing.
    disconnectTimeout: 0,
  });
  client.on('error', () => undefined);
  try {
    await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
    );
  } catch {
    throw new RedisUnreachableError(url);
  } finally {
    client.disconnect();
  }
}

export class RedisUnreachableError extends Error {
  constructor(url: string) {
    super(
      `citymove: cannot reach Redis at ${redactUrl(url)} (REDIS_URL); start one with ` +
        `"docker compose up -d redis" or your distribution's package ("apt-get install redis-server"), then retry`,
    );
    this.name = 'RedisUnreachableError';
  }
}

/** Hides a password in a URL before it reaches a log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

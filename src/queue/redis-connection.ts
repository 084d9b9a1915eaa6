import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { queueConfig } from '../config/configuration.js';
import { withTimeout } from '../common/with-timeout.js';

/**
 * One plain Redis connection for what is not a Bull queue (the health check, rate limits). Its
 * keys live under QUEUE_PREFIX like Bull's, so deployments and test runs stay apart.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private connection: Redis | undefined;

  constructor(@Inject(queueConfig.KEY) private readonly queue: ConfigType<typeof queueConfig>) {}

  /** The client, connected on first use. Commands wait for a (re)connection: bound them yourself. */
  get client(): Redis {
    this.connection ??= this.connect();
    return this.connection;
  }

  /** Namespaces a key under this deployment's prefix. */
  key(...parts: string[]): string {
    return [this.queue.prefix, ...parts].join(':');
  }

  async isUp(timeoutMs = 1000): Promise<boolean> {
    try {
      const pong = await withTimeout(this.client.ping(), timeoutMs);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }

  private connect(): Redis {
    const client = new Redis(this.queue.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    client.on('error', () => undefined);
    return client;
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
  }
}

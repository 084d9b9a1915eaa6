import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { queueConfig } from '../config/configuration.js';
import { RedisConnection } from './redis-connection.js';

/**
 * Bull on REDIS_URL, every key under QUEUE_PREFIX so that two deployments (or two test runs) on one
 * Redis never see each other's jobs. Modules register their own queues with
 * `BullModule.registerQueue({ name })`; processors live in each module's `*-processors.module.ts`,
 * loaded only where RUN_PROCESSORS (or the worker entry point) says so.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [queueConfig.KEY],
      useFactory: (queue: ConfigType<typeof queueConfig>) => ({
        url: queue.redisUrl,
        prefix: queue.prefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  providers: [RedisConnection],
  exports: [RedisConnection],
})
export class QueueModule {}

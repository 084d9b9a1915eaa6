import { Module } from '@nestjs/common';
import { EventsModule } from './events.module.js';
import { IdempotencyKeysWorkHandler } from './idempotency-keys.work.js';

/**
 * The events module's durable work handler (the purge of expired Idempotency-Keys). Loaded where the
 * other modules' processors are: by the worker, and by API processes unless RUN_PROCESSORS=false.
 */
@Module({
  imports: [EventsModule],
  providers: [IdempotencyKeysWorkHandler],
})
export class EventsProcessorsModule {}

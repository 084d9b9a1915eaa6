import { Module, OnModuleInit } from '@nestjs/common';
import { DomainErrors } from '../common/errors/domain-error.js';
import { ErrorFormats } from '../common/errors/error-formats.js';
import { repositoryForDialect } from '../database/dialect.js';
import { DomainEventsPublisher } from './domain-events.publisher.js';
import { EventAppendBatcher } from './event-append.batcher.js';
import { EventArrivals } from './event-arrivals.js';
import { eventsErrorFormat } from './events-error.format.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { EventsController } from './events.controller.js';
import { EventsStatsController } from './events-stats.controller.js';
import { EVENTS_ERRORS } from './events.errors.js';
import { EventsMetrics } from './events.metrics.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { PostgresEventsRepository } from './postgres-events.repository.js';
import { SqliteEventsRepository } from './sqlite-events.repository.js';
import { StreamAccess } from './stream-access.js';
import { StreamOwnerCache } from './stream-owner.cache.js';

/** The HTTP event store (`docs/contracts/events.md`) and the platform's outbound feed of domain events. */
@Module({
  controllers: [EventsController, EventsStatsController],
  providers: [
    repositoryForDialect(EventsRepository, { postgres: PostgresEventsRepository, sqlite: SqliteEventsRepository }),
    EventsService,
    EventAppendBatcher,
    StreamOwnerCache,
    EventArrivals,
    DomainEventsPublisher,
    EventsMetrics,
    StreamAccess,
    EventSubscriptions,
  ],
  // EventsService for this module's own processors (events-processors.module.ts).
  exports: [DomainEventsPublisher, EventsService],
})
export class EventsModule implements OnModuleInit {
  constructor(
    private readonly errorFormats: ErrorFormats,
    errors: DomainErrors,
  ) {
    errors.register(EVENTS_ERRORS);
  }

  onModuleInit(): void {
    this.errorFormats.register(eventsErrorFormat);
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import { ErrorFormats } from '../common/errors/error-formats.js';
import { BatchedAppends } from './batched-appends.js';
import { DomainEventsPublisher } from './domain-events.publisher.js';
import { EventArrivals } from './event-arrivals.js';
import { eventsErrorFormat } from './events-error.format.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

/** The HTTP event store (`spec/events.md`) and the platform's outbound feed of domain events. */
@Module({
  controllers: [EventsController],
  providers: [EventsService, BatchedAppends, EventArrivals, DomainEventsPublisher],
  exports: [DomainEventsPublisher],
})
export class EventsModule implements OnModuleInit {
  constructor(private readonly errorFormats: ErrorFormats) {}

  onModuleInit(): void {
    this.errorFormats.register(eventsErrorFormat);
  }
}

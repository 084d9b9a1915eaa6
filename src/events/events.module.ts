import { Module } from '@nestjs/common';
import { DomainEventsPublisher } from './domain-events.publisher.js';

/** The HTTP event store (`spec/events.md`) and the platform's outbound feed of domain events. */
@Module({
  providers: [DomainEventsPublisher],
  exports: [DomainEventsPublisher],
})
export class EventsModule {}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A domain event another module publishes in-process into a stream it owns. */
export interface DomainEvent {
  /** Stream name, e.g. `operator.hails`. */
  stream: string;
  /** The producer that owns the stream, e.g. `citymove.operator` (single-writer rule applies). */
  producerId: string;
  /** Event name, e.g. `HailStatusChanged`. */
  name: string;
  /** Event schema version, default 1. */
  version?: number;
  payload: Record<string, unknown>;
  /** What caused it; default `{type: 'system', name: producerId}`. */
  trigger?: { type: string; name: string };
}

export interface PublishedEvent {
  id: string;
  sequence: number;
}

/**
 * The in-process door to the event store for the other modules: same rules as the HTTP append
 * (single writer, gapless sequences), no HTTP. Pass the caller's `EntityManager` to append inside
 * its transaction, so the event commits (or rolls back) with the change it describes.
 *
 * PLACEHOLDER until the events module lands: accepts and drops events.
 */
@Injectable()
export class DomainEventsPublisher {
  async publish(_event: DomainEvent, _manager?: EntityManager): Promise<PublishedEvent> {
    return { id: '00000000-0000-0000-0000-000000000000', sequence: 0 };
  }
}

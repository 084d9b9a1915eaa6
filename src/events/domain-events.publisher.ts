import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CLIENT_ID_PATTERN,
  CLIENT_ID_RULE,
  MAX_EVENT_NAME_LENGTH,
  STORABLE_TEXT_RULE,
  characterCount,
  isStorableText,
  storableJsonProblem,
  streamNameProblem,
} from './event-rules.js';
import { EventsError } from './events.errors.js';
import { EventsService } from './events.service.js';

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
 * Thrown when a domain event breaks a rule of the store (another producer owns the stream, an
 * invalid name): a programming error of the publishing module, so it surfaces as a 500 there
 * rather than as the events API's 400 or 423. `status` says which of the two the HTTP append
 * would have answered (423 for a second writer, 400 for an invalid event).
 */
export class DomainEventRejectedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'DomainEventRejectedError';
  }
}

/** The `system` block of events citymove publishes itself. */
const PLATFORM_SYSTEM = { id: 'citymove', name: 'citymove' };

/**
 * The in-process door to the event store for the other modules: same rules as the HTTP append
 * (single writer, gapless sequences), no HTTP. Pass the caller's `EntityManager` to append inside
 * its transaction, so the event commits (or rolls back) with the change it describes.
 */
@Injectable()
export class DomainEventsPublisher {
  /** Streams the platform publishes itself: no HTTP producer may write them (`isReserved`). */
  private readonly reserved = new Set<string>();

  constructor(private readonly events: EventsService) {}

  /**
   * Declares a stream this process publishes in-process (called by the owning module's service
   * when it is built, so before any request). The HTTP append refuses it with 423 whoever the
   * producer: otherwise a client sending the right X-Producer-ID could forge the outbound feed,
   * or claim the stream first and lock the platform out of it.
   */
  reserve(stream: string): void {
    this.reserved.add(stream);
  }

  isReserved(stream: string): boolean {
    return this.reserved.has(stream);
  }

  async publish(event: DomainEvent, manager?: EntityManager): Promise<PublishedEvent> {
    const problem = domainEventProblem(event);
    if (problem !== undefined) throw new DomainEventRejectedError(problem, 400);
    const system = { ...PLATFORM_SYSTEM, time: new Date().toISOString(), timezone: 'UTC' };
    const trigger = event.trigger ?? { type: 'system', name: event.producerId };
    const toAppend = {
      name: event.name,
      version: event.version ?? 1,
      system: JSON.stringify(system),
      trigger: JSON.stringify(trigger),
      payload: JSON.stringify(event.payload),
    };
    try {
      const { id, sequence } = await this.events.append(event.stream, event.producerId, toAppend, {}, manager);
      return { id, sequence };
    } catch (error) {
      if (error instanceof EventsError && error.code === 'SECOND_WRITER') {
        throw new DomainEventRejectedError(`stream ${event.stream} belongs to another producer than ${event.producerId}`, 423);
      }
      throw error;
    }
  }
}

/** The same rules as the HTTP envelope, for what a module can get wrong. */
export function domainEventProblem(event: DomainEvent): string | undefined {
  const streamProblem = streamNameProblem(event.stream);
  if (streamProblem !== undefined) return `stream ${streamProblem}`;
  if (typeof event.producerId !== 'string' || !CLIENT_ID_PATTERN.test(event.producerId)) {
    return `producerId must be ${CLIENT_ID_RULE}`;
  }
  if (typeof event.name !== 'string' || event.name.length === 0 || characterCount(event.name) > MAX_EVENT_NAME_LENGTH) {
    return `name must be a non-empty string of at most ${MAX_EVENT_NAME_LENGTH} characters`;
  }
  if (!isStorableText(event.name)) return `name ${STORABLE_TEXT_RULE}`;
  if (event.version !== undefined && !(Number.isInteger(event.version) && event.version >= 1)) {
    return 'version must be an integer of at least 1';
  }
  if (typeof event.payload !== 'object' || event.payload === null || Array.isArray(event.payload)) {
    return 'payload must be a JSON object';
  }
  const payloadProblem = storableJsonProblem(event.payload);
  if (payloadProblem !== undefined) return `payload ${payloadProblem}`;
  if (event.trigger !== undefined && !(nonEmpty(event.trigger.type) && nonEmpty(event.trigger.name))) {
    return 'trigger must have a non-empty type and name';
  }
  if (event.trigger !== undefined && !(isStorableText(event.trigger.type) && isStorableText(event.trigger.name))) {
    return `trigger ${STORABLE_TEXT_RULE}`;
  }
  return undefined;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

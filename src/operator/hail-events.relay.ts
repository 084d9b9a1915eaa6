import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseLocks } from '../database/database-locks.js';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import { HailRepository, type UnpublishedTransition } from './hail.repository.js';

export const HAIL_EVENTS_STREAM = 'operator.hails';
export const OPERATOR_PRODUCER_ID = 'citymove.operator';
export const HAIL_STATUS_CHANGED = 'HailStatusChanged';

/** The lock every process tries before relaying: only one of them relays at a time, so order holds. */
const RELAY_LOCK = 'hail-relay';

/**
 * Puts every committed hail transition into the event store (`operator.hails`, HailStatusChanged),
 * each hail's in order (its transitions are serialised by its row lock, so ids follow commits),
 * exactly once: the events are appended and their transitions marked published in
 * one transaction. The transitions table is the outbox; a status change and its transition row
 * commit together, so a change is published if and only if it happened.
 *
 * This is durable work of its own kind, kept apart from `DueWork` on purpose: the transitions table
 * already is the outbox (a row per change, committed with it), and the relay's lease is the
 * transaction-scoped advisory lock, released the moment its holder's connection dies, so another
 * process takes over at its next tick (250 ms), sooner than a lease would expire. A `due_work`
 * row per transition would add a write to every status change of the hail hot path for nothing.
 *
 * Why not append inside the status change's own transaction: the event store's gapless sequence is a
 * counter row that every appending transaction locks until it commits. On the hail hot path (100
 * hails/s, two changes each) every transaction then queued behind that one row for a full event-loop
 * turn each, and the registry's 10 s deadline was missed under load. Batched here, the row is taken
 * once per batch, by one relay at a time.
 */
@Injectable()
export class HailEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HailEventsRelay.name);
  static readonly INTERVAL_MS = 250;
  static readonly BATCH = 500;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly hails: HailRepository,
    private readonly locks: DatabaseLocks,
    private readonly events: DomainEventsPublisher,
  ) {
    events.reserve(HAIL_EVENTS_STREAM);
  }

  onApplicationBootstrap(): void {
    // Also picks up what another process committed, or what a crash left unpublished.
    this.timer = setInterval(() => this.poke(), HailEventsRelay.INTERVAL_MS);
    this.timer.unref();
    this.poke();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.running;
  }

  /** Asks for a relay run soon; runs never overlap within a process (a poke during one asks for another). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  /** Publishes until nothing is left (or another process holds the relay). For tests too. */
  async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === HailEventsRelay.BATCH);
      if (this.failing) this.logger.log('hail events relay: publishing again');
      this.failing = false;
    } catch (error) {
      // Once per outage, not four lines a second: the transitions wait in their table meanwhile.
      if (!this.failing)
        this.logger.error(`hail events relay: ${(error as Error).message}; retrying every ${HailEventsRelay.INTERVAL_MS} ms`);
      this.failing = true;
    }
  }

  private async relayBatch(): Promise<number> {
    const relayed = await this.locks.tryWithLock(RELAY_LOCK, async (manager) => {
      const transitions = await this.hails.unpublishedTransitions(HailEventsRelay.BATCH);
      for (const transition of transitions) await this.publish(manager, transition);
      await this.hails.markPublished(
        transitions.map((transition) => transition.id),
        new Date(),
      );
      return transitions.length;
    });
    return relayed.acquired ? relayed.result : 0;
  }

  private async publish(manager: EntityManager, transition: UnpublishedTransition): Promise<void> {
    const { hailId, taxiId, fromStatus, toStatus, cause } = transition;
    await this.events.publish(
      {
        stream: HAIL_EVENTS_STREAM,
        producerId: OPERATOR_PRODUCER_ID,
        name: HAIL_STATUS_CHANGED,
        version: 1,
        payload: { hail_id: hailId, taxi_id: taxiId, from: fromStatus, to: toStatus, cause, at: transition.at.toISOString() },
        trigger: { type: cause === 'driver' ? 'user' : 'system', name: cause },
      },
      manager,
    );
  }
}

import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isPostgres } from '../database/column-types.js';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import type { HailStatus } from './hail-status.js';
import { HailTransition } from './hail-transition.entity.js';

export const HAIL_EVENTS_STREAM = 'operator.hails';
export const OPERATOR_PRODUCER_ID = 'citymove.operator';
export const HAIL_STATUS_CHANGED = 'HailStatusChanged';

/** Any 64-bit key both processes agree on: only one of them relays at a time, so order holds. */
const RELAY_LOCK_KEY = 5_300_200_001;

interface UnpublishedTransition {
  id: number;
  hail_id: string;
  taxi_id: string;
  from_status: HailStatus | null;
  to_status: HailStatus;
  cause: string;
  at: Date | string;
}

/**
 * Puts every committed hail transition into the event store (`operator.hails`, HailStatusChanged),
 * each hail's in order (its transitions are serialised by its row lock, so ids follow commits),
 * exactly once: the events are appended and their transitions marked published in
 * one transaction. The transitions table is the outbox; a status change and its transition row
 * commit together, so a change is published if and only if it happened.
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventsPublisher,
  ) {}

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
    } catch (error) {
      this.logger.error(`hail events relay: ${(error as Error).message}`);
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (isPostgres) {
        const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY]);
        if (!locked) return 0;
      }
      const rows: UnpublishedTransition[] = await manager.query(
        `SELECT t.id, t.hail_id, h.taxi_id, t.from_status, t.to_status, t.cause, t.at
         FROM operator_hail_transitions t JOIN operator_hails h ON h.id = t.hail_id
         WHERE t.published_at IS NULL ORDER BY t.id LIMIT ${HailEventsRelay.BATCH}`,
      );
      if (rows.length === 0) return 0;
      for (const row of rows) await this.publish(manager, row);
      await manager
        .createQueryBuilder()
        .update(HailTransition)
        .set({ publishedAt: new Date() })
        .whereInIds(rows.map((row) => row.id))
        .execute();
      return rows.length;
    });
  }

  private async publish(manager: EntityManager, row: UnpublishedTransition): Promise<void> {
    const at = instant(row.at).toISOString();
    await this.events.publish(
      {
        stream: HAIL_EVENTS_STREAM,
        producerId: OPERATOR_PRODUCER_ID,
        name: HAIL_STATUS_CHANGED,
        version: 1,
        payload: { hail_id: row.hail_id, taxi_id: row.taxi_id, from: row.from_status, to: row.to_status, cause: row.cause, at },
        trigger: { type: row.cause === 'driver' ? 'user' : 'system', name: row.cause },
      },
      manager,
    );
  }
}

/** PostgreSQL gives a Date; SQLite the UTC text TypeORM stored (`2026-11-22 10:15:30.000`). */
function instant(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

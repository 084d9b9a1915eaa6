import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { HAIL_WORK } from './hail-work.requests.js';
import { HailRepository } from './hail.repository.js';
import { OperatorError } from './operator.errors.js';

/** How often the claim lag is read (one indexed query, only in processes that take hails). */
const REFRESH_MS = 250;

/**
 * Hails being stored at once in this process. At 100 hails/s a hail is stored in a few ms, so a
 * handful are in flight; many, each already slow, means stores take hundreds of ms, and they would
 * take the pool's connections from the workers that must send them.
 */
const MAX_IN_FLIGHT = 8;

/**
 * How long the oldest hail in flight must have been stored for MAX_IN_FLIGHT to refuse: a burst is
 * not slowness. A 100 ms pause (a garbage collection, a checkpoint's flush) lines up ten hails at
 * 100 hails/s, all served in ms once it ends; refusing them on their number alone turned 2–12 of
 * 3,000 hails of the operator benchmark away (docs/performance.md, row 5). Under a slow database
 * every store takes longer than this, and the bound refuses as before.
 */
const SLOW_STORE_MS = 200;

/** In flight beyond this, a hail is refused however fast the others are going (memory, pool). */
const MAX_IN_FLIGHT_EVER = 64;

/** Queries waiting for a pooled connection beyond which the database is not keeping up. */
const MAX_POOL_WAITING = 4;

/**
 * Back-pressure on the hail webhook. A hail we answer 200 must have its received_by_taxi at the
 * registry within 10 s; when the database is too slow for that, a 200 promises what we cannot
 * keep, while a 503 makes the registry fail the hail at once and offer the customer another taxi.
 *
 * Refused, without a database round trip, when any of these says the 10 s cannot be kept:
 * - the claim lag: how long the oldest due `hail.updates` item has waited for a worker (it grows
 *   when sends and commits take longer than hails arrive), read every 250 ms, above
 *   HAIL_ADMISSION_MAX_LAG_MS, or not readable for that long (the database is away or crawling);
 * - the pool: more than MAX_POOL_WAITING queries of this process wait for a connection;
 * - this process already stores MAX_IN_FLIGHT hails at once and the oldest of them for more than
 *   SLOW_STORE_MS (or MAX_IN_FLIGHT_EVER, however fast).
 * Measured under a 400 ms database (docs/operations.md): the lag alone reacts too late, since
 * claimed items starve on the pool, not in the queue; the pool and in-flight bounds react at once.
 */
@Injectable()
export class HailAdmissionService implements OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private lagMs = 0;
  /** When the lag was last read successfully (ms). */
  private readAt = 0;
  private reading = false;
  /** When each hail being stored started (ms), oldest first: a Set keeps insertion order. */
  private readonly inFlight = new Set<{ startedAt: number }>();

  constructor(
    private readonly hails: HailRepository,
    private readonly dueWork: DueWorkRepository,
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
  ) {}

  /**
   * Runs `store` (the hail's transaction) if the hail can be served in time, else throws the 503.
   * Starts measuring on the first hail.
   */
  async admit<T>(store: () => Promise<T>): Promise<T> {
    if (!this.timer) this.start();
    const staleMs = Date.now() - this.readAt;
    const lagMs = Math.max(this.lagMs, this.reading ? staleMs - REFRESH_MS : 0);
    if (lagMs > this.config.admissionMaxLagMs || staleMs > this.config.admissionMaxLagMs + REFRESH_MS) {
      throw refusal(`hails are waiting ${Math.round(lagMs)} ms for a worker`);
    }
    const waiting = this.hails.queriesWaitingForConnection();
    if (waiting > MAX_POOL_WAITING) throw refusal(`${waiting} queries are waiting for a database connection`);
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      const oldestMs = Date.now() - this.inFlight.values().next().value!.startedAt;
      if (oldestMs > SLOW_STORE_MS || this.inFlight.size >= MAX_IN_FLIGHT_EVER) {
        throw refusal(`${this.inFlight.size} hails are being stored already, the oldest for ${oldestMs} ms`);
      }
    }
    const storing = { startedAt: Date.now() };
    this.inFlight.add(storing);
    try {
      return await store();
    } finally {
      this.inFlight.delete(storing);
    }
  }

  private start(): void {
    // The first hail is measured against a fresh reading of its own, not refused for lack of one.
    this.readAt = Date.now();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const now = Date.now();
      const oldest = await this.dueWork.oldestWaiting(HAIL_WORK.updates, now);
      this.lagMs = oldest === null ? 0 : now - oldest;
      this.readAt = Date.now();
    } catch {
      // Stays stale: `assertOpen` refuses once the last reading is too old.
    } finally {
      this.reading = false;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

function refusal(reason: string): OperatorError {
  return new OperatorError('HAIL_CANNOT_BE_SERVED_IN_TIME', `${reason}: this hail cannot be served in time`, {
    headers: { 'Retry-After': '1' },
  });
}

import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { MicroBatcher } from '../../common/batching/micro-batcher.js';
import { dueWorkConfig } from '../../config/configuration.js';
import { NotificationListener } from '../notification-listener.js';
import { DUE_WORK_CHANNEL, DueWorkRepository } from './due-work.repository.js';
import { DueWork } from './due-work.service.js';
import type { ClaimedWork, DueWorkHandler } from './due-work.types.js';

/** Back-off of a failed item: 0.5 s, 1 s, 2 s … at most 30 s. */
export function dueWorkRetryDelayMs(attempts: number): number {
  return Math.min(500 * 2 ** Math.max(0, attempts - 1), 30_000);
}

/** How long a clean shutdown waits for running items before handing them back. */
const SHUTDOWN_WAIT_MS = 5000;

interface Lane {
  handler: DueWorkHandler;
  running: Map<string, ClaimedWork>;
  claiming: boolean;
  again: boolean;
}

/**
 * Runs durable work in a worker process (API processes with RUN_PROCESSORS, `worker.ts`). Each
 * kind's handler gets up to its concurrency of items at once, claimed from the database:
 * - every `DUE_WORK_POLL_MS` (the floor: work due while nobody was told still runs, Redis or not);
 * - at once when a schedule commits (PostgreSQL `LISTEN/NOTIFY`; in-process on SQLite);
 * - when one of its items finishes, while more are due.
 * Held items' leases are renewed every quarter lease; a claim that replaces an expired lease is
 * logged, the only line this machinery writes when all is well being none.
 */
@Injectable()
export class DueWorkRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DueWorkRunner.name);
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly lanes = new Map<string, Lane>();
  private readonly timers: NodeJS.Timeout[] = [];
  private listener: NotificationListener | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private started = false;
  /** Items finished meanwhile are deleted together: one round trip, not one per item. */
  private readonly completions = new MicroBatcher<ClaimedWork, void>(
    async (works) => {
      await this.repository.complete(works, this.owner);
      return works.map(() => undefined);
    },
    { maxBatch: 200 },
  );

  constructor(
    private readonly repository: DueWorkRepository,
    private readonly dueWork: DueWork,
    @Inject(dueWorkConfig.KEY) private readonly config: ConfigType<typeof dueWorkConfig>,
  ) {}

  /** Modules' processors register their handlers at init; the runner starts once all are in. */
  register(handler: DueWorkHandler): void {
    this.lanes.set(handler.kind, { handler, running: new Map(), claiming: false, again: false });
    if (this.started) this.poke(handler.kind);
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.unsubscribe = this.dueWork.onWake((kind) => this.poke(kind));
    this.timers.push(setInterval(() => this.pokeAll(), this.config.pollMs));
    this.timers.push(setInterval(() => void this.renewLeases(), Math.max(50, Math.floor(this.config.leaseMs / 4))));
    for (const timer of this.timers) timer.unref();
    // A connection of its own hears schedules commit, from any process; whatever was notified while
    // it was away is caught by the poke on each (re)connection and by the polls.
    if (this.repository.notifiesWorkersAtCommit && this.config.databaseUrl)
      this.listener = new NotificationListener(this.config.databaseUrl, DUE_WORK_CHANNEL, {
        notified: (kind) => this.poke(kind),
        listening: () => this.pokeAll(),
      });
    this.pokeAll();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe?.();
    await this.listener?.stop();
    const deadline = Date.now() + SHUTDOWN_WAIT_MS;
    while (this.heldCount() > 0 && Date.now() < deadline) await sleep(25);
    // Still running (a PUT retrying against a failing registry): give them back, so another
    // process takes them now instead of after the lease. Re-sending is safe (see docs/operations.md).
    const held = [...this.lanes.values()].flatMap((lane) => [...lane.running.values()]);
    await Promise.all(held.map((work) => this.repository.release(work.id, this.owner).catch(() => undefined)));
    for (const lane of this.lanes.values()) lane.running.clear();
  }

  private heldCount(): number {
    let count = 0;
    for (const lane of this.lanes.values()) count += lane.running.size;
    return count;
  }

  private pokeAll(): void {
    for (const kind of this.lanes.keys()) this.poke(kind);
  }

  /** Claims what this kind's free slots allow; one claim per kind at a time, a poke during one asks for another. */
  poke(kind: string): void {
    for (const name of kind.split(',')) {
      const lane = this.lanes.get(name);
      if (!lane || this.stopped) continue;
      if (lane.claiming) {
        lane.again = true;
        continue;
      }
      void this.claim(lane);
    }
  }

  private async claim(lane: Lane): Promise<void> {
    const free = lane.handler.concurrency - lane.running.size;
    if (free <= 0) return;
    lane.claiming = true;
    let claimed: ClaimedWork[] = [];
    try {
      claimed = await this.repository.claim(lane.handler.kind, this.owner, free, this.config.leaseMs);
    } catch (error) {
      // The database is away: the next poll tries again.
      this.logger.debug(`claim of ${lane.handler.kind} failed: ${(error as Error).message}`);
    } finally {
      lane.claiming = false;
    }
    if (this.stopped) {
      await Promise.all(claimed.map((work) => this.repository.release(work.id, this.owner).catch(() => undefined)));
      return;
    }
    this.logRetaken(lane.handler.kind, claimed);
    for (const work of claimed) void this.run(lane, work);
    if (lane.again || (claimed.length === free && free > 0)) {
      lane.again = false;
      if (lane.running.size < lane.handler.concurrency) void this.claim(lane);
    }
  }

  private logRetaken(kind: string, claimed: ClaimedWork[]): void {
    const retaken = claimed.filter((work) => work.previousOwner !== null && work.previousOwner !== this.owner);
    if (retaken.length === 0) return;
    const owners = [...new Set(retaken.map((work) => work.previousOwner))].join(', ');
    const late = Math.max(...retaken.map((work) => Date.now() - work.dueAt.getTime()));
    this.logger.warn(`re-took ${retaken.length} ${kind} item(s) whose lease expired (held by ${owners}; up to ${late} ms past due)`);
  }

  private async run(lane: Lane, work: ClaimedWork): Promise<void> {
    lane.running.set(work.id, work);
    try {
      const outcome = await lane.handler.run(work);
      if (!lane.running.has(work.id)) return; // handed back at shutdown
      if (outcome && 'again' in outcome) {
        await this.repository.again(work, this.owner, outcome.again.dueAt, outcome.again.payload ?? work.payload);
      } else {
        await this.completions.submit(work);
      }
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const retryAt = Date.now() + dueWorkRetryDelayMs(work.attempts);
      this.logger.warn(`${work.kind} ${work.key} failed (attempt ${work.attempts}): ${message}; retrying`);
      // When even this fails (the database is away), the lease runs out and the item is retaken.
      await this.repository.fail(work, this.owner, message, retryAt).catch(() => undefined);
    } finally {
      lane.running.delete(work.id);
    }
    if (!this.stopped) this.poke(lane.handler.kind);
  }

  private async renewLeases(): Promise<void> {
    const ids = [...this.lanes.values()].flatMap((lane) => [...lane.running.keys()]);
    if (ids.length === 0 || this.stopped) return;
    try {
      await this.repository.renew(this.owner, ids, this.config.leaseMs);
    } catch (error) {
      this.logger.debug(`lease renewal failed: ${(error as Error).message}`);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

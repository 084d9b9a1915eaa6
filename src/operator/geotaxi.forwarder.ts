import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import { isPostgres } from '../database/column-types.js';
import { DatabaseLocks } from '../database/database-locks.js';
import { FleetRepository, type PositionToForward } from './fleet.repository.js';
import { GEOTAXI_BATCH_LIMIT, RegistryTaxisClient, unknownTaxiIndexes } from './registry-taxis.client.js';

/** The registry shows a taxi only with a position younger than this (APITaxi2 cleans its geoindex after 2 min). */
export const GEOTAXI_FRESHNESS_MS = 120_000;
/** A taxi the registry refused as unknown is tried again after this (it may have been declared since). */
export const GEOTAXI_REFUSED_RETRY_MS = 60_000;
/** At most this many positions per round: 40 batches. */
const ROUND_LIMIT = 2000;
const FORWARD_LOCK = 'geotaxi-forwarder';

export interface ForwardRound {
  sent: number;
  batches: number;
  refused: string[];
  failed: number;
}

/**
 * Sends the latest fresh position of each online taxi to `POST /geotaxi/` about every
 * GEOTAXI_INTERVAL_MS, in batches of at most 50. Each position goes once (the registry stamps it
 * with its own clock, so resending an old one would make it look fresher than it is), and never
 * one older than 120 s. Geotaxi refuses a whole batch when one taxi is unknown to it: those taxis
 * are marked (and left out for a minute) and the rest of the batch is sent again at once.
 *
 * Only one process forwards at a time: on PostgreSQL each round runs under the transaction-scoped
 * advisory lock `geotaxi-forwarder` (`DatabaseLocks.tryWithLock`); another process's round finds
 * it taken and skips. SQLite has one process, and no lock: its transaction would hold the one
 * writer for the registry's round trips.
 */
@Injectable()
export class GeotaxiForwarder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GeotaxiForwarder.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    private readonly fleet: FleetRepository,
    private readonly registry: RegistryTaxisClient,
    private readonly locks: DatabaseLocks,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running || this.stopped) return;
      this.running = this.forward().finally(() => (this.running = undefined));
    }, this.config.geotaxiIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One round (tests call it too); answers what happened, or null if another process holds the round. */
  async forward(): Promise<ForwardRound | null> {
    try {
      const round = isPostgres
        ? await this.locks.tryWithLock(FORWARD_LOCK, () => this.round())
        : { acquired: true as const, result: await this.round() };
      if (this.failing) this.logger.log('geotaxi: forwarding again');
      this.failing = false;
      return round.acquired ? round.result : null;
    } catch (error) {
      if (!this.failing) this.logger.error(`geotaxi: ${(error as Error).message}; retrying every ${this.config.geotaxiIntervalMs} ms`);
      this.failing = true;
      return null;
    }
  }

  private async round(): Promise<ForwardRound> {
    const now = Date.now();
    const positions = await this.fleet.positionsToForward(now - GEOTAXI_FRESHNESS_MS, now - GEOTAXI_REFUSED_RETRY_MS, ROUND_LIMIT);
    const result: ForwardRound = { sent: 0, batches: 0, refused: [], failed: 0 };
    for (let start = 0; start < positions.length; start += GEOTAXI_BATCH_LIMIT) {
      await this.sendBatch(positions.slice(start, start + GEOTAXI_BATCH_LIMIT), result);
    }
    return result;
  }

  private async sendBatch(batch: PositionToForward[], result: ForwardRound): Promise<void> {
    let remaining = batch;
    // Each refusal removes at least one taxi, so this ends; in practice it runs once or twice.
    while (remaining.length > 0) {
      // A position that aged past the registry's freshness while waiting is not sent.
      const fresh = remaining.filter((position) => position.atMs >= Date.now() - GEOTAXI_FRESHNESS_MS);
      if (fresh.length === 0) return;
      result.batches += 1;
      const answer = await this.registry.geotaxi(
        fresh.map((position) => ({ taxi_id: position.taxiId, lat: position.lat, lon: position.lon })),
      );
      if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
        await this.fleet.markForwarded(fresh, Date.now());
        result.sent += fresh.length;
        return;
      }
      const unknown = answer.status === 400 ? unknownTaxiIndexes(answer.body) : [];
      if (unknown.length === 0) {
        // Unreachable, or a refusal of another kind: these positions wait for the next round (if still fresh).
        result.failed += fresh.length;
        this.logger.warn(`geotaxi: ${answer.status ?? 'no answer'} for ${fresh.length} position(s): ${answer.error ?? ''}`);
        return;
      }
      const refused = unknown.map((index) => fresh[index]?.taxiId).filter((id): id is string => id !== undefined);
      this.logger.warn(`geotaxi: the registry does not know taxi(s) ${refused.join(', ')}; their positions are held back for a minute`);
      await this.fleet.markRefused(refused, Date.now());
      result.refused.push(...refused);
      remaining = fresh.filter((position) => !refused.includes(position.taxiId));
    }
  }
}

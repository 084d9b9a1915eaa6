import { Injectable } from '@nestjs/common';
import { FleetRepository } from './fleet.repository.js';
import { GEOTAXI_FRESHNESS_MS } from './geotaxi.forwarder.js';
import { OperatorError } from './operator.errors.js';

/**
 * Positions give way to hails: with this many queries already waiting for a pooled connection, a
 * position is refused (503 + Retry-After) without touching the database. Losing one costs nothing
 * (the next comes a few seconds later); a hail endpoint starved of connections loses hails.
 */
export const POSITIONS_MAX_POOL_WAITING = 2;

/** A device clock may run a little ahead; past this a timestamp is refused rather than trusted. */
export const POSITION_CLOCK_SKEW_MS = 30_000;

export interface PositionsTaken {
  received: number;
  stored: boolean;
  stale: number;
  latestAtMs: number | null;
}

/**
 * The driver app's positions: only each taxi's newest counts (geotaxi takes one per taxi), and one
 * older than the registry's 120 s is kept out, since the registry would stamp it as current.
 */
@Injectable()
export class TaxiPositionsService {
  constructor(private readonly fleet: FleetRepository) {}

  async take(taxiId: string, positions: Array<{ lat: number; lon: number; timestamp: string }>): Promise<PositionsTaken> {
    if (this.fleet.queriesWaitingForConnection() >= POSITIONS_MAX_POOL_WAITING) {
      throw new OperatorError('POSITIONS_DEFERRED', 'the database is busy with hails: send the next position', {
        headers: { 'Retry-After': '5' },
      });
    }
    const now = Date.now();
    const timed = positions.map((position, index) => {
      const atMs = Date.parse(position.timestamp);
      if (!Number.isFinite(atMs)) {
        throw new OperatorError('POSITION_REFUSED', 'timestamp is not a date-time', { field: `positions[${index}].timestamp` });
      }
      if (atMs > now + POSITION_CLOCK_SKEW_MS) {
        throw new OperatorError('POSITION_REFUSED', `timestamp is more than ${POSITION_CLOCK_SKEW_MS / 1000} s ahead of the server clock`, {
          field: `positions[${index}].timestamp`,
        });
      }
      return { lat: position.lat, lon: position.lon, atMs: Math.min(atMs, now) };
    });
    const fresh = timed.filter((position) => position.atMs >= now - GEOTAXI_FRESHNESS_MS);
    const newest = fresh.reduce<(typeof fresh)[number] | undefined>(
      (best, position) => (!best || position.atMs > best.atMs ? position : best),
      undefined,
    );
    const stored = newest ? await this.fleet.keepLatestPosition(taxiId, newest, now) : false;
    // Stored: it is the latest. Otherwise read what is (rare: a late or stale position).
    const latestAtMs =
      stored && newest ? newest.atMs : await this.fleet.positionOf(taxiId).then((latest) => (latest ? Number(latest.atMs) : null));
    return { received: positions.length, stored, stale: timed.length - fresh.length, latestAtMs };
  }
}

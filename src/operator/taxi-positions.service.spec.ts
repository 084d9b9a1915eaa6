import { describe, expect, it } from '@jest/globals';
import type { FleetRepository } from './fleet.repository.js';
import { OperatorError } from './operator.errors.js';
import { POSITIONS_MAX_POOL_WAITING, TaxiPositionsService } from './taxi-positions.service.js';

function service(waiting: number) {
  const calls: string[] = [];
  const fleet = {
    queriesWaitingForConnection: () => waiting,
    keepLatestPosition: async () => {
      calls.push('keep');
      return true;
    },
    positionOf: async () => {
      calls.push('read');
      return null;
    },
  } as unknown as FleetRepository;
  return { positions: new TaxiPositionsService(fleet), calls };
}

describe('TaxiPositionsService', () => {
  it('gives way to hails: a queued pool is a 503 with Retry-After, and no query', async () => {
    const { positions, calls } = service(POSITIONS_MAX_POOL_WAITING);
    const refused = await positions.take('t1', [{ lat: 48, lon: 2, timestamp: new Date().toISOString() }]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OperatorError);
    expect((refused as OperatorError).code).toBe('POSITIONS_DEFERRED');
    expect(calls).toEqual([]);
  });

  it('keeps the newest fresh one, leaves stale ones out, refuses one from the future', async () => {
    const { positions, calls } = service(0);
    const now = Date.now();
    const taken = await positions.take('t1', [
      { lat: 1, lon: 1, timestamp: new Date(now - 200_000).toISOString() },
      { lat: 2, lon: 2, timestamp: new Date(now - 2000).toISOString() },
    ]);
    expect(taken).toMatchObject({ received: 2, stored: true, stale: 1 });
    expect(calls).toEqual(['keep']);
    await expect(positions.take('t1', [{ lat: 1, lon: 1, timestamp: new Date(now + 120_000).toISOString() }])).rejects.toBeInstanceOf(
      OperatorError,
    );
  });
});

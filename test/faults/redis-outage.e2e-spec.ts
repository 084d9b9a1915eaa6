import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adminAuth,
  answered200,
  answers,
  FaultStack,
  report,
  sendHails,
  sleep,
  waitForDeliveries,
  worstDeliveryMs,
} from './fault-harness.js';

const RECEIVED_WINDOW_MS = 10_000;

/** `fetch` with its duration. */
async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), body: text ? JSON.parse(text) : undefined };
}

/**
 * Case 2 of issue 11: Redis cut off (our proxy refuses and drops its connections) for 5 s and for
 * 30 s while the registry sends 10 hails/s: every hail answered 200 is received_by_taxi in time,
 * /health says 503 during the cut and 200 after, and no request waits on Redis past a second
 * (bike position reports, the rate-limited login).
 */
describe('faults: Redis unreachable', () => {
  const stack = new FaultStack('redis_cut');
  let taxiId: string;
  let bikeId: string;

  beforeAll(async () => {
    await stack.start();
    await stack.startApi();
    taxiId = (await stack.registerTaxi('taxi-redis-cut')).id;
    const bike = await timed(`${stack.apiUrl}/mobility/bikes`, {
      method: 'POST',
      headers: { Authorization: adminAuth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ location: { type: 'Point', coordinates: [2.3, 48.8] } }),
    });
    bikeId = (bike.body as { id: string }).id;
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it.each([
    ['5 s', 5000],
    ['30 s', 30_000],
  ])(
    'cut for %s at 10 hails/s: 0 acknowledged hails lost, /health 503 then 200, nothing hangs',
    async (label, cutMs) => {
      const load = sendHails(stack.registry, taxiId, 10, cutMs + 5000);
      await sleep(2000);
      await stack.redisProxy.cut();
      const cutAt = Date.now();
      await sleep(1500);
      const health = await timed(`${stack.apiUrl}/health`);
      expect(health).toMatchObject({ status: 503, body: { checks: { redis: 'down', database: 'up' } } });
      const position = await timed(`${stack.apiUrl}/mobility/bikes/${bikeId}/locations`, {
        method: 'POST',
        headers: { Authorization: adminAuth(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ location: { type: 'Point', coordinates: [2.31, 48.81 + cutMs / 1e7] } }),
      });
      expect(position.status).toBe(202);
      const login = await timed(`${stack.apiUrl}/v1/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong' }),
      });
      expect(login.status).toBe(401);
      expect({ health: health.ms < 1000, position: position.ms < 1000, login: login.ms < 1000 }).toEqual({
        health: true,
        position: true,
        login: true,
      });
      await sleep(Math.max(0, cutMs - (Date.now() - cutAt)));
      await stack.redisProxy.restore();
      const restoredAt = Date.now();
      while ((await timed(`${stack.apiUrl}/health`)).status !== 200) await sleep(100);
      const healthyAfterMs = Date.now() - restoredAt;

      const hails = await load.done;
      expect(answers(hails)).toEqual({ 200: hails.length });
      expect(await waitForDeliveries(stack.registry, hails, RECEIVED_WINDOW_MS)).toEqual([]);
      // The report queued during the cut was applied all the same.
      const bike = await timed(`${stack.apiUrl}/mobility/bikes/${bikeId}`, { headers: { Authorization: adminAuth() } });
      expect((bike.body as { location: { coordinates: number[] } }).location.coordinates).toEqual([2.31, 48.81 + cutMs / 1e7]);
      report(
        `Redis cut ${label} at 10 hails/s: ${answered200(hails).length}/${hails.length} answered 200, 0 lost, worst ${worstDeliveryMs(stack.registry, hails)} ms ` +
          `after the 200; /health 200 again ${healthyAfterMs} ms after the restore; during the cut: health ${health.ms} ms, position report ${position.ms} ms, login ${login.ms} ms`,
      );
    },
    120_000,
  );
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openEventStream } from '../operator/event-stream.js';
import { FaultStack, report, sleep } from './fault-harness.js';

/**
 * Issue 15 part B in split mode: an API process without processors and two workers. The driver's
 * status request is delivered by a worker and the API's event stream hears of it at once (the
 * tables' triggers notify at commit; the API's poll is set too slow to matter); positions are
 * forwarded by one worker at a time, each once.
 */
describe('faults: the driver side in split mode (API + 2 workers)', () => {
  const stack = new FaultStack('driver-split', { env: { GEOTAXI_INTERVAL_MS: '100', TAXI_STATUS_POLL_MS: '60000' } });

  beforeAll(async () => {
    await stack.start();
    await stack.startApi({ RUN_PROCESSORS: 'false', DRIVER_EVENTS_POLL_MS: '10000' });
    await Promise.all([stack.startWorker(), stack.startWorker()]);
  }, 180_000);
  afterAll(() => stack.stop(), 60_000);

  const driver = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('a worker delivers the status; the API’s stream is told at once', async () => {
    const taxi = await stack.registerTaxi('split-taxi-1');
    stack.registry.setTaxiStatus(taxi.id, 'off');
    const stream = await openEventStream(stack.apiUrl, taxi.token);
    try {
      expect(stream.status).toBe(200);
      const asked = Date.now();
      expect((await driver(taxi.token, 'PUT', '/operator/driver/status', { status: 'free' })).status).toBe(202);
      const free = await stream.next((event) => event.event === 'taxi.status' && event.data.status === 'free', 8000);
      expect(stack.registry.taxiStatusOf(taxi.id)).toBe('free');
      const hailSentAt = Date.now();
      const hail = await stack.registry.sendHail({ taxiId: taxi.id });
      const received = await stream.next((event) => event.event === 'hail.received' && event.data.hail_id === hail.id, 8000);
      report(
        `split mode: taxi.status on the API's stream ${free.at - asked} ms after the driver's PUT (delivered by a worker), ` +
          `hail.received ${received.at - hailSentAt} ms after that hail was sent (poll 10 s: only NOTIFY can explain it)`,
      );
      expect(free.at - asked).toBeLessThan(5000);
    } finally {
      stream.close();
    }
  }, 60_000);

  it('two workers forward positions: each position reaches geotaxi once', async () => {
    const taxis = [];
    for (let i = 0; i < 6; i++) {
      const taxi = await stack.registerTaxi(`split-taxi-p${i}`, `061122334${i}`);
      stack.registry.setTaxiStatus(taxi.id, 'off');
      expect((await driver(taxi.token, 'PUT', '/operator/driver/status', { status: 'free' })).status).toBe(202);
      taxis.push(taxi);
    }
    const deadline = Date.now() + 10_000;
    while (taxis.some((taxi) => stack.registry.taxiStatusOf(taxi.id) !== 'free') && Date.now() < deadline) await sleep(50);
    const before = stack.registry.geotaxiBatches().length;
    for (let round = 0; round < 5; round++) {
      for (const [i, taxi] of taxis.entries()) {
        const position = { lat: 48 + round / 100 + i / 1000, lon: 2, timestamp: new Date().toISOString() };
        expect((await driver(taxi.token, 'POST', '/operator/driver/positions', { positions: [position] })).status).toBe(202);
      }
      await sleep(150);
    }
    await sleep(1500);
    const sent = stack.registry
      .geotaxiBatches()
      .slice(before)
      .filter((batch) => batch.answerStatus === 200)
      .flatMap((batch) => batch.positions.map((position) => `${position.taxi_id}@${position.lat}`));
    expect(new Set(sent).size).toBe(sent.length);
    for (const taxi of taxis) expect(stack.registry.taxiPosition(taxi.id)?.lat).toBeCloseTo(48.04 + taxis.indexOf(taxi) / 1000, 6);
    report(`split mode: ${sent.length} positions reached geotaxi from two workers, none twice`);
  }, 60_000);
});

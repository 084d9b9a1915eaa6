import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { GeotaxiForwarder } from '../../src/operator/geotaxi.forwarder.js';
import { FleetRepository } from '../../src/operator/fleet.repository.js';
import { onPostgresOnly } from '../helpers/sql.js';
import { eventually, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('operator: driver positions forwarded to geotaxi', () => {
  let harness: OperatorHarness;
  let forwarder: GeotaxiForwarder;

  beforeAll(async () => {
    // The test runs the rounds itself: the timer's would race it.
    harness = await startOperatorHarness({ env: { GEOTAXI_INTERVAL_MS: '60000', TAXI_STATUS_POLL_MS: '600000' } });
    forwarder = harness.testApp.app.get(GeotaxiForwarder);
  });
  afterAll(() => harness.close());

  /** A taxi declared at the registry and set `status` by its driver (delivered). */
  async function onlineTaxi(status: 'free' | 'occupied' | 'off' = 'free') {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'off');
    await harness.testApp.http().put('/operator/driver/status').set('Authorization', `Bearer ${taxi.token}`).send({ status }).expect(202);
    await eventually(
      async () => {
        const response = await harness.testApp.http().get('/operator/driver/status').set('Authorization', `Bearer ${taxi.token}`);
        return response.body.status === status && response.body.requested === null ? true : undefined;
      },
      8000,
      `taxi ${status}`,
    );
    return taxi;
  }

  const post = (token: string, body: unknown) =>
    harness.testApp
      .http()
      .post('/operator/driver/positions')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  it('sends each online taxi’s latest fresh position in batches of at most 50, and the others despite one unknown taxi', async () => {
    const taxis: Array<{ id: string; token: string; phone: string }> = [];
    for (let i = 0; i < 60; i++) taxis.push(await onlineTaxi(i % 2 ? 'free' : 'occupied'));
    const unknown = taxis[37];
    // The registry no longer knows this one: geotaxi will refuse any batch holding it.
    harness.registry.taxiStatuses.delete(unknown.id);
    const stale = await onlineTaxi();
    const offline = await onlineTaxi('off');

    const now = Date.now();
    for (const [index, taxi] of taxis.entries()) {
      const response = await post(taxi.token, {
        positions: [
          { lat: 48.8, lon: 2.3, timestamp: iso(now - 4000) },
          { lat: 48.85 + index / 1000, lon: 2.35, timestamp: iso(now - 1000) },
        ],
      });
      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({ received: 2, stored: true, stale: 0 });
    }
    const stalePost = await post(stale.token, { positions: [{ lat: 48.9, lon: 2.4, timestamp: iso(now - 150_000) }] });
    expect(stalePost.body).toMatchObject({ received: 1, stored: false, stale: 1, latest_at: null });
    await post(offline.token, { positions: [{ lat: 48.9, lon: 2.4, timestamp: iso(now - 500) }] }).expect(202);

    const before = harness.registry.geotaxiBatches().length;
    const round = await forwarder.forward();
    const batches = harness.registry.geotaxiBatches().slice(before);
    console.log(
      `[figure] geotaxi round: ${JSON.stringify({ ...round, batches: batches.map((b) => [b.positions.length, b.answerStatus]) })}`,
    );

    for (const batch of batches) expect(batch.positions.length).toBeLessThanOrEqual(50);
    expect(batches.filter((batch) => batch.answerStatus === 400)).toHaveLength(1);
    expect(batches.filter((batch) => batch.answerStatus === 400)[0].positions.map((p) => p.taxi_id)).toContain(unknown.id);
    const delivered = batches.filter((batch) => batch.answerStatus === 200).flatMap((batch) => batch.positions);
    expect(delivered.map((p) => p.taxi_id).sort()).toEqual(
      taxis
        .filter((taxi) => taxi !== unknown)
        .map((taxi) => taxi.id)
        .sort(),
    );
    // The latest position, not the older one of the same request.
    const first = delivered.find((p) => p.taxi_id === taxis[0].id);
    expect(first).toEqual({ taxi_id: taxis[0].id, lat: 48.85, lon: 2.35 });
    expect(harness.registry.taxiPosition(stale.id)).toBeUndefined();
    expect(harness.registry.taxiPosition(offline.id)).toBeUndefined();
    expect(harness.registry.taxiPosition(unknown.id)).toBeUndefined();
    expect(round).toMatchObject({ sent: 59, refused: [unknown.id], failed: 0 });
    expect(harness.registry.visibleTaxis()).toContain(taxis[1].id);

    // Each position goes once: nothing new, nothing sent (the unknown taxi is held back a minute).
    const quiet = await forwarder.forward();
    expect(quiet).toEqual({ sent: 0, batches: 0, refused: [], failed: 0 });

    // A newer position goes at the next round.
    await post(taxis[5].token, { positions: [{ lat: 48.7, lon: 2.2, timestamp: iso(Date.now()) }] }).expect(202);
    await forwarder.forward();
    expect(harness.registry.geotaxiBatches().at(-1)).toMatchObject({
      positions: [{ taxi_id: taxis[5].id, lat: 48.7, lon: 2.2 }],
      answerStatus: 200,
    });
    expect(harness.registry.requests.filter((r) => r.path.startsWith('/api/v1/geotaxi')).every((r) => r.path === '/api/v1/geotaxi/')).toBe(
      true,
    );
  }, 120_000);

  it('keeps the newest position only: an older one posted later changes nothing', async () => {
    const taxi = await onlineTaxi();
    const now = Date.now();
    await post(taxi.token, { positions: [{ lat: 48.1, lon: 2.1, timestamp: iso(now - 1000) }] }).expect(202);
    const older = await post(taxi.token, { positions: [{ lat: 48.2, lon: 2.2, timestamp: iso(now - 3000) }] });
    expect(older.body).toMatchObject({ stored: false, latest_at: iso(now - 1000) });
    const stored = await harness.testApp.app.get(FleetRepository).positionOf(taxi.id);
    expect(stored).toMatchObject({ lat: 48.1, lon: 2.1 });
  });

  it('refuses bad positions with a 400 and stores nothing', async () => {
    const taxi = await onlineTaxi();
    const fresh = () => iso(Date.now());
    const bad: unknown[] = [
      {},
      { positions: [] },
      { positions: Array.from({ length: 21 }, () => ({ lat: 48, lon: 2, timestamp: fresh() })) },
      { positions: [{ lat: 91, lon: 2, timestamp: fresh() }] },
      { positions: [{ lat: 85.1, lon: 2, timestamp: fresh() }] },
      { positions: [{ lat: 48, lon: -180.5, timestamp: fresh() }] },
      { positions: [{ lat: '48', lon: 2, timestamp: fresh() }] },
      { positions: [{ lat: 48, lon: 2 }] },
      { positions: [{ lat: 48, lon: 2, timestamp: '2026-12-02T10:00:00' }] },
      { positions: [{ lat: 48, lon: 2, timestamp: '2026-12-02' }] },
      { positions: [{ lat: 48, lon: 2, timestamp: 'yesterday' }] },
      { positions: [{ lat: 48, lon: 2, timestamp: iso(Date.now() + 3_600_000) }] },
      { positions: [{ lat: 48, lon: 2, timestamp: fresh(), speed: 3 }] },
      { positions: [[48, 2]] },
      { positions: [{ lat: 48, lon: 2, timestamp: fresh() }], taxi_id: 'another' },
      { lat: 48, lon: 2, timestamp: fresh() },
    ];
    for (const body of bad) {
      const response = await post(taxi.token, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.double({ min: 85.06, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -85.06, noNaN: true })),
        fc.double({ min: -180, max: 180, noNaN: true }),
        async (lat, lon) => {
          const response = await post(taxi.token, { positions: [{ lat, lon, timestamp: fresh() }] });
          expect(response.status).toBe(400);
        },
      ),
      { numRuns: 25 },
    );
    await harness.testApp
      .http()
      .post('/operator/driver/positions')
      .send({ positions: [{ lat: 48, lon: 2, timestamp: fresh() }] })
      .expect(401);
    expect(await harness.testApp.app.get(FleetRepository).positionOf(taxi.id)).toBeNull();
  });

  it('accepts a timestamp with a non-UTC offset', async () => {
    const taxi = await onlineTaxi();
    const at = new Date(Date.now() - 2000);
    const local = new Date(at.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');
    const response = await post(taxi.token, { positions: [{ lat: 48.3, lon: 2.3, timestamp: local }] });
    expect(response.status).toBe(202);
    expect(response.body.latest_at).toBe(at.toISOString());
  });

  onPostgresOnly('advisory locks: SQLite runs a single process')(
    'forwards from one process at a time: rounds at once never send a position twice',
    async () => {
      const taxis: Array<{ id: string; token: string; phone: string }> = [];
      for (let i = 0; i < 8; i++) taxis.push(await onlineTaxi());
      await forwarder.forward(); // what earlier tests left
      for (const taxi of taxis) await post(taxi.token, { positions: [{ lat: 48.5, lon: 2.5, timestamp: iso(Date.now()) }] }).expect(202);
      const before = harness.registry.geotaxiBatches().length;
      const other = new GeotaxiForwarder(
        (forwarder as unknown as { config: never }).config,
        harness.testApp.app.get(FleetRepository),
        (forwarder as unknown as { registry: never }).registry,
        (forwarder as unknown as { locks: never }).locks,
      );
      const rounds = await Promise.all([forwarder.forward(), other.forward(), forwarder.forward(), other.forward()]);
      const sent = harness.registry
        .geotaxiBatches()
        .slice(before)
        .flatMap((batch) => batch.positions.map((p) => p.taxi_id));
      expect(sent.sort()).toEqual(taxis.map((taxi) => taxi.id).sort());
      console.log(
        `[figure] concurrent geotaxi rounds: ${rounds.map((round) => (round === null ? 'lock taken' : `${round.sent} sent`)).join(', ')}`,
      );
    },
    60_000,
  );
});

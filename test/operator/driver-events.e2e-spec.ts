import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { FleetRepository } from '../../src/operator/fleet.repository.js';
import { isSqliteRun } from '../helpers/sql.js';
import { openEventStream, type EventStream } from './event-stream.js';
import { eventually, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

const onPostgres = !isSqliteRun();

describe('operator: the driver event stream (GET /operator/driver/events)', () => {
  let harness: OperatorHarness;
  let baseUrl: string;

  beforeAll(async () => {
    harness = await startOperatorHarness({
      env: {
        DRIVER_EVENTS_HEARTBEAT_MS: '200',
        TAXI_STATUS_POLL_MS: '200',
        // PostgreSQL: a poll too slow to matter, so the events can only come from the LISTEN wake-up.
        DRIVER_EVENTS_POLL_MS: onPostgres ? '5000' : '100',
      },
    });
    baseUrl = `http://127.0.0.1:${(harness.testApp.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => harness.close());

  it('tells the driver of a new hail and each of its changes at once, with a heartbeat meanwhile', async () => {
    const taxi = await harness.registerTaxi();
    const stream = await openEventStream(baseUrl, taxi.token);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.headers['cache-control']).toMatch(/no-cache/);

      const posted = Date.now();
      const hail = await harness.registry.sendHail({ taxiId: taxi.id });
      const received = await stream.next((event) => event.event === 'hail.received' && event.data.hail_id === hail.id);
      expect(received.data).toMatchObject({ hail_id: hail.id, from: null, to: 'received' });
      // The hail's first transition commits before our 200: from the registry's POST is an upper bound.
      const latency = received.at - posted;
      await stream.next((event) => event.event === 'hail.status' && event.data.to === 'received_by_taxi');
      const accepted = Date.now();
      await harness.testApp
        .http()
        .post(`/operator/driver/hails/${hail.id}/accept`)
        .set('Authorization', `Bearer ${taxi.token}`)
        .expect(200);
      const acceptEvent = await stream.next((event) => event.event === 'hail.status' && event.data.to === 'accepted_by_taxi');
      console.log(
        `[figure] SSE: hail.received ${latency} ms after the registry's POST; accepted_by_taxi ${acceptEvent.at - accepted} ms after the driver's POST (${onPostgres ? 'PostgreSQL: LISTEN wake-up, poll 5 s' : 'SQLite: DRIVER_EVENTS_POLL_MS 100'})`,
      );
      expect(acceptEvent.at - accepted).toBeLessThan(2000);
      expect(acceptEvent.data).toMatchObject({ hail_id: hail.id, from: 'received_by_taxi', cause: 'driver' });

      // Ids grow, and a stream sees only its own taxi's hails.
      const ids = stream.events.map((event) => Number(event.id.split('.')[0]));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      await eventually(async () => (stream.comments.includes('heartbeat') ? true : undefined), 3000, 'heartbeat');
    } finally {
      stream.close();
    }
  });

  it('sends only its own taxi’s events, and the registry’s taxi status', async () => {
    const mine = await harness.registerTaxi();
    const other = await harness.registerTaxi();
    harness.registry.setTaxiStatus(mine.id, 'off');
    const stream = await openEventStream(baseUrl, mine.token);
    try {
      const otherHail = await harness.registry.sendHail({ taxiId: other.id });
      await harness.testApp
        .http()
        .put('/operator/driver/status')
        .set('Authorization', `Bearer ${mine.token}`)
        .send({ status: 'free' })
        .expect(202);
      const free = await stream.next((event) => event.event === 'taxi.status' && event.data.status === 'free');
      expect(free.data).toMatchObject({ status: 'free', source: 'driver', error: null });
      harness.registry.setTaxiStatus(mine.id, 'off');
      const off = await stream.next((event) => event.event === 'taxi.status' && event.data.status === 'off');
      expect(off.data).toMatchObject({ source: 'registry' });
      await harness.registry.waitForStatus(otherHail.id, 'received_by_taxi', 4000);
      expect(stream.events.filter((event) => event.data.hail_id === otherHail.id)).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID with what happened meanwhile, and nothing twice', async () => {
    const taxi = await harness.registerTaxi();
    const auth = `Bearer ${taxi.token}`;
    const first = await openEventStream(baseUrl, taxi.token);
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    const seen = await first.next((event) => event.event === 'hail.status' && event.data.to === 'received_by_taxi');
    first.close();

    // While disconnected: the driver accepts (through the API), the customer accepts.
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi', 4000);
    harness.registry.customerAccepts(hail.id);
    await eventually(
      async () => {
        const response = await harness.testApp.http().get('/operator/driver/hails').set('Authorization', auth);
        return (response.body as Array<{ id: string; status: string }>).find(
          (h) => h.id === hail.id && h.status === 'accepted_by_customer',
        );
      },
      5000,
      'accepted_by_customer locally',
    );

    const resumed = await openEventStream(baseUrl, taxi.token, seen.id);
    try {
      await resumed.next((event) => event.data.to === 'accepted_by_customer');
      const tos = resumed.events.filter((event) => event.data.hail_id === hail.id).map((event) => event.data.to);
      expect(tos).toEqual(['accepted_by_taxi', 'accepted_by_customer']);
      // Live after the replay, still without duplicates.
      await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/customer-on-board`).set('Authorization', auth);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const all = resumed.events.map((event) => event.id);
      expect(new Set(all).size).toBe(all.length);
    } finally {
      resumed.close();
    }

    // From the very start: the whole history of this taxi.
    const replay = await openEventStream(baseUrl, taxi.token, '0.0');
    try {
      await replay.next((event) => event.data.to === 'accepted_by_customer');
      expect(replay.events[0]).toMatchObject({ event: 'hail.received', data: { hail_id: hail.id, to: 'received' } });
    } finally {
      replay.close();
    }
  });

  it('keeps at most 3 streams per taxi: a fourth ends the oldest', async () => {
    const taxi = await harness.registerTaxi();
    const streams: EventStream[] = [];
    for (let i = 0; i < 4; i++) streams.push(await openEventStream(baseUrl, taxi.token));
    try {
      await eventually(async () => (streams[0].ended ? true : undefined), 3000, 'oldest stream ended');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(streams.map((stream) => stream.ended)).toEqual([true, false, false, false]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('replays more than one replay’s worth (500 rows) without a gap', async () => {
    const taxi = await harness.registerTaxi();
    const fleet = harness.testApp.app.get(FleetRepository);
    const start = await fleet.cursors();
    // 1200 status changes, alternating, as if the registry flipped the taxi that often.
    for (let i = 0; i < 1200; i++) await fleet.recordRegistryStatus(taxi.id, i % 2 ? 'free' : 'occupied', 'registry', Date.now() + i);
    const stream = await openEventStream(baseUrl, taxi.token, `${start.transition}.${start.status}`);
    try {
      await eventually(async () => (stream.events.length >= 1200 ? true : undefined), 40_000, 'all 1200 replayed');
      const statuses = stream.events.map((event) => event.data.status);
      expect(statuses).toEqual(Array.from({ length: 1200 }, (_, i) => (i % 2 ? 'free' : 'occupied')));
    } finally {
      stream.close();
    }
  }, 120_000);

  it('refuses a malformed Last-Event-ID with a 400 and a missing token with a 401', async () => {
    const taxi = await harness.registerTaxi();
    for (const bad of ['abc', '1', '1.2.3', '-1.0', '1.x', '9999999999999999.0']) {
      const response = await harness.testApp
        .http()
        .get('/operator/driver/events')
        .set('Authorization', `Bearer ${taxi.token}`)
        .set('Last-Event-ID', bad);
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
    }
    await harness.testApp.http().get('/operator/driver/events').expect(401);
  });
});

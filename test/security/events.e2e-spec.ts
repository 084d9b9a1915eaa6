import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basic, createTestApp, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';
import { alice, append, bob, envelope } from '../events/events-helpers.js';

/** The events realm as an attacker sees it: forging the platform's own feed, guessing Basic passwords. */
describe('security: the events realm', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { AUTH_FAILURE_RATE_LIMIT: '3/60' } });
  });
  afterAll(() => testApp.close());

  it('refuses any HTTP producer on the streams citymove publishes itself (423), before and after the platform wrote there', async () => {
    for (const [stream, producer] of [
      ['operator.hails', 'citymove.operator'],
      ['mobility.trips', 'citymove.mobility'],
      ['parking.loans', 'citymove.parking'],
    ]) {
      for (const claimed of [producer, 'outsider']) {
        const refused = await append(testApp.http(), stream, claimed, envelope({ event: { name: 'TripEnded', version: 1 } })).expect(423);
        expect(refused.text).toBe('"Locked - Second writers not allowed"');
      }
    }
    // Nothing was stored, and no stream was claimed for anyone.
    const streams = await testApp.sql('SELECT name FROM event_streams');
    expect(streams).toEqual([]);
    // Other streams are open to producers as before.
    await append(testApp.http(), 'orders', 'shop-1').expect(200);
  });

  it('EVENTS_CLIENT_STREAMS limits a client to its stream prefixes, for writing, reading and listing (403)', async () => {
    const limited = await createTestApp({ processors: false, env: { EVENTS_CLIENT_STREAMS: 'bob:shop.|billing.' } });
    try {
      await append(limited.http(), 'orders', 'alice-shop').expect(200);
      const refused = await append(limited.http(), 'orders.copy', 'bob-shop', envelope(), bob()).expect(403);
      expect(refused.text).toBe('"Forbidden - client bob may not use stream orders.copy"');
      await append(limited.http(), 'shop.orders', 'bob-shop', envelope(), bob()).expect(200);
      const read = (stream: string) =>
        limited
          .http()
          .get(`/api/v1/streams/${stream}/events?eventName=OrderPlaced&limit=10`)
          .set('Authorization', bob())
          .set('X-Consumer-ID', 'bob-reader');
      await read('orders').expect(403);
      expect((await read('shop.orders').expect(200)).body).toHaveLength(1);
      await limited.http().get('/api/v1/streams/orders/consumers').set('Authorization', bob()).expect(403);
      const listed = await limited.http().get('/api/v1/streams').set('Authorization', bob()).expect(200);
      expect(JSON.parse(listed.text).map((stream: { name: string }) => stream.name)).toEqual(['shop.orders']);
      const all = await limited.http().get('/api/v1/streams').set('Authorization', alice()).expect(200);
      expect(JSON.parse(all.text).map((stream: { name: string }) => stream.name)).toEqual(['orders', 'shop.orders']);
    } finally {
      await limited.close();
    }
  });

  it('Basic: after AUTH_FAILURE_RATE_LIMIT wrong passwords from one address, every attempt is 429, the right one included', async () => {
    const list = (auth: string) => testApp.http().get('/api/v1/streams').set('Authorization', auth);
    await list(alice()).expect(200);
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await list(basic('alice', `guess-${attempt}`)).expect(401);
      expect(refused.text).toBe('"Unauthorized"');
    }
    const limited = await list(basic('alice', TEST_EVENTS_CLIENTS.alice)).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toMatch(/^"Too Many Requests - too many failed attempts/);
  });
});

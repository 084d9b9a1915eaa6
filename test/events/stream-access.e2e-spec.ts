import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { alice, append, bob, envelope, jsonBody } from './events-helpers.js';

/** EVENTS_CLIENT_STREAMS on the routes of issue 18: 403 outside a client's prefixes, stats limited to what it may see. */
describe('stream prefixes on replay, push and stats', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { EVENTS_CLIENT_STREAMS: 'bob:shop.' } });
  });
  afterAll(() => testApp.close());

  it('bob gets 403 on another prefix from every new route, and sees only his streams in the stats', async () => {
    const id = jsonBody(await append(http(), 'orders.eu', 'p-1').expect(200)) as string;
    await append(http(), 'shop.fr', 'p-2', envelope(), bob()).expect(200);
    const forbidden = '"Forbidden - client bob may not use stream orders.eu"';
    const requests = [
      http().get(`/api/v1/streams/orders.eu/events/${id}`),
      http().get('/api/v1/streams/orders.eu/all?limit=10'),
      http().get('/api/v1/streams/orders.eu/events/subscribe?eventName=OrderPlaced').set('X-Consumer-ID', 'c'),
      http().put('/api/v1/streams/orders.eu/consumers/c/offsets/OrderPlaced').set('Content-Type', 'application/json').send('{"offset":0}'),
      append(http(), 'orders.eu', 'p-1', envelope(), bob()).set('Idempotency-Key', 'k'),
    ];
    for (const request of requests) {
      const response = await request.set('Authorization', bob()).expect(403);
      expect(response.text).toBe(forbidden);
    }
    const stats = jsonBody(await http().get('/api/v1/stats').set('Authorization', bob()).expect(200)) as {
      byStream: Array<{ name: string }>;
    };
    expect(stats.byStream.map((stream) => stream.name)).toEqual(['shop.fr']);
    const all = jsonBody(await http().get('/api/v1/stats').set('Authorization', alice()).expect(200)) as {
      byStream: Array<{ name: string }>;
    };
    expect(all.byStream.map((stream) => stream.name)).toEqual(['orders.eu', 'shop.fr']);
    // Nothing was written by the refused keyed append.
    const rows = await testApp.sql('SELECT id FROM events WHERE stream = $1', ['orders.eu']);
    expect(rows).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basic, createTestApp, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';

/** Blocks this process's event loop, as a runaway request would. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event-loop guard (EVENT_LOOP_MAX_LAG_MS)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { EVENT_LOOP_MAX_LAG_MS: '150', EVENT_LOOP_RETRY_AFTER_S: '2' } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('reports the loop up while it keeps pace', async () => {
    await sleep(1200);
    const health = await testApp.http().get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', event_loop: 'up' } });
  });

  it('past the threshold, new requests get 503 with Retry-After in their module format, /health says so, then it recovers', async () => {
    blockEventLoop(500);
    await sleep(120);
    const parking = await testApp.http().get('/parking/org/search?q=x').expect(503);
    expect(parking.headers['retry-after']).toBe('2');
    expect(parking.body).toEqual({ errors: [{ code: 503, message: expect.stringMatching(/overloaded .* retry in 2 s/) }] });
    const events = await testApp.http().get('/api/v1/streams').set('Authorization', basic('alice', TEST_EVENTS_CLIENTS.alice)).expect(503);
    expect(JSON.parse(events.text)).toMatch(/^Service Unavailable - the server is overloaded/);
    const health = await testApp.http().get('/health').expect(503);
    expect(health.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'up', event_loop: 'down' } });

    await sleep(1300);
    await testApp.http().get('/parking/org/search?q=x').expect(200);
    await testApp.http().get('/health').expect(200);
  });
});

describe('event-loop guard, off by default', () => {
  it('adds no check to /health and never refuses', async () => {
    const testApp = await createTestApp({
      processors: false,
      env: { EVENT_LOOP_MAX_LAG_MS: undefined, EVENT_LOOP_RETRY_AFTER_S: undefined },
    });
    try {
      blockEventLoop(300);
      await sleep(100);
      const health = await testApp.http().get('/health').expect(200);
      expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    } finally {
      await testApp.close();
    }
  });
});

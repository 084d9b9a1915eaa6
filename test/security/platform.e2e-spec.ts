import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What every realm shares: request ids, the Host, error formats chosen by the matched route. */
describe('security: the platform', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  it('echoes a safe X-Request-Id and replaces any other with a fresh UUID', async () => {
    const echoed = await testApp.http().get('/health').set('X-Request-Id', 'req-42.a:b_c').expect(200);
    expect(echoed.headers['x-request-id']).toBe('req-42.a:b_c');
    for (const unsafe of ['a'.repeat(129), 'with space', 'new\u00e9line', '<script>', 'a,b', '']) {
      const response = await testApp.http().get('/health').set('X-Request-Id', unsafe);
      expect(response.headers['x-request-id']).toMatch(UUID);
    }
    const fresh = await testApp.http().get('/health');
    expect(fresh.headers['x-request-id']).toMatch(UUID);
  });

  it('never echoes an X-Request-Id outside the safe pattern (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 200 }), async (given) => {
        // What an HTTP client can put in a header value at all.
        fc.pre(/^[\x20-\x7e]+$/.test(given) && given.trim() === given);
        const response = await testApp.http().get('/health').set('X-Request-Id', given);
        const echoed = response.headers['x-request-id'];
        if (/^[A-Za-z0-9._:-]{1,128}$/.test(given)) expect(echoed).toBe(given);
        else expect(echoed).toMatch(UUID);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a Host that is not host[:port] on any route, with 400 in the module format', async () => {
    const platform = await testApp.http().get('/health').set('Host', 'bad host');
    expect(platform.status).toBe(400);
    expect(platform.body.errors[0]).toMatchObject({ code: 400, field: 'Host' });
    const events = await testApp.http().get('/api/v1/streams').set('Host', 'evil/x');
    expect(events.status).toBe(400);
    expect(events.text).toBe('"Bad Request - Host: the Host header must be a valid host[:port]"');
  });

  it('chooses the error format by the route the router matched, not the raw URL', async () => {
    // /%61pi/v1/streams is /api/v1/streams: its 401 is the events module's JSON string.
    for (const path of ['/api/v1/streams', '/%61pi/v1/streams', '/api/v1/%73treams']) {
      const response = await testApp.http().get(path).expect(401);
      expect(response.text).toBe('"Unauthorized"');
      expect(response.headers['www-authenticate']).toContain('Basic realm="events"');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAuth, basic, createTestApp, type TestApp } from '../helpers/test-app.js';

/** The admin Basic realm: its password is one guess count wherever it is checked. */
describe('security: the admin realm', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { AUTH_FAILURE_RATE_LIMIT: '4/60' } });
  });
  afterAll(() => testApp.close());

  it('after AUTH_FAILURE_RATE_LIMIT wrong passwords, through any admin door, every attempt is 429, the right one included', async () => {
    await testApp.http().get('/operator/taxis').set('Authorization', adminAuth()).expect(200);
    // No credentials at all guess nothing: not counted.
    for (let attempt = 0; attempt < 5; attempt++) await testApp.http().get('/operator/taxis').expect(401);
    await testApp.http().get('/operator/taxis').set('Authorization', basic('admin', 'guess-1')).expect(401);
    await testApp.http().get('/queues').set('Authorization', basic('admin', 'guess-2')).expect(401);
    await testApp
      .http()
      .get('/mobility/trips/00000000-0000-4000-8000-000000000000')
      .set('Authorization', basic('admin', 'guess-3'))
      .expect(401);
    await testApp.http().get('/metrics').set('Authorization', basic('admin', 'guess-4')).expect(401);
    for (const path of ['/operator/taxis', '/queues', '/mobility/trips/00000000-0000-4000-8000-000000000000', '/metrics']) {
      const limited = await testApp.http().get(path).set('Authorization', adminAuth()).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.errors[0].code).toBe(429);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TEST_REDIS_URL } from '../setup/test-environment.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';

/** Health follows its dependencies: Redis is reached through a proxy this test can cut. */
describe('GET /health with a dependency down', () => {
  const redisUrl = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
  let testApp: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    const proxied = new URL(TEST_REDIS_URL);
    proxied.port = String(port);
    testApp = await createTestApp({ env: { REDIS_URL: proxied.toString() } });
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await testApp.close();
    await proxy.cut();
  });

  it('is 200 while both answer', async () => {
    await testApp
      .http()
      .get('/health')
      .expect(200, { status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('is 503 with redis down while Redis cannot be reached, and recovers', async () => {
    await proxy.cut();
    const down = await testApp.http().get('/health').expect(503);
    expect(down.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
    await proxy.restore();
    let status = 0;
    for (let attempt = 0; attempt < 30 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await testApp.http().get('/health')).status;
    }
    expect(status).toBe(200);
  });

  it('is 503 with database down once the database is gone', async () => {
    const dataSource = testApp.app.get(DataSource);
    await dataSource.destroy();
    const down = await testApp.http().get('/health').expect(503);
    expect(down.body).toEqual({ status: 'error', checks: { database: 'down', redis: 'up' } });
    await dataSource.initialize();
    await testApp.http().get('/health').expect(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { expectMigrationRoundTrip } from '../helpers/migrations.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';

/** The embedded default, as `npm start` runs it: the whole app on SQLite. */
describe('smoke: the app on the embedded SQLite', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('runs on better-sqlite3', () => {
    expect(testApp.app.get(DataSource).options.type).toBe('better-sqlite3');
  });

  it('answers /health', async () => {
    await testApp
      .http()
      .get('/health')
      .expect(200, { status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('serves the OpenAPI document', async () => {
    const response = await testApp.http().get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.info.title).toBe('citymove');
  });

  it('reverts and re-applies every migration', async () => {
    await expectMigrationRoundTrip(testApp.app.get(DataSource));
  });
});

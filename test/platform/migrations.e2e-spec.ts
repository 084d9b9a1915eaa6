import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { expectMigrationRoundTrip } from '../helpers/migrations.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';

describe('migrations on PostgreSQL', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  it('ran at boot, and every one reverts and re-applies', async () => {
    const dataSource = testApp.app.get(DataSource);
    expect(dataSource.options.type).toBe('postgres');
    await expectMigrationRoundTrip(dataSource);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { expectMigrationRoundTrip } from '../helpers/migrations.js';
import { isSqliteRun } from '../helpers/sql.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';

/** Each dialect has migrations of its own branches (column types, indexes): each proves its round trip. */
const dialect = isSqliteRun() ? { name: 'SQLite', type: 'better-sqlite3' } : { name: 'PostgreSQL', type: 'postgres' };

describe(`migrations on ${dialect.name}`, () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  it('ran at boot, and every one reverts and re-applies', async () => {
    const dataSource = testApp.app.get(DataSource);
    expect(dataSource.options.type).toBe(dialect.type);
    await expectMigrationRoundTrip(dataSource);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app.js';

/** better-sqlite3 has one connection: the platform queues transactions so they never interleave. */
describe('smoke: concurrent transactions on SQLite', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    dataSource = testApp.app.get(DataSource);
    await dataSource.query('CREATE TABLE smoke_counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
    await dataSource.query('INSERT INTO smoke_counter (id, value) VALUES (1, 0)');
  });
  afterAll(() => testApp.close());

  it('runs 50 parallel read-modify-write transactions without losing one or failing', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        dataSource.transaction(async (manager) => {
          const [{ value }] = await manager.query('SELECT value FROM smoke_counter WHERE id = 1');
          await new Promise((resolve) => setImmediate(resolve));
          await manager.query('UPDATE smoke_counter SET value = ? WHERE id = 1', [value + 1]);
        }),
      ),
    );
    const [{ value }] = await dataSource.query('SELECT value FROM smoke_counter WHERE id = 1');
    expect(value).toBe(50);
  });

  it('rolls back only the failing transaction', async () => {
    const results = await Promise.allSettled([
      dataSource.transaction(async (manager) => manager.query('UPDATE smoke_counter SET value = value + 1 WHERE id = 1')),
      dataSource.transaction(async (manager) => {
        await manager.query('UPDATE smoke_counter SET value = value + 100 WHERE id = 1');
        throw new Error('refused');
      }),
      dataSource.transaction(async (manager) => manager.query('UPDATE smoke_counter SET value = value + 1 WHERE id = 1')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const [{ value }] = await dataSource.query('SELECT value FROM smoke_counter WHERE id = 1');
    expect(value).toBe(52);
  });

  it('refuses a root transaction opened inside a transaction instead of hanging', async () => {
    await expect(dataSource.transaction(async () => dataSource.transaction(async () => undefined))).rejects.toThrow(
      'called inside a transaction',
    );
  });
});

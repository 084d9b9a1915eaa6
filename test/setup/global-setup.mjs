// Names this run (every database and Redis key prefix it creates carries the id, so parallel runs
// never collide) and fails at once, with one clear line, when PostgreSQL or Redis is not there.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export default async function globalSetup() {
  process.env.CITYMOVE_TEST_RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`the tests need PostgreSQL at ${TEST_DATABASE_URL} (TEST_DATABASE_URL): ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`the tests need Redis at ${TEST_REDIS_URL} (TEST_REDIS_URL): ${error.message}`);
  } finally {
    redis.disconnect();
  }
}

/** Where the tests find PostgreSQL and Redis, and how this run names what it creates there. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every database and Redis key prefix of a run starts with this; set by the global setup. */
export function runPrefix(): string {
  const runId = process.env.CITYMOVE_TEST_RUN;
  if (!runId) throw new Error('CITYMOVE_TEST_RUN is not set: run the tests through jest (npm test)');
  return `cmt_${runId}`;
}

/** A URL on the same server as `TEST_DATABASE_URL`, with another database name. */
export function databaseUrlFor(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

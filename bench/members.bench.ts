/**
 * `npm run bench:members`: the built app (`dist/main.js`) on a PostgreSQL database of its own,
 * measured with autocannon on 127.0.0.1 only: a 50-member page of `GET /v1/membres`, the same page
 * answered 304 through `If-None-Match`, and `GET /health` for scale, in one run. Stops by itself and
 * drops what it created (database, Redis keys).
 *
 * Knobs: BENCH_PORT (3101), BENCH_DURATION seconds per scenario (10), BENCH_CONNECTIONS (20),
 * BENCH_DATABASE_URL (an admin URL on the server to use, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (redis://127.0.0.1:6379).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  '2xx': number;
  '3xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const PORT = Number(process.env.BENCH_PORT ?? 3101);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `bench_members_${process.pid}`;
const BASE = `http://127.0.0.1:${PORT}`;
const HEADERS = { 'user-agent': 'citymove-bench/1.0', accept: 'application/json' };
const MEMBERS = 120;

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startServer(): ChildProcess {
  const server = spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      PORT: String(PORT),
      DATABASE_URL: databaseUrl(RUN),
      DB_MIGRATIONS_RUN: 'true',
      REDIS_URL,
      QUEUE_PREFIX: RUN,
      RUN_PROCESSORS: 'false',
      LOG_LEVEL: 'warn',
      PASSWORD_HASH_ROUNDS: '4',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return server;
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${BASE}/health`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error('the server did not become healthy within 60 s');
}

async function seedMembers(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(RUN) });
  await client.connect();
  try {
    // Realistic rows (some with a visible e-mail, a site, a biography), joined a minute apart.
    await client.query(
      `INSERT INTO members (username, username_key, email, email_key, password_hash, show_email, site, biography, date_joined, last_visit)
       SELECT 'Member' || i, 'member' || i, 'member' || i || '@example.org', 'member' || i || '@example.org',
              '$2b$04$bench.bench.bench.bench.bench.bench.bench.bench.be', i % 2 = 0,
              'https://example.org/' || i, repeat('Cycling across town. ', 5), now() - (i || ' minutes')::interval,
              CASE WHEN i % 3 = 0 THEN now() END
       FROM generate_series(1, $1::int) AS i`,
      [MEMBERS],
    );
  } finally {
    await client.end();
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (server.exitCode === null) server.kill('SIGKILL');
}

async function deleteRedisKeys(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${RUN}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

interface Row {
  scenario: string;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  requests: number;
  'unexpected answers': number;
}

async function measure(scenario: string, path: string, expected: '2xx' | '3xx', headers: Record<string, string> = {}): Promise<Row> {
  const result = await autocannon({ url: `${BASE}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { ...HEADERS, ...headers } });
  const unexpected = result.requests.total - result[expected] + result.errors + result.timeouts;
  return {
    scenario,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    'unexpected answers': Math.max(0, unexpected),
  };
}

async function main(): Promise<void> {
  await admin(`CREATE DATABASE "${RUN}"`);
  const server = startServer();
  try {
    await waitForHealth(server);
    await seedMembers();
    const page = await fetch(`${BASE}/v1/membres`, { headers: HEADERS });
    const members = (await page.json()) as unknown[];
    const etag = page.headers.get('etag');
    if (page.status !== 200 || members.length !== 50 || etag === null) {
      throw new Error(`unexpected first page: ${page.status}, ${members.length} members, ETag ${etag}`);
    }
    const check = await fetch(`${BASE}/v1/membres`, { headers: { ...HEADERS, 'if-none-match': etag } });
    if (check.status !== 304) throw new Error(`If-None-Match answered ${check.status}, not 304`);

    // Warm-up: JIT, connection pool, PostgreSQL caches.
    await autocannon({ url: `${BASE}/v1/membres`, connections: CONNECTIONS, duration: 2, headers: HEADERS });

    const rows = [
      await measure('GET /v1/membres (50 members, 200)', '/v1/membres', '2xx'),
      await measure('GET /v1/membres + If-None-Match (304)', '/v1/membres', '3xx', { 'if-none-match': etag }),
      await measure('GET /health', '/health', '2xx'),
    ];
    process.stdout.write(
      `\nmembers benchmark: ${CONNECTIONS} connections, ${DURATION} s per scenario, ${MEMBERS} members in PostgreSQL, Node ${process.version}\n`,
    );
    console.table(rows);
  } finally {
    await stopServer(server);
    await admin(`DROP DATABASE IF EXISTS "${RUN}" WITH (FORCE)`).catch(() => undefined);
    await deleteRedisKeys().catch(() => undefined);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:members: ${error.message}\n`);
  process.exitCode = 1;
});

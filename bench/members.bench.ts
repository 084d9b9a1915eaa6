/**
 * `npm run bench:members`: the built app (`dist/main.js`) on a PostgreSQL database of its own,
 * measured with autocannon on 127.0.0.1 only: a 50-member page of `GET /v1/membres`, the same page
 * answered 304 through `If-None-Match`, and `GET /health` for scale, in one run. Stops by itself and
 * drops what it created (database, Redis keys).
 *
 * Knobs: BENCH_PORT (3101), BENCH_DURATION seconds per scenario (10), BENCH_CONNECTIONS (20), and the
 * shared BENCH_DATABASE_URL / BENCH_REDIS_URL (bench/support/bench-run.ts).
 */
import pg from 'pg';
import { autocannon, type BenchRun, createBenchRun, removeBenchRun, startBuiltApp, stopProcess, waitForHealth } from './support/bench-run.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
let run: BenchRun;
const HEADERS = { 'user-agent': 'citymove-bench/1.0', accept: 'application/json' };
const MEMBERS = 120;

async function seedMembers(): Promise<void> {
  const client = new pg.Client({ connectionString: run.databaseUrl });
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

interface Row {
  scenario: string;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  requests: number;
  'unexpected answers': number;
}

async function measure(scenario: string, path: string, expected: '2xx' | '3xx', headers: Record<string, string> = {}): Promise<Row> {
  const result = await autocannon({ url: `${run.base}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { ...HEADERS, ...headers } });
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
  run = await createBenchRun('members', Number(process.env.BENCH_PORT ?? 3101));
  const server = startBuiltApp(run, { RUN_PROCESSORS: 'false', PASSWORD_HASH_ROUNDS: '4' });
  try {
    await waitForHealth(server, run);
    await seedMembers();
    const page = await fetch(`${run.base}/v1/membres`, { headers: HEADERS });
    const members = (await page.json()) as unknown[];
    const etag = page.headers.get('etag');
    if (page.status !== 200 || members.length !== 50 || etag === null) {
      throw new Error(`unexpected first page: ${page.status}, ${members.length} members, ETag ${etag}`);
    }
    const check = await fetch(`${run.base}/v1/membres`, { headers: { ...HEADERS, 'if-none-match': etag } });
    if (check.status !== 304) throw new Error(`If-None-Match answered ${check.status}, not 304`);

    // Warm-up: JIT, connection pool, PostgreSQL caches.
    await autocannon({ url: `${run.base}/v1/membres`, connections: CONNECTIONS, duration: 2, headers: HEADERS });

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
    await stopProcess(server);
    await removeBenchRun(run);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:members: ${error.message}\n`);
  process.exitCode = 1;
});

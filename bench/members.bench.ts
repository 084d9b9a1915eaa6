/**
 * `npm run bench:members`: the built app (`dist/main.js`) on a PostgreSQL database of its own,
 * measured side by side in one run (bench/support/side-by-side.ts), 127.0.0.1 only:
 *   1. a 50-member page of `GET /v1/membres`, against a minimal Fastify + `pg` handler serving the
 *      same page from the same table (the same rows, order and JSON shape): what the framework and
 *      the ORM cost on a database route;
 *   2. the same page answered 304 through `If-None-Match`, against the page itself: what the ETag
 *      spares (the goal: 3 times the page's rate).
 * Stops by itself and drops what it created (database, Redis keys).
 *
 * Knobs: BENCH_PORT (3101; the reference takes the next port), BENCH_CONNECTIONS (50),
 * BENCH_ROUNDS (8 per side), BENCH_ROUND_SECONDS (0.3), and the shared BENCH_DATABASE_URL /
 * BENCH_REDIS_URL. CITYMOVE_NODE_ARGS=--cpu-prof profiles the app.
 */
import os from 'node:os';
import pg from 'pg';
import { type BenchRun, createBenchRun, removeBenchRun, startBuiltApp, stopProcess, waitForHealth } from './support/bench-run.js';
import { type Comparison, sideBySide, startReference } from './support/side-by-side.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 0.3);
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

/**
 * The reference: Fastify and a `pg` pool of the app's size (20, src/database/data-source-options.ts), one hand-written query (the same columns, order and
 * window count as the app's), the rows mapped to the same JSON shape, nothing else.
 */
const REFERENCE = `
  const fastify = require('fastify')();
  const pg = require('pg');
  const pool = new pg.Pool({ connectionString: process.env.REFERENCE_DATABASE_URL, max: 20 });
  const iso = (value) => (value === null ? null : new Date(value).toISOString());
  fastify.get('/v1/membres', async (request, reply) => {
    const { rows } = await pool.query(
      'SELECT id, username, show_email, email, is_staff, is_active, site, avatar_url, biography, sign, email_for_answer, last_visit, date_joined, COUNT(*) OVER () AS total_count FROM members ORDER BY date_joined DESC, id DESC LIMIT 50 OFFSET 0');
    reply.header('X-Total-Count', rows.length > 0 ? rows[0].total_count : '0');
    return rows.map((row) => ({
      id: row.id, username: row.username, show_email: row.show_email, ...(row.show_email ? { email: row.email } : {}),
      is_staff: row.is_staff, is_active: row.is_active, site: row.site, avatar_url: row.avatar_url, biography: row.biography,
      sign: row.sign, email_for_answer: row.email_for_answer, last_visit: iso(row.last_visit), date_joined: iso(row.date_joined),
    }));
  });
  process.on('SIGTERM', () => process.exit(0));
  fastify.listen({ port: Number(process.env.REFERENCE_PORT), host: '127.0.0.1' }).then(() => process.stdout.write('listening\\n'));
`;

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 3101);
  run = await createBenchRun('members', port);
  const server = startBuiltApp(run, { RUN_PROCESSORS: 'false', PASSWORD_HASH_ROUNDS: '4' });
  let reference: Awaited<ReturnType<typeof startReference>> | undefined;
  try {
    await waitForHealth(server, run);
    await seedMembers();
    const referenceArgs = process.env.REFERENCE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    reference = await startReference([...referenceArgs, '-e', REFERENCE], {
      REFERENCE_DATABASE_URL: run.databaseUrl,
      REFERENCE_PORT: String(port + 1),
    });
    const referenceUrl = `http://127.0.0.1:${port + 1}/v1/membres`;

    const page = await fetch(`${run.base}/v1/membres`, { headers: HEADERS });
    const body = await page.text();
    const etag = page.headers.get('etag');
    if (page.status !== 200 || (JSON.parse(body) as unknown[]).length !== 50 || etag === null) {
      throw new Error(`unexpected first page: ${page.status}, ETag ${etag}`);
    }
    const same = await (await fetch(referenceUrl)).text();
    if (same !== body) throw new Error('the reference does not serve the same bytes as the app');
    const check = await fetch(`${run.base}/v1/membres`, { headers: { ...HEADERS, 'if-none-match': etag } });
    if (check.status !== 304) throw new Error(`If-None-Match answered ${check.status}, not 304`);

    const app = { name: 'citymove page (200)', url: `${run.base}/v1/membres`, headers: HEADERS, expected: '2xx' as const };
    const options = { connections: CONNECTIONS, rounds: ROUNDS, roundSeconds: ROUND_SECONDS };
    // Warm-up: JIT, connection pools, PostgreSQL caches.
    await sideBySide('warm-up', app, { name: 'reference', url: referenceUrl, expected: '2xx' }, { ...options, rounds: 2 });

    const rows: Comparison[] = [
      await sideBySide(
        'GET /v1/membres (50 members)',
        app,
        { name: 'Fastify + pg, same page', url: referenceUrl, expected: '2xx' },
        options,
      ),
      await sideBySide(
        'GET /v1/membres + If-None-Match',
        { name: 'citymove 304', url: `${run.base}/v1/membres`, headers: { ...HEADERS, 'if-none-match': etag }, expected: '3xx' },
        app,
        options,
      ),
    ];
    process.stdout.write(
      `\nmembers benchmark: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per side, ` +
        `${MEMBERS} members in PostgreSQL, Node ${process.version}, ${os.cpus().length} CPUs, load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
    );
    console.table(rows);
  } finally {
    if (reference !== undefined) await stopProcess(reference);
    await stopProcess(server);
    await removeBenchRun(run);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:members: ${error.message}\n`);
  process.exitCode = 1;
});

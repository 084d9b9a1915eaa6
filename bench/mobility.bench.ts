/**
 * `npm run bench:mobility`: the mobility module against its performance contract (docs/contracts/mobility.md):
 *   1. `GET /mobility/bikes?near=` over 100,000 bikes on PostgreSQL: p95 under 50 ms;
 *   2. 1,000 position reports per second through the Bull queue: lag under 1 s, measured twice:
 *      jobs added straight to the queue (the queue and processor alone), then reports sent to the
 *      HTTP route (the whole path, including the 202 route's own capacity).
 * Runs the BUILT app (`node dist/main.js`) on its own port, PostgreSQL database and queue prefix,
 * all created here and removed at the end; traffic goes to 127.0.0.1 only.
 *
 * Knobs (environment): BENCH_BIKES (100000), BENCH_NEAR_QUERIES (2000), BENCH_RADIUS (500),
 * BENCH_UPDATE_RATE (1000/s), BENCH_UPDATE_SECONDS (10), BENCH_WORKERS (0 extra worker processes;
 * with N > 0 the API runs with RUN_PROCESSORS=false and N `dist/worker.js` apply the queue).
 */
import Bull from 'bull';
import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import os from 'node:os';
import pg from 'pg';
import {
  autocannon,
  type BenchRun,
  createBenchRun,
  percentile,
  removeBenchRun,
  startBuiltApp,
  stopProcess,
  waitForHealth,
} from './support/bench-run.js';
import { BIKE_LOCATIONS_QUEUE, type BikeLocationsJob } from '../src/mobility/bike-locations.processor.js';
import type { BikeLocationReport } from '../src/mobility/bikes.repository.js';

const BIKES = Number(process.env.BENCH_BIKES ?? 100_000);
const NEAR_QUERIES = Number(process.env.BENCH_NEAR_QUERIES ?? 2_000);
const RADIUS = Number(process.env.BENCH_RADIUS ?? 500);
const UPDATE_RATE = Number(process.env.BENCH_UPDATE_RATE ?? 1_000);
const UPDATE_SECONDS = Number(process.env.BENCH_UPDATE_SECONDS ?? 10);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const ADMIN = { user: 'bench', password: 'bench-secret' };
const ADMIN_AUTH = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;

let run: BenchRun;

/** The fleet's area: central Paris, about 18 km by 13 km. */
const AREA = { minLon: 2.22, maxLon: 2.47, minLat: 48.8, maxLat: 48.92 };
const randomIn = (min: number, max: number) => min + Math.random() * (max - min);

const children: ChildProcess[] = [];

const CAPACITY_SECONDS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 5);

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');
const ms = (value: number | string) => `${Number(value).toFixed(1)} ms`;

/** A query on the run's own database. */
async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: run.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  const child = startBuiltApp(run, { ADMIN_USER: ADMIN.user, ADMIN_PASSWORD: ADMIN.password, ...env }, entry);
  children.push(child);
  return child;
}

/** 100,000 bikes in one statement: the bench measures the search, not the loading. */
async function loadFleet(): Promise<void> {
  await query(
    `INSERT INTO bikes (id, status, lon, lat, location_recorded_at, public_id, created_at, updated_at)
     SELECT gen_random_uuid(),
            CASE WHEN random() < 0.1 THEN 'non_operational' ELSE 'available' END,
            $1::float8 + random() * ($2::float8 - $1::float8), $3::float8 + random() * ($4::float8 - $3::float8),
            now() - interval '1 hour', gen_random_uuid(), now(), now()
       FROM generate_series(1, $5::int)`,
    [AREA.minLon, AREA.maxLon, AREA.minLat, AREA.maxLat, BIKES],
  );
  await query('ANALYZE bikes');
}

async function benchNear(): Promise<{ p50: number; p95: number; p99: number; max: number; meanResults: number }> {
  const once = async () => {
    const lon = randomIn(AREA.minLon, AREA.maxLon).toFixed(6);
    const lat = randomIn(AREA.minLat, AREA.maxLat).toFixed(6);
    const started = performance.now();
    const response = await fetch(`${run.base}/mobility/bikes?near=${lon},${lat}&radius=${RADIUS}`);
    const body = (await response.json()) as unknown[];
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`near answered ${response.status}`);
    return { elapsed, total: Number(response.headers.get('x-total-count')), returned: body.length };
  };
  for (let i = 0; i < 100; i++) await once(); // warm-up: JIT, connection pool, PostgreSQL caches
  const latencies: number[] = [];
  let totalFound = 0;
  for (let i = 0; i < NEAR_QUERIES; i++) {
    const { elapsed, total } = await once();
    latencies.push(elapsed);
    totalFound += total;
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    meanResults: totalFound / NEAR_QUERIES,
  };
}

interface UpdateFigures {
  sent: number;
  accepted: number;
  sendSeconds: number;
  applied: number;
  lag: { p50: number; p95: number; p99: number; max: number };
}

/** Sends one report for `bikeId` stamped with the current time; resolves true once accepted. */
type Sender = (bikeId: string, report: BikeLocationReport) => Promise<boolean>;

/** A gateway's connection pool: requests beyond it wait their turn (and that wait counts as lag). */
const gatewayAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Through the HTTP route, as a telemetry gateway would: 202 means queued. */
const viaHttp: Sender = (bikeId, report) =>
  new Promise((resolve) => {
    const body = JSON.stringify({ location: { type: 'Point', coordinates: [report.lon, report.lat] }, recorded_at: report.recordedAt });
    const outgoing = request(
      `${run.base}/mobility/bikes/${bikeId}/locations`,
      {
        method: 'POST',
        agent: gatewayAgent,
        headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 202));
      },
    );
    outgoing.on('error', () => resolve(false));
    outgoing.end(body);
  });

/**
 * Straight onto the Bull queue, one report per job (the route's worst case, light traffic): the
 * queue and processor alone.
 */
function viaQueue(queue: Bull.Queue<BikeLocationsJob>): Sender {
  return async (_bikeId, report) => {
    await queue.add({ reports: [report] }, { removeOnComplete: 100, removeOnFail: 1000 });
    return true;
  };
}

/**
 * Sends UPDATE_RATE reports a second for UPDATE_SECONDS, each to a different bike, stamped with
 * its send time as `recorded_at`. The processor stamps `updated_at` when it applies one, so each
 * bike row then holds its own lag (from sending to committed), measured in SQL.
 */
async function benchUpdates(send: Sender): Promise<UpdateFigures> {
  const total = UPDATE_RATE * UPDATE_SECONDS;
  const ids = (await query<{ id: string }>(`SELECT id FROM bikes ORDER BY random() LIMIT $1`, [total])).map((row) => row.id);
  const phaseStart = new Date();
  const tickMs = 10;
  const perTick = UPDATE_RATE / (1000 / tickMs);
  const results: Array<Promise<boolean>> = [];
  const started = performance.now();
  let next = 0;
  while (next < ids.length) {
    // Catch up to the schedule: as many reports as the elapsed time allows, never a burst ahead.
    const due = Math.min(ids.length, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    for (; next < due; next++) {
      const report: BikeLocationReport = {
        bikeId: ids[next],
        lon: randomIn(AREA.minLon, AREA.maxLon),
        lat: randomIn(AREA.minLat, AREA.maxLat),
        recordedAt: new Date().toISOString(),
      };
      results.push(send(ids[next], report));
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  const accepted = (await Promise.all(results)).filter(Boolean).length;
  const sendSeconds = (performance.now() - started) / 1000;

  const deadline = Date.now() + 120_000;
  let applied = 0;
  while (Date.now() < deadline) {
    applied = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM bikes WHERE location_recorded_at >= $1`, [phaseStart]))[0].n);
    if (applied >= accepted) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [lag] = await query<{ p50: number; p95: number; p99: number; max: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
            max(lag) AS max
       FROM (SELECT (EXTRACT(EPOCH FROM updated_at - location_recorded_at) * 1000)::float8 AS lag
               FROM bikes WHERE location_recorded_at >= $1) AS applied`,
    [phaseStart],
  );
  return { sent: ids.length, accepted, sendSeconds, applied, lag };
}

/**
 * What the HTTP side can take on this machine, as many requests as 32 connections can push: the
 * position route, and `/health` (no module code at all) as the platform's own ceiling beside it.
 */
async function benchCapacity(bikeId: string): Promise<Array<{ route: string; 'req/s': number; p50: string; p99: string; errors: number }>> {
  const rows = [];
  for (const [route, options] of [
    ['GET /health', { url: `${run.base}/health` }],
    [
      'POST /mobility/bikes/:id/locations',
      {
        url: `${run.base}/mobility/bikes/${bikeId}/locations`,
        method: 'POST',
        headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ location: { type: 'Point', coordinates: [2.35, 48.85] } }),
      },
    ],
  ] as const) {
    const result = await autocannon({ ...options, connections: 32, duration: CAPACITY_SECONDS });
    rows.push({
      route,
      'req/s': Math.round(result.requests.average),
      p50: ms(result.latency.p50),
      p99: ms(result.latency.p99),
      errors: result.errors + result.non2xx,
    });
  }
  return rows;
}

async function cleanUp(): Promise<void> {
  await Promise.all(children.map(stopProcess));
  await removeBenchRun(run);
}

async function main(): Promise<void> {
  run = await createBenchRun('mobility');
  try {
    const api = startProcess('dist/main.js', { RUN_PROCESSORS: String(WORKERS === 0) });
    for (let i = 0; i < WORKERS; i++) startProcess('dist/worker.js', {});
    await waitForHealth(api, run);

    const loadStarted = performance.now();
    await loadFleet();
    console.log(`loaded ${BIKES.toLocaleString('en')} bikes in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

    const near = await benchNear();
    const queue = new Bull<BikeLocationsJob>(BIKE_LOCATIONS_QUEUE, { redis: run.redisUrl, prefix: run.name });
    const queued = await benchUpdates(viaQueue(queue));
    await queue.close();
    const http = await benchUpdates(viaHttp);
    gatewayAgent.destroy();
    const [{ id: anyBike }] = await query<{ id: string }>('SELECT id FROM bikes LIMIT 1');
    const capacity = await benchCapacity(anyBike);

    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const updateRow = (how: string, figures: UpdateFigures) => ({
      measure:
        `position lag ${how}, ${UPDATE_RATE}/s for ${UPDATE_SECONDS} s ` +
        `(${figures.accepted}/${figures.sent} accepted in ${figures.sendSeconds.toFixed(1)} s, ${figures.applied} applied)`,
      p50: ms(figures.lag.p50),
      p95: ms(figures.lag.p95),
      p99: ms(figures.lag.p99),
      max: ms(figures.lag.max),
      target: 'lag < 1 s',
      verdict: verdict(figures.lag.max < 1000 && figures.applied >= figures.accepted && figures.accepted === figures.sent),
    });
    console.log(
      `\nmobility benchmark (PostgreSQL, built app, ${WORKERS === 0 ? 'processors in the API process' : `${WORKERS} worker process(es)`}; ` +
        `${os.cpus().length} CPUs, load ${loadAverage()})`,
    );
    console.table([
      {
        measure: `near, radius ${RADIUS} m, ${BIKES.toLocaleString('en')} bikes (${NEAR_QUERIES} sequential queries, ~${near.meanResults.toFixed(0)} bikes found each)`,
        p50: ms(near.p50),
        p95: ms(near.p95),
        p99: ms(near.p99),
        max: ms(near.max),
        target: 'p95 < 50 ms',
        verdict: verdict(near.p95 < 50),
      },
      updateRow('through the queue', queued),
      updateRow('from the HTTP route', http),
    ]);
    console.log(`HTTP capacity on this machine (32 connections, ${CAPACITY_SECONDS} s each; \`uptime\` load: ${loadAverage()})`);
    console.table(capacity);
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  async (error: Error) => {
    console.error(`bench:mobility failed: ${error.message}`);
    await cleanUp().catch(() => undefined);
    process.exit(1);
  },
);

/**
 * `npm run bench:operator`: the fake api.taxi registry sends 100 hails/s for 30 s to the built app
 * (`dist/main.js`, PostgreSQL database of its own, processors in the API process) and measures, at
 * the registry, the time from our 200 to our `received_by_taxi` PUT being accepted; a hail misses
 * when that takes more than the registry's 10 s (or never comes). Only 127.0.0.1 is contacted.
 * Stops by itself and drops what it created (database, Redis keys).
 *
 * Knobs: BENCH_WORKERS (0: processors in the API process; N: the API with RUN_PROCESSORS=false
 * beside N `dist/worker.js` processes), BENCH_PORT (3105), BENCH_RATE hails/s (100), BENCH_DURATION seconds (30), BENCH_TAXIS (50),
 * BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (redis://127.0.0.1:6379), BENCH_ONLINE_TAXIS (500: taxis set `free` that each send a
 * position every BENCH_POSITION_EVERY_S (5) seconds while the hails flow; 0 turns that load off).
 */
import { Agent, request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startFakeRegistry, type FakeHail } from '../test/fake-registry/fake-registry.js';
import { registerTaxi, startCitymove } from './operator-app.js';
import { type BenchRun, createBenchRun, percentile, removeBenchRun, stopProcess, waitForHealth } from './support/bench-run.js';

const PORT = Number(process.env.BENCH_PORT ?? 3105);
let run: BenchRun;
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const TAXIS = Number(process.env.BENCH_TAXIS ?? 50);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const ONLINE_TAXIS = Number(process.env.BENCH_ONLINE_TAXIS ?? 500);
const POSITION_EVERY_S = Number(process.env.BENCH_POSITION_EVERY_S ?? 5);
const DEADLINE_MS = 10_000;
const driverAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One driver app request (node:http, like the registry's client: fetch would cost the bench more CPU than the app). */
function driverCall(base: string, method: string, path: string, token: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      {
        method,
        agent: driverAgent,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(payload)),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * The driver apps: every online taxi posts its position every POSITION_EVERY_S, spread evenly over
 * that period (500 taxis every 5 s: 100 requests/s), until `stop` is set. Answers each POST's time.
 */
async function drivePositions(
  base: string,
  taxis: Array<{ id: string; token: string }>,
  until: () => boolean,
): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  const period = POSITION_EVERY_S * 1000;
  const started = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; !until(); i += 1) {
    const due = started + (i * period) / taxis.length;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const taxi = taxis[i % taxis.length];
    const at = performance.now();
    const body = { positions: [{ lat: 48.8 + (i % 100) / 1000, lon: 2.3 + (i % 37) / 1000, timestamp: new Date().toISOString() }] };
    pending.push(
      driverCall(base, 'POST', '/operator/driver/positions', taxi.token, body).then(
        (status) => {
          if (status === 202) ms.push(performance.now() - at);
          else failed += 1;
        },
        () => void (failed += 1),
      ),
    );
  }
  await Promise.all(pending);
  return { ms: ms.sort((a, b) => a - b), failed };
}
const API_KEY = 'bench-registry-key';
const HAIL_HEADER = { name: 'X-Registry-Auth', value: 'bench-hail-secret' };

/** Status changes so far and how many are not in the event store yet (only those up to `upToId`). */
async function countOutbox(upToId = 2_147_483_647): Promise<{ transitions: number; unpublished: number; lastId: number }> {
  const client = new pg.Client({ connectionString: run.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS transitions, count(*) FILTER (WHERE published_at IS NULL AND id <= $1)::int AS unpublished,
              coalesce(max(id), 0)::int AS "lastId"
       FROM operator_hail_transitions`,
      [upToId],
    );
    return rows[0] as { transitions: number; unpublished: number; lastId: number };
  } finally {
    await client.end();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const registry = await startFakeRegistry({
    apiKey: API_KEY,
    hailHeader: HAIL_HEADER,
    receivedDeadlineMs: DEADLINE_MS,
    decisionTimeoutMs: 30_000,
    operatorTimeoutMs: 10_000,
  });
  run = await createBenchRun('operator', PORT);
  registry.setOperatorUrl(`${run.base}/operator/hails`);
  const env = {
    PORT: String(run.port),
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: run.redisUrl,
    QUEUE_PREFIX: run.name,
    RUN_PROCESSORS: String(WORKERS === 0),
    API_TAXI_URL: registry.url,
    API_TAXI_KEY: API_KEY,
    HAIL_AUTH_HEADER_NAME: HAIL_HEADER.name,
    HAIL_AUTH_HEADER_VALUE: HAIL_HEADER.value,
    HAIL_RECEIVED_DEADLINE_MS: String(DEADLINE_MS),
  };
  const server = startCitymove(env);
  const workers: ReturnType<typeof startCitymove>[] = [];
  try {
    await waitForHealth(server, run);
    // Workers start once the API has run the migrations.
    for (let i = 0; i < WORKERS; i += 1) workers.push(startCitymove({ ...env, DB_MIGRATIONS_RUN: 'false' }, 'ignore', 'dist/worker.js'));
    if (WORKERS > 0) await sleep(3000);
    const taxiIds = Array.from({ length: TAXIS }, (_, i) => `bench-taxi-${i + 1}`);
    for (const [i, id] of taxiIds.entries()) await registerTaxi(run.base, id, `06${String(20_000_000 + i).slice(-8)}`);
    // The online fleet: registered, declared at the registry, set free through the driver route.
    const online: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < ONLINE_TAXIS; i += 1) {
      const id = `bench-online-${i + 1}`;
      const token = await registerTaxi(run.base, id, `07${String(30_000_000 + i).slice(-8)}`);
      registry.setTaxiStatus(id, 'off');
      await driverCall(run.base, 'PUT', '/operator/driver/status', token, { status: 'free' });
      online.push({ id, token });
    }
    const freeBy = performance.now() + 30_000;
    while (online.some((taxi) => registry.taxiStatusOf(taxi.id) !== 'free') && performance.now() < freeBy) await sleep(100);

    // Warm-up: JIT, connection pools, PostgreSQL caches.
    await Promise.all(taxiIds.slice(0, 20).map((taxiId) => registry.sendHail({ taxiId })));
    await sleep(1000);
    registry.hails.clear();

    const total = RATE * DURATION;
    const sent: Array<Promise<FakeHail>> = [];
    let hailsDone = false;
    const geotaxiBefore = registry.geotaxiBatches().length;
    const positionLoad = online.length > 0 ? drivePositions(run.base, online, () => hailsDone) : Promise.resolve({ ms: [], failed: 0 });
    const started = performance.now();
    // Sends on a fixed schedule (not one after the other), so a slow answer does not slow the rate.
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      sent.push(registry.sendHail({ taxiId: taxiIds[i % taxiIds.length] }));
    }
    const sendSeconds = (performance.now() - started) / 1000;
    const hails = await Promise.all(sent);
    hailsDone = true;
    const positions = await positionLoad;
    // One more forwarder round, then what reached geotaxi.
    await sleep(6000);
    const geotaxi = registry.geotaxiBatches().slice(geotaxiBefore);
    const geotaxiPositions = geotaxi.filter((batch) => batch.answerStatus === 200).reduce((sum, batch) => sum + batch.positions.length, 0);
    const visible = registry.visibleTaxis().filter((id) => id.startsWith('bench-online-')).length;
    // Every hail has its answer; give the last ones the registry's full deadline.
    const settle = performance.now() + DEADLINE_MS + 1000;
    while (performance.now() < settle && hails.some((hail) => hail.status === 'received_by_operator')) await sleep(100);

    const answered = hails.filter((hail) => hail.operatorAnswer?.status === 200);
    const answerMs = hails.map((hail) => hail.answeredAt! - hail.history[0].at).sort((a, b) => a - b);
    const delays = hails
      .filter((hail) => hail.receivedByTaxiAt !== null && hail.answeredAt !== null)
      .map((hail) => hail.receivedByTaxiAt! - hail.answeredAt!)
      .sort((a, b) => a - b);
    const missed = hails.filter((hail) => hail.receivedByTaxiAt === null || hail.receivedByTaxiAt - hail.answeredAt! > DEADLINE_MS).length;
    const earlyRace400 = registry.requests.filter((request) => request.method === 'PUT' && request.answerStatus === 400).length;
    // The domain events go through the transitions outbox: give the relay a moment, then count.
    await sleep(1000);
    const outbox = await countOutbox();
    const drainStarted = performance.now();
    let left = outbox.unpublished;
    while (left > 0 && performance.now() - drainStarted < 60_000) {
      await sleep(250);
      // Decision timeouts keep adding changes: wait for those counted above only.
      left = (await countOutbox(outbox.lastId)).unpublished;
    }
    const drainSeconds = left === 0 ? ((performance.now() - drainStarted) / 1000).toFixed(1) : `> 60 (${left} left)`;

    process.stdout.write(
      `\noperator benchmark: ${total} hails at ${RATE}/s for ${DURATION} s (sent in ${sendSeconds.toFixed(1)} s) to the built app on PostgreSQL, ` +
        `${TAXIS} taxis, ${WORKERS === 0 ? 'processors in the API process' : `API + ${WORKERS} worker process(es)`}, Node ${process.version}\n`,
    );
    console.table([
      {
        measure: 'our 200 -> received_by_taxi at the registry',
        'p50 ms': round(percentile(delays, 50)),
        'p95 ms': round(percentile(delays, 95)),
        'p99 ms': round(percentile(delays, 99)),
        'max ms': round(delays.at(-1) ?? NaN),
        count: delays.length,
      },
      {
        measure: 'registry POST -> our 200 (answer time)',
        'p50 ms': round(percentile(answerMs, 50)),
        'p95 ms': round(percentile(answerMs, 95)),
        'p99 ms': round(percentile(answerMs, 99)),
        'max ms': round(answerMs.at(-1) ?? NaN),
        count: answerMs.length,
      },
      {
        measure: `POST /operator/driver/positions (${online.length} taxis, every ${POSITION_EVERY_S} s)`,
        'p50 ms': round(percentile(positions.ms, 50)),
        'p95 ms': round(percentile(positions.ms, 95)),
        'p99 ms': round(percentile(positions.ms, 99)),
        'max ms': round(positions.ms.at(-1) ?? NaN),
        count: positions.ms.length,
      },
    ]);
    if (online.length > 0) {
      console.table([
        {
          'position POSTs': positions.ms.length + positions.failed,
          'not 202': positions.failed,
          'geotaxi POSTs': geotaxi.length,
          'largest batch': Math.max(0, ...geotaxi.map((batch) => batch.positions.length)),
          'positions taken by geotaxi': geotaxiPositions,
          'online taxis visible at the registry': `${visible} / ${online.length}`,
        },
      ]);
    }
    console.table([
      {
        'hails sent': total,
        'answered 200': answered.length,
        'received_by_taxi in time': total - missed,
        'missed the 10 s deadline': missed,
        'early-race 400s (retried)': earlyRace400,
        'status changes': outbox.transitions,
        'of them not yet in the event store': outbox.unpublished,
        'event store caught up after (s)': drainSeconds,
      },
    ]);
    if (missed > 0 || answered.length !== total) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map(stopProcess));
    await stopProcess(server);
    await registry.close();
    await removeBenchRun(run);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:operator: ${error.message}\n`);
  process.exitCode = 1;
});

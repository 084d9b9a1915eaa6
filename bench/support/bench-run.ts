/**
 * What every benchmark needs around its measurements: a PostgreSQL database and a Redis prefix of
 * its own, the BUILT app (`dist/main.js`, or the worker) started on them, and everything removed
 * afterwards. Traffic goes to 127.0.0.1 only.
 *
 * Knobs shared by all benchmarks: BENCH_DATABASE_URL (an admin URL on the PostgreSQL server to use,
 * default postgres://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (redis://127.0.0.1:6379).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface AutocannonResult {
  /** Seconds the run actually lasted. */
  duration: number;
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  '2xx': number;
  '3xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export type Autocannon = (options: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  /** Requests per second over all connections. */
  overallRate?: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  requests?: Array<Record<string, unknown>>;
  setupClient?: (client: unknown) => void;
}) => Promise<AutocannonResult>;

/** autocannon is CommonJS; loaded through `require` for its plain callable export. */
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface BenchRun {
  /** Names the database and the Redis prefix, e.g. `bench_events_4242`. */
  name: string;
  databaseUrl: string;
  redisUrl: string;
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
}

/** Creates the run's database; `port` defaults to one derived from the pid. */
export async function createBenchRun(module: string, port = 20_000 + (process.pid % 20_000)): Promise<BenchRun> {
  const name = `bench_${module}_${process.pid}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return { name, databaseUrl: url.toString(), redisUrl: REDIS_URL, port, base: `http://127.0.0.1:${port}` };
}

/** Drops the run's database and Redis keys (after its processes stopped). */
export async function removeBenchRun(run: BenchRun): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${run.name}" WITH (FORCE)`).catch(() => undefined);
  const redis = new Redis(run.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.name}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts a built entry point (`dist/main.js`, `dist/worker.js`) in production mode, logging warnings
 * only; `env` adds or overrides variables. CITYMOVE_NODE_ARGS (e.g. `--cpu-prof`) profiles it.
 */
export function startBuilt(entry: string, env: Record<string, string>, output: 'ignore' | 'inherit' = 'ignore'): ChildProcess {
  const nodeArgs = process.env.CITYMOVE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-0123456789abcdef-0123456789',
      DB_MIGRATIONS_RUN: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', output, 'inherit'],
  });
}

/** Starts a built entry point on the run's port, database and Redis prefix. */
export function startBuiltApp(run: BenchRun, env: Record<string, string> = {}, entry = 'dist/main.js'): ChildProcess {
  return startBuilt(entry, {
    PORT: String(run.port),
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: run.redisUrl,
    QUEUE_PREFIX: run.name,
    ...env,
  });
}

/** Waits until `/health` answers 200, failing early if the process exits. */
export async function waitForHealth(server: ChildProcess, at: BenchRun | string, timeoutMs = 60_000): Promise<void> {
  const base = typeof at === 'string' ? at : at.base;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  // Unref'd, so that the grace period does not hold the benchmark open once the child has exited.
  await Promise.race([exited, sleep(15_000, undefined, { ref: false })]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A query on the PostgreSQL server's admin database (CREATE/DROP DATABASE). */
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The p-th percentile (0..100) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

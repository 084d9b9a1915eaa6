import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startFakeRegistry, type FakeHail, type FakeRegistry, type FakeRegistryOptions } from '../fake-registry/fake-registry.js';
import { freePort, startNode, waitForStatus, type RunningProcess } from '../helpers/processes.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { basic, TEST_ADMIN, TEST_EVENTS_CLIENTS, TEST_JWT_SECRET } from '../helpers/test-app.js';
import { databaseUrlFor, runPrefix, TEST_DATABASE_URL } from '../setup/test-environment.js';
import { sleep } from '../helpers/polling.js';

/**
 * What every fault test stands on: the BUILT app (`dist/main.js`, `dist/worker.js`) as processes,
 * a Redis server of the test's own on a free port, a PostgreSQL database of its own on the shared
 * server, a TCP proxy of ours in front of each (to cut, restore and delay them), and the fake
 * registry over loopback. Nothing here stops, flushes or slows the machine's shared services.
 */

export const REGISTRY_API_KEY = 'fault-registry-key';
export const REGISTRY_HEADER = { name: 'X-Registry-Auth', value: 'fault-hail-secret' };
export const adminAuth = () => basic(TEST_ADMIN.user, TEST_ADMIN.password);
export { sleep };

/** A redis-server of our own: started, killed and restarted (empty: no persistence) by PID. */
export class OwnRedis {
  private process: ChildProcess | undefined;
  port = 0;

  async start(port?: number): Promise<void> {
    this.port = port ?? (await freePort());
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis({
        port: this.port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await sleep(50);
      } finally {
        client.disconnect();
      }
    }
  }

  /** Stops it hard and starts a fresh one on the same port: every key is gone. */
  async restartEmpty(): Promise<void> {
    await this.stop();
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

export interface FaultStackOptions {
  /** Environment for every app process, on top of the stack's. */
  env?: Record<string, string>;
  registry?: Partial<FakeRegistryOptions>;
}

export interface AppProcess extends RunningProcess {
  role: 'api' | 'worker';
  port: number;
  url: string;
}

/** One test's world: own Redis and database behind proxies, the fake registry, the app processes. */
export class FaultStack {
  readonly redis = new OwnRedis();
  redisProxy!: TcpProxy;
  databaseProxy!: TcpProxy;
  registry!: FakeRegistry;
  readonly databaseName: string;
  readonly processes: AppProcess[] = [];
  private apiPort = 0;

  constructor(
    readonly name: string,
    private readonly options: FaultStackOptions = {},
  ) {
    this.databaseName = `${runPrefix()}_fault_${name}`.toLowerCase();
  }

  async start(): Promise<void> {
    await this.redis.start();
    this.redisProxy = new TcpProxy('127.0.0.1', this.redis.port);
    await this.redisProxy.start();
    const server = new URL(TEST_DATABASE_URL);
    await adminQuery(`CREATE DATABASE "${this.databaseName}"`);
    this.databaseProxy = new TcpProxy(server.hostname, Number(server.port || 5432));
    await this.databaseProxy.start();
    this.registry = await startFakeRegistry({
      apiKey: REGISTRY_API_KEY,
      hailHeader: REGISTRY_HEADER,
      receivedDeadlineMs: Number(this.options.env?.HAIL_RECEIVED_DEADLINE_MS ?? 10_000),
      decisionTimeoutMs: Number(this.options.env?.HAIL_DECISION_TIMEOUT_MS ?? 30_000),
      ...this.options.registry,
    });
    this.apiPort = await freePort();
    this.registry.setOperatorUrl(`http://127.0.0.1:${this.apiPort}/operator/hails`);
  }

  /** What the app sees: the database and Redis through our proxies. */
  get databaseUrl(): string {
    const url = new URL(databaseUrlFor(this.databaseName));
    url.host = `127.0.0.1:${this.databaseProxy.port}`;
    return url.toString();
  }

  /** The same database straight, for the test's own reads (never through the faulty proxy). */
  get directDatabaseUrl(): string {
    return databaseUrlFor(this.databaseName);
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${this.redisProxy.port}`,
      QUEUE_PREFIX: this.databaseName,
      JWT_SECRET: TEST_JWT_SECRET,
      PASSWORD_HASH_ROUNDS: '4',
      ADMIN_USER: TEST_ADMIN.user,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      EVENTS_CLIENTS: Object.entries(TEST_EVENTS_CLIENTS)
        .map(([client, password]) => `${client}:${password}`)
        .join(','),
      API_TAXI_URL: `${this.registry.url}/`,
      API_TAXI_KEY: REGISTRY_API_KEY,
      HAIL_AUTH_HEADER_NAME: REGISTRY_HEADER.name,
      HAIL_AUTH_HEADER_VALUE: REGISTRY_HEADER.value,
      LOG_LEVEL: 'warn',
      ...this.options.env,
      ...extra,
    };
  }

  /** Starts `dist/main.js` on the stack's one API port and waits for /health to answer 200. */
  async startApi(extra: Record<string, string> = {}): Promise<AppProcess> {
    const port = this.apiPort;
    const running = startNode('dist/main.js', this.env({ PORT: String(port), ...extra }));
    const app: AppProcess = { ...running, role: 'api', port, url: `http://127.0.0.1:${port}` };
    this.processes.push(app);
    try {
      await waitForStatus(`${app.url}/health`, 200, 60_000);
    } catch (error) {
      app.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${running.output().stderr}\n${running.output().stdout.slice(-2000)}`);
    }
    return app;
  }

  /** Starts `dist/worker.js` and waits until it says it runs. */
  async startWorker(extra: Record<string, string> = {}): Promise<AppProcess> {
    const running = startNode('dist/worker.js', this.env({ PORT: '0', ...extra }));
    const app: AppProcess = { ...running, role: 'worker', port: 0, url: '' };
    this.processes.push(app);
    const deadline = Date.now() + 60_000;
    while (!running.output().stdout.includes('worker started')) {
      if (Date.now() > deadline || running.child.exitCode !== null) throw new Error(`worker did not start: ${running.output().stderr}`);
      await sleep(50);
    }
    return app;
  }

  /** kill -9: no shutdown hook runs, leases stay taken until they expire. */
  async kill(app: AppProcess): Promise<void> {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await app.exited;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  async registerTaxi(id: string, phone = '0611223344'): Promise<{ id: string; token: string }> {
    const response = await fetch(`${this.apiUrl}/operator/taxis`, {
      method: 'POST',
      headers: { Authorization: adminAuth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ id, phone_number: phone }),
    });
    if (response.status !== 201) throw new Error(`taxi registration: ${response.status} ${await response.text()}`);
    return { id, token: ((await response.json()) as { token: string }).token };
  }

  /** Reads the test's database straight (not through the proxy). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.directDatabaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    for (const app of this.processes) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await Promise.all(this.processes.map((app) => app.exited));
    await this.registry?.close();
    await this.redisProxy?.cut();
    await this.databaseProxy?.cut();
    await this.redis.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${this.databaseName}" WITH (FORCE)`).catch(() => undefined);
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Hails sent at a steady rate, each one's answer kept: what the registry saw is in `registry.hails`. */
export interface HailLoad {
  sent: Array<Promise<FakeHail>>;
  /** Resolves once every hail of the load has its answer. */
  done: Promise<FakeHail[]>;
  stop(): void;
}

export function sendHails(registry: FakeRegistry, taxiId: string, perSecond: number, durationMs: number): HailLoad {
  const sent: Array<Promise<FakeHail>> = [];
  let stopped = false;
  const started = Date.now();
  const done = (async () => {
    for (let i = 0; !stopped && Date.now() - started < durationMs; i++) {
      const dueAt = started + (i * 1000) / perSecond;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      sent.push(registry.sendHail({ taxiId }));
    }
    return Promise.all(sent);
  })();
  return { sent, done, stop: () => (stopped = true) };
}

/**
 * `{"200": 150, "503 (pool)": 5, "none": 2}`: how our hail endpoint answered, 503s by the reason
 * their message gives (claim lag, pool, in flight, database unavailable).
 */
export function answers(hails: FakeHail[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const hail of hails) {
    let key = String(hail.operatorAnswer?.status ?? 'none');
    const message = (hail.operatorAnswer?.body as { errors?: Array<{ message?: string }> } | undefined)?.errors?.[0]?.message ?? '';
    if (key === '503')
      key += ` (${/waiting .* for a worker/.test(message) ? 'lag' : /connection/.test(message) ? 'pool' : /stored already/.test(message) ? 'in flight' : 'database'})`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export const answered200 = (hails: FakeHail[]) => hails.filter((hail) => hail.operatorAnswer?.status === 200);

/** Acknowledged hails whose received_by_taxi has not (yet) reached the registry. */
export const undelivered = (registry: FakeRegistry, hails: FakeHail[]) =>
  answered200(hails).filter((hail) => !registry.hail(hail.id)!.history.some((step) => step.status === 'received_by_taxi'));

/**
 * Waits until every acknowledged hail is received_by_taxi at the registry, or its window is long
 * gone; answers the ids (and registry statuses) of those that never were.
 */
export async function waitForDeliveries(registry: FakeRegistry, hails: FakeHail[], windowMs: number): Promise<string[]> {
  const latest = Math.max(0, ...answered200(hails).map((hail) => hail.answeredAt ?? 0));
  const until = latest + windowMs + 1000;
  while (undelivered(registry, hails).length > 0 && performance.now() < until) await sleep(100);
  return undelivered(registry, hails).map((hail) => `${hail.id}: ${registry.hail(hail.id)!.status}`);
}

/** The longest wait from our 200 to the registry taking received_by_taxi, in ms. */
export function worstDeliveryMs(registry: FakeRegistry, hails: FakeHail[]): number {
  return Math.round(
    Math.max(0, ...answered200(hails).map((hail) => (registry.hail(hail.id)!.receivedByTaxiAt ?? Infinity) - (hail.answeredAt ?? 0))),
  );
}

/** A figure for docs/operations.md, printed where the test log shows it. */
export function report(figure: string): void {
  process.stdout.write(`[fault figure] ${figure}\n`);
}

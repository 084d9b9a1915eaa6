import { randomBytes } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import supertest from 'supertest';
import { databaseUrlFor, runPrefix, TEST_DATABASE_URL, TEST_REDIS_URL } from '../setup/test-environment.js';
import { DataSource } from 'typeorm';
import { deleteRedisKeys } from './redis-keys.js';
import { sql } from './sql.js';

/** Credentials every test app is booted with. */
export const TEST_ADMIN = { user: 'admin', password: 'admin-secret' };
// carol's password holds colons: Basic credentials split at the first one only (RFC 7617).
export const TEST_EVENTS_CLIENTS = { alice: 'alice-secret', bob: 'bob-secret', carol: 'pa:ss:word' };
export const TEST_JWT_SECRET = 'citymove-test-secret-0123456789abcdef';

export interface TestAppOptions {
  /** Environment variables for this app, on top of the test defaults (`undefined` unsets one). */
  env?: Record<string, string | undefined>;
  /** Run the Bull processors in this app (default true). */
  processors?: boolean;
  /** Extra modules (test-only controllers, fakes) to import beside AppModule. */
  imports?: Array<Type<unknown> | DynamicModule>;
  /** Reuse another test app's database and queue prefix (e.g. to restart after a simulated crash). */
  shareStorageWith?: TestApp;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** A supertest client on the app's HTTP server. */
  http: () => supertest.Agent;
  /** The app's DataSource, for a test's own reads and fixtures. */
  dataSource: DataSource;
  /** Raw SQL on the app's database, written with `$n` placeholders, on either dialect (test/helpers/sql.ts). */
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** The database URL and Bull prefix this app uses (unique to it unless shared). */
  databaseUrl: string;
  queuePrefix: string;
  /** Stops the app; drops its database and Redis keys unless another app shares them. */
  close: () => Promise<void>;
  /** Stops the app only, keeping its storage (for a restart with `shareStorageWith`). */
  stop: () => Promise<void>;
}

let appsInThisFile = 0;

/**
 * PostgreSQL refuses concurrent CREATE DATABASE from one template (SQLSTATE 55006, "source database
 * is being accessed by other users"): parallel test files do exactly that, so retry with jitter.
 */
async function createDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

/** A slow boot's report: its phase, the worker's heap, what the boot logged, what PostgreSQL is busy with. */
async function reportSlowBoot(phase: string, elapsedMs: number, logged: string[]): Promise<void> {
  const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  const lines = [
    `[slow boot] ${elapsedMs} ms, in phase ${phase}, heap ${heapMb} MB`,
    ...logged.slice(-5).map((line) => `  logged: ${line}`),
  ];
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT pid, datname, state, wait_event_type, wait_event, round(extract(epoch FROM now() - query_start)::numeric, 1) AS seconds,
              left(query, 120) AS query
       FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid()`,
    );
    lines.push(JSON.stringify(rows));
  } catch (error) {
    lines.push(`(server not readable: ${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Boots the whole application as `main.ts` does (same module, same Fastify setup) on a database and
 * Bull prefix of its own: PostgreSQL in the e2e project, SQLite in the smoke project (the dialect
 * comes from the project's setup file). Real connections, no mocks.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dialectIsPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
  // A boot slower than 20 s reports its phase, what PostgreSQL is busy with and what the boot logged:
  // how the garbage-collection stalls that workerIdleMemoryLimit now prevents (jest.config.js) were found.
  let phase = 'start';
  const startedAt = Date.now();
  const bootWarnings: string[] = [];
  const watchdog = setInterval(() => void reportSlowBoot(phase, Date.now() - startedAt, bootWarnings), 20_000);
  watchdog.unref();
  // The counter restarts with each test file in a jest worker: the random part keeps a name that a
  // file which timed out before its cleanup left behind from being taken by the worker's next file.
  const storageName = `${runPrefix()}_${process.pid}_${++appsInThisFile}${randomBytes(2).toString('hex')}`.toLowerCase();
  const shared = options.shareStorageWith;
  let databaseUrl: string;
  let queuePrefix: string;
  let sqliteDirectory: string | undefined;
  if (shared) {
    ({ databaseUrl, queuePrefix } = shared);
  } else if (dialectIsPostgres) {
    phase = 'createDatabase';
    await createDatabase(storageName);
    phase = 'imports';
    databaseUrl = databaseUrlFor(storageName);
    queuePrefix = storageName;
  } else {
    // A file, not `:memory:`, so that an app restarted with `shareStorageWith` finds what the first wrote.
    sqliteDirectory = mkdtempSync(join(tmpdir(), `${storageName}-`));
    databaseUrl = `sqlite:${join(sqliteDirectory, 'citymove.sqlite')}`;
    queuePrefix = storageName;
  }

  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DB_MIGRATIONS_RUN: 'true',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    RUN_PROCESSORS: String(options.processors ?? true),
    JWT_SECRET: TEST_JWT_SECRET,
    JWT_TTL: '3600',
    PASSWORD_HASH_ROUNDS: '4',
    // Test files sign up and fail credentials far more often than a person would; the security
    // tests (test/security/) set these low to prove each limit.
    SIGNUP_RATE_LIMIT: '100000/60',
    AUTH_FAILURE_RATE_LIMIT: '100000/60',
    ADMIN_USER: TEST_ADMIN.user,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    EVENTS_CLIENTS: Object.entries(TEST_EVENTS_CLIENTS)
      .map(([name, password]) => `${name}:${password}`)
      .join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }

  const { AppModule } = await import('../../src/app.module.js');
  const { configureApp, createFastifyAdapter } = await import('../../src/app.setup.js');
  const { createAppLogger } = await import('../../src/common/logging/logging.js');
  // Quiet by default: expected 500s would print their stacks. TEST_LOG_LEVEL=error shows them.
  const logLevel = (process.env.TEST_LOG_LEVEL ?? 'fatal') as 'fatal';

  phase = 'compile (DataSource, migrations, providers)';
  const logger = createAppLogger(logLevel);
  // Errors and warnings the boot logs (a refused connection that Nest retries, say) go into a slow
  // boot's report, whatever the log level.
  for (const level of ['error', 'warn'] as const) {
    const write = logger[level].bind(logger);
    logger[level] = (message: unknown, ...optional: unknown[]) => {
      if (bootWarnings.length < 20)
        bootWarnings.push(
          `${level} ${message instanceof Error ? message.message : String(message)} ${optional.map(String).join(' ')}`.slice(0, 400),
        );
      write(message, ...optional);
    };
  }
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ processors: options.processors ?? true }), ...(options.imports ?? [])],
  })
    .setLogger(logger)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter({ logLevel: 'silent', trustProxy: env.TRUST_PROXY === 'true' }),
  );
  phase = 'configure';
  await configureApp(app);
  phase = 'init';
  await app.init();
  phase = 'ready';
  await app.getHttpAdapter().getInstance().ready();
  clearInterval(watchdog);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  const close = async () => {
    await stop();
    if (shared) return;
    if (dialectIsPostgres) await dropDatabase(storageName);
    if (sqliteDirectory !== undefined) rmSync(sqliteDirectory, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      await deleteRedisKeys(redis, queuePrefix);
    } finally {
      redis.disconnect();
    }
  };

  const dataSource = app.get(DataSource);
  return {
    app,
    http: () => supertest.agent(app.getHttpServer()),
    dataSource,
    sql: (text, params) => sql(dataSource, text, params),
    databaseUrl,
    queuePrefix,
    close,
    stop,
  };
}

/** `Authorization` header value for HTTP Basic. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const adminAuth = () => basic(TEST_ADMIN.user, TEST_ADMIN.password);

import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import supertest from 'supertest';
import { databaseUrlFor, runPrefix, TEST_DATABASE_URL, TEST_REDIS_URL } from '../setup/test-environment.js';
import { deleteRedisKeys } from './redis-keys.js';

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
  const storageName = `${runPrefix()}_${process.pid}_${++appsInThisFile}`.toLowerCase();
  const shared = options.shareStorageWith;
  let databaseUrl: string;
  let queuePrefix: string;
  if (shared) {
    ({ databaseUrl, queuePrefix } = shared);
  } else if (dialectIsPostgres) {
    await createDatabase(storageName);
    databaseUrl = databaseUrlFor(storageName);
    queuePrefix = storageName;
  } else {
    databaseUrl = 'sqlite::memory:';
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
    ADMIN_USER: TEST_ADMIN.user,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    EVENTS_CLIENTS: Object.entries(TEST_EVENTS_CLIENTS).map(([name, password]) => `${name}:${password}`).join(','),
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

  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ processors: options.processors ?? true }), ...(options.imports ?? [])],
  })
    .setLogger(createAppLogger(logLevel))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter({ logLevel: 'silent', trustProxy: false }),
  );
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

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
    const redis = new Redis(TEST_REDIS_URL);
    try {
      await deleteRedisKeys(redis, queuePrefix);
    } finally {
      redis.disconnect();
    }
  };

  return { app, http: () => supertest.agent(app.getHttpServer()), databaseUrl, queuePrefix, close, stop };
}

/** `Authorization` header value for HTTP Basic. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const adminAuth = () => basic(TEST_ADMIN.user, TEST_ADMIN.password);

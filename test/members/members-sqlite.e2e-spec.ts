import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { USER_AGENT } from './members-helpers.js';

/**
 * `npm start` serves members from the embedded SQLite database. Entity column types follow the
 * process's DATABASE_URL (PostgreSQL in this project), so the SQLite run is a separate process: the
 * real entry point on `sqlite::memory:`, checked on what differs between the dialects (substring
 * position, collation, window count, NULLS LAST, unique-violation codes, no row locks).
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('members on SQLite (the npm start database)', () => {
  let server: ChildProcess;
  let base: string;
  const queuePrefix = `${runPrefix()}_members_sqlite_${process.pid}`;

  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'user-agent': USER_AGENT,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  const usernames = async (path: string) => ((await (await call(path)).json()) as Array<{ username: string }>).map((m) => m.username);

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: 'sqlite::memory:',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: queuePrefix,
        RUN_PROCESSORS: 'false',
        JWT_SECRET: 'members-sqlite-secret-0123456789',
        PASSWORD_HASH_ROUNDS: '4',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
      if (Date.now() > deadline) throw new Error('the SQLite server did not start within 90 s');
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        /* not listening yet */
      }
      await sleep(250);
    }
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      // An unref'd grace timer: once the server has exited it must not hold the test process for 10 s.
      await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
    }
    const redis = new Redis(TEST_REDIS_URL);
    try {
      await deleteRedisKeys(redis, queuePrefix);
    } finally {
      redis.disconnect();
    }
  });

  it('signs up, refuses duplicates ignoring case (also in parallel), ranks and orders like PostgreSQL', async () => {
    for (const [index, username] of ['andr', 'Andromède', 'andré', 'MisterAndrew', 'alexandre', 'dragon', 'Radon'].entries()) {
      expect(
        (await call('/v1/membres', { method: 'POST', body: { username, email: `s${index}@example.org`, password: 'password-123' } }))
          .status,
      ).toBe(201);
    }
    const duplicate = await call('/v1/membres', {
      method: 'POST',
      body: { username: 'ANDR', email: 'other@example.org', password: 'password-123' },
    });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as { errors: Array<{ field: string }> }).errors[0].field).toBe('username');
    const racers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('/v1/membres', { method: 'POST', body: { username: 'Racer', email: 'racer@example.org', password: 'password-123' } }),
      ),
    );
    expect(racers.filter((response) => response.status === 201)).toHaveLength(1);
    expect(racers.filter((response) => response.status === 409)).toHaveLength(5);

    expect(await usernames('/v1/membres?search=andr')).toEqual(['andr', 'andré', 'Andromède', 'alexandre', 'MisterAndrew']);
    expect(await usernames('/v1/membres?search=Andr')).toEqual(['andr', 'Andromède', 'andré', 'MisterAndrew', 'alexandre']);
    expect(await usernames(`/v1/membres?search=${encodeURIComponent('ANDRÉ')}`)).toEqual(['andré']);
    expect(await usernames('/v1/membres?search=_')).toEqual([]);
    expect(await usernames('/v1/membres?ordering=username')).toEqual([
      'alexandre',
      'andr',
      'Andromède',
      'andré',
      'dragon',
      'MisterAndrew',
      'Racer',
      'Radon',
    ]);
    const page = await call('/v1/membres?perPage=3&page=3');
    expect(page.headers.get('x-total-count')).toBe('8');
    expect(((await page.json()) as unknown[]).length).toBe(2);
    expect((await call('/v1/membres?perPage=3&page=4')).status).toBe(404);
  });

  it('login sets last_visit (ordered with nulls last); PUT honours If-Match; GET answers 304', async () => {
    const login = await call('/v1/login', { method: 'POST', body: { username: 'dragon', password: 'password-123' } });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${((await login.json()) as { access_token: string }).access_token}` };
    expect((await usernames('/v1/membres?ordering=-last_visit'))[0]).toBe('dragon');
    expect((await usernames('/v1/membres?ordering=last_visit'))[0]).toBe('dragon');

    const own = await call('/v1/membres/monprofil', { headers: auth });
    const tag = own.headers.get('etag') ?? '';
    expect((await call('/v1/membres/monprofil', { headers: { ...auth, 'if-none-match': tag } })).status).toBe(304);
    const updated = await call('/v1/membres', {
      method: 'PUT',
      headers: { ...auth, 'if-match': tag },
      body: { biography: 'on SQLite', site: '' },
    });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as { biography: string; site: null }).biography).toBe('on SQLite');
    expect((await call('/v1/membres', { method: 'PUT', headers: { ...auth, 'if-match': tag }, body: { biography: 'stale' } })).status).toBe(
      412,
    );
    expect((await call('/v1/membres', { method: 'PUT', headers: auth, body: { username: 'RADON' } })).status).toBe(409);

    // One connection on SQLite: parallel PUTs must queue, not nest their transactions.
    const current = (await call('/v1/membres/monprofil', { headers: auth })).headers.get('etag') ?? '';
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call('/v1/membres', { method: 'PUT', headers: { ...auth, 'if-match': current }, body: { sign: `race-${i}` } }),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([200, 412, 412, 412, 412]);
    const free = await Promise.all(
      Array.from({ length: 5 }, (_, i) => call('/v1/membres', { method: 'PUT', headers: auth, body: { sign: `free-${i}` } })),
    );
    expect(free.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

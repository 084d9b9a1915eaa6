import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode, waitForStatus, type RunningProcess } from '../helpers/processes.js';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { forgeJwt, OLD_DEVELOPMENT_SECRET, realClaims } from './forge.js';

/**
 * `npm start` as a newcomer runs it: `node dist/main.js` with no JWT_SECRET, no DATABASE_URL (the
 * SQLite file under ./data), no NODE_ENV, in a directory of its own. Nothing anyone can read in
 * the source, nor any fixed string, signs a token it accepts; its own tokens survive a restart.
 */
describe('security: out of the box (npm start)', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-npm-start-'));
  const queuePrefix = `${runPrefix()}_out_of_the_box`;
  const main = resolve('dist/main.js');
  const running: RunningProcess[] = [];

  afterAll(async () => {
    for (const server of running) server.child.kill('SIGKILL');
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  });

  /** Only what a test run must isolate: the port, and Redis keys apart from other runs. */
  async function start(): Promise<{ server: RunningProcess; base: string }> {
    const port = await freePort();
    const server = startNode(main, { PORT: String(port), REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix }, { cwd: workdir });
    running.push(server);
    try {
      await waitForStatus(`http://127.0.0.1:${port}/health`, 200, 60_000);
    } catch (error) {
      server.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${server.output().stderr}`);
    }
    return { server, base: `http://127.0.0.1:${port}` };
  }

  async function stop(server: RunningProcess): Promise<void> {
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }

  const members = (base: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { 'User-Agent': 'citymove-security-tests', 'Content-Type': 'application/json', ...init.headers },
    });
  const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

  it('refuses tokens signed with the old development secret or any fixed string, and keeps its own across a restart', async () => {
    const { server, base } = await start();
    expect(existsSync(join(workdir, 'data', 'citymove.sqlite'))).toBe(true);

    const signUp = await members(base, '/v1/membres', {
      method: 'POST',
      body: JSON.stringify({ username: 'newcomer', email: 'newcomer@example.org', password: 'password-123' }),
    });
    expect(signUp.status).toBe(201);
    const { id } = (await signUp.json()) as { id: number };
    const login = await members(base, '/v1/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'newcomer', password: 'password-123' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    expect((await members(base, '/v1/membres/monprofil', bearer(token))).status).toBe(200);

    const parkingSignUp = await fetch(`${base}/parking/user`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ first_name: 'N', last_name: 'C', email: 'newcomer@example.org', password: 'password123' }),
    });
    const { id: parkingId } = (await parkingSignUp.json()) as { id: number };

    const refusesForgeries = async (at: string, secret: string) => {
      const member = await members(at, '/v1/membres/monprofil', bearer(forgeJwt(realClaims('member', id), secret)));
      expect(member.status).toBe(401);
      const parking = await fetch(`${at}/parking/me`, bearer(forgeJwt(realClaims('parking', parkingId), secret)));
      expect(parking.status).toBe(401);
    };
    await refusesForgeries(base, OLD_DEVELOPMENT_SECRET);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 0, maxLength: 80 }), (secret) => refusesForgeries(base, secret)),
      { numRuns: 30 },
    );
    // The key it used instead: random, kept where only its owner reads it.
    expect(statSync(join(workdir, 'data', 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(server.output().stdout).toContain('JWT_SECRET is not set: the JWT secret was generated and kept in');
    await stop(server);

    const restarted = await start();
    expect((await members(restarted.base, '/v1/membres/monprofil', bearer(token))).status).toBe(200);
    await refusesForgeries(restarted.base, OLD_DEVELOPMENT_SECRET);
    await stop(restarted.server);
  });
});

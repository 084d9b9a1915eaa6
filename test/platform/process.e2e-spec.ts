import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode, waitForStatus } from '../helpers/processes.js';

/**
 * The built entry points (`npm test` builds first), started as an operator starts them: what they
 * print and how they exit. On an SQLite file, so each run has its own database.
 */
describe('processes', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-process-'));
  const queuePrefix = `${runPrefix()}_process`;
  const baseEnv = () => ({
    DATABASE_URL: `sqlite:${join(workdir, `db-${Math.random().toString(36).slice(2)}.sqlite`)}`,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'warn',
  });

  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  });

  it('is built', () => {
    expect(existsSync('dist/main.js')).toBe(true);
    expect(existsSync('dist/worker.js')).toBe(true);
  });

  it('refuses an invalid configuration with one line per variable and exit code 1', async () => {
    const server = startNode('dist/main.js', { ...baseEnv(), PORT: 'eighty', JWT_TTL: '-1', NODE_ENV: 'production' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    const lines = server.output().stderr.trim().split('\n');
    expect(lines).toEqual([
      'citymove: invalid configuration: JWT_SECRET: required when NODE_ENV=production',
      'citymove: invalid configuration: PORT: must be an integer from 0 to 65535, got "eighty"',
      'citymove: invalid configuration: JWT_TTL: must be an integer from 1 to 31536000, got "-1"',
    ]);
  });

  it('exits non-zero within 5 s with one line when Redis is unreachable', async () => {
    const server = startNode('dist/main.js', { ...baseEnv(), REDIS_URL: 'redis://127.0.0.1:1', PORT: String(await freePort()) });
    const { code, ms } = await server.exited;
    expect(code).toBe(1);
    expect(ms).toBeLessThan(5000);
    const lines = server.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(lines[0]).toContain('docker compose up -d redis');
  });

  it('serves /health, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const server = startNode('dist/main.js', { ...baseEnv(), PORT: String(port) });
    try {
      await waitForStatus(`http://127.0.0.1:${port}/health`, 200);
    } catch (error) {
      server.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${server.output().stderr}`);
    }
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('listens only on the address HOST names', async () => {
    // 127.0.0.2 is loopback too, but a socket bound to it is not reachable on 127.0.0.1.
    const port = await freePort();
    const server = startNode('dist/main.js', { ...baseEnv(), PORT: String(port), HOST: '127.0.0.2' });
    try {
      await waitForStatus(`http://127.0.0.2:${port}/health`, 200);
      expect(server.output().stdout).toContain(`citymove listening on http://127.0.0.2:${port}`);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('runs a worker with no HTTP server, which also exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const worker = startNode('dist/worker.js', { ...baseEnv(), PORT: String(port) });
    const deadline = Date.now() + 30_000;
    while (!worker.output().stdout.includes('worker started') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(worker.output().stdout).toContain('citymove worker started');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it.each([
    ["ioredis' 'Connection is closed.' (Bull's clients being disconnected): exit 0", 'Connection is closed.', 0],
    ['anything else: exit 1', 'something broke', 1],
  ])('a rejection nobody handles while closing, %s', async (_case, rejection, expectedCode) => {
    const child = startNode('test/fixtures/shutdown-with-rejection.mjs', { REJECTION: rejection });
    const deadline = Date.now() + 10_000;
    while (!child.output().stdout.includes('ready') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.child.kill('SIGTERM');
    const { code } = await child.exited;
    expect(code).toBe(expectedCode);
    if (expectedCode === 1) expect(child.output().stdout + child.output().stderr).toContain('unhandled rejection while shutting down');
  });
});

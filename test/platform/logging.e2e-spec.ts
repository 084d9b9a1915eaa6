import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode, waitForStatus } from '../helpers/processes.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface LogLine {
  level: string;
  time: string;
  msg: string;
  reqId?: string;
  context?: string;
  module?: string;
}

/**
 * What a log shipper reads from `dist/main.js`: every line one JSON object in one shape (Nest's and
 * Fastify's alike), the request id on request lines, no credential, and a short start-up at info.
 */
describe('logs', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-logs-'));
  const queuePrefix = `${runPrefix()}_logs`;

  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  });

  async function runServer(level: string, requests: (base: string) => Promise<void>): Promise<LogLine[]> {
    const port = await freePort();
    const server = startNode('dist/main.js', {
      DATABASE_URL: `sqlite:${join(workdir, `${level}.sqlite`)}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: level,
      PORT: String(port),
      ADMIN_USER: 'admin',
      ADMIN_PASSWORD: 'admin-password-never-logged',
    });
    try {
      await waitForStatus(`http://127.0.0.1:${port}/health`, 200);
      await requests(`http://127.0.0.1:${port}`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const { stdout, stderr } = server.output();
    expect(stderr).toBe('');
    return stdout
      .trim()
      .split('\n')
      .map((line) => {
        try {
          return JSON.parse(line) as LogLine;
        } catch {
          throw new Error(`not a JSON line: ${line}`);
        }
      });
  }

  it('writes every line in one JSON shape, with the request id and without credentials', async () => {
    const lines = await runServer('info', async (base) => {
      await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-me-42' } });
      const refused = await fetch(`${base}/queues`, {
        headers: { authorization: `Basic ${Buffer.from('admin:guessed-password-xyz').toString('base64')}` },
      });
      expect(refused.status).toBe(401);
    });
    for (const line of lines) {
      expect(LEVELS).toContain(line.level);
      expect(line.time).toMatch(ISO_8601);
      expect(typeof line.msg).toBe('string');
    }
    const traced = lines.filter((line) => line.reqId === 'trace-me-42');
    expect(traced.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    const text = JSON.stringify(lines);
    for (const secret of [
      'admin-password-never-logged',
      'guessed-password-xyz',
      Buffer.from('admin:guessed-password-xyz').toString('base64'),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('says at info one line per module at start-up; the detail is at debug', async () => {
    const info = await runServer('info', async () => {});
    const startUp = info.filter((line) => !line.reqId);
    expect(startUp.filter((line) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(line.context ?? ''))).toEqual([]);
    const modules = startUp.filter((line) => line.module !== undefined).map((line) => line.module);
    expect(modules).toEqual(expect.arrayContaining(['EventsModule', 'MembersModule', 'OperatorModule', 'MobilityModule', 'ParkingModule']));
    expect(new Set(modules).size).toBe(modules.length);
    expect(startUp.length).toBeLessThan(25);
    expect(startUp.some((line) => line.msg.startsWith('citymove listening on http://127.0.0.1:'))).toBe(true);

    const debug = await runServer('debug', async () => {});
    const detail = debug.filter((line) => line.context === 'InstanceLoader');
    expect(detail.length).toBeGreaterThan(10);
    expect(new Set(detail.map((line) => line.level))).toEqual(new Set(['debug']));
  });
});

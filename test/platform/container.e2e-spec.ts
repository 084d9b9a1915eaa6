import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// js-yaml comes with @nestjs/swagger, a production dependency.
import { load as loadYaml } from 'js-yaml';
import { Redis } from 'ioredis';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode, waitForStatus } from '../helpers/processes.js';

/**
 * YAML merge keys (`<<: *anchor`), which Compose applies and js-yaml 5 (YAML 1.2) leaves as keys:
 * a shallow merge, the mapping's own keys winning, as YAML 1.1 defines it.
 */
function applyMergeKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(applyMergeKeys);
  if (node === null || typeof node !== 'object') return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const bases = (merged === undefined ? [] : Array.isArray(merged) ? merged : [merged]).map(applyMergeKeys) as object[];
  const resolved = Object.fromEntries(Object.entries(own).map(([key, value]) => [key, applyMergeKeys(value)]));
  return Object.assign({}, ...bases.reverse(), resolved);
}

interface ComposeService {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

/**
 * The container image and the compose profile, checked without a Docker engine (none runs here):
 * what the Dockerfile copies exists, the runtime stage is unprivileged and health-checked, the
 * entry points it names are built, its health check command really tells a live API from a dead one,
 * and the compose profile wires migrations, API and worker the way docs/deployment.md says.
 */
describe('container image and compose profile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const compose = applyMergeKeys(loadYaml(readFileSync('docker-compose.yml', 'utf8'))) as { services: Record<string, ComposeService> };
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-container-'));
  const queuePrefix = `${runPrefix()}_container`;

  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  });

  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in stages and runs as a non-root user with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/npm (ci|install)(?![^\n]*--omit=dev)/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/--from=production-dependencies[^\n]*node_modules/);
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
  });

  it('copies only files that exist and names entry points the build produces', () => {
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) \S+$/gm)) {
      for (const source of sources.split(/\s+/)) expect({ source, exists: existsSync(source) }).toEqual({ source, exists: true });
    }
    for (const entry of ['dist/main.js', 'dist/worker.js', 'dist/migrate.js']) expect(existsSync(entry)).toBe(true);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const path of ['node_modules', 'dist', '.env', '.git', 'data']) expect(ignored).toContain(path);
  });

  it('has a health check command that passes on a live API and fails once it is gone', async () => {
    const command = JSON.parse(/^\s+CMD (\[.*\])$/m.exec(runtime)![1]) as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    const port = await freePort();
    const check = () => spawnSync(process.execPath, ['-e', command[2]], { env: { PORT: String(port) }, timeout: 10_000 }).status;
    const server = startNode('dist/main.js', {
      DATABASE_URL: `sqlite:${join(workdir, 'health.sqlite')}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'warn',
      PORT: String(port),
    });
    try {
      await waitForStatus(`http://127.0.0.1:${port}/health`, 200);
      expect(check()).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(check()).toBe(1);
  });

  it('migrates once as a release step, then finds the schema up to date', () => {
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(workdir, 'migrate.sqlite')}` };
    const first = spawnSync(process.execPath, ['dist/migrate.js'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThanOrEqual(5);
    const second = spawnSync(process.execPath, ['dist/migrate.js'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ msg: 'migrations: the schema is up to date', applied: [] });
    const refused = spawnSync(process.execPath, ['dist/migrate.js'], { env: { ...env, DATABASE_URL: 'mysql://x' }, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^citymove migrate: invalid configuration: DATABASE_URL: /);
  });

  it("runs migrations, an API and a worker in compose's app profile", () => {
    const { migrate, api, worker } = compose.services;
    for (const service of [migrate, api, worker]) {
      expect(service.profiles).toEqual(['app']);
      expect(service.environment).toMatchObject({ NODE_ENV: 'production', DB_MIGRATIONS_RUN: 'false' });
      // No default secret in the file: compose refuses to start without one.
      expect(service.environment!.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    }
    expect(migrate.command).toEqual(['node', 'dist/migrate.js']);
    expect(api.environment!.RUN_PROCESSORS).toBe('false');
    expect(api.depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(worker.command).toEqual(['node', 'dist/worker.js']);
    expect(worker.healthcheck).toEqual({ disable: true });
    expect(worker.depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    // Without the profile, `docker compose up -d` still starts only PostgreSQL and Redis.
    const unprofiled = Object.entries(compose.services)
      .filter(([, service]) => !service.profiles)
      .map(([name]) => name);
    expect(unprofiled.sort()).toEqual(['postgres', 'redis']);
  });
});

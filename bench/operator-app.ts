import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Shared by `bench/operator.bench.ts` and `scripts/demo.ts`: the built citymove as a child process. */

export const OPERATOR_ADMIN = { user: 'admin', password: 'operator-admin-secret' };
export const adminHeader = () => `Basic ${Buffer.from(`${OPERATOR_ADMIN.user}:${OPERATOR_ADMIN.password}`).toString('base64')}`;

export function startCitymove(env: Record<string, string>, output: 'ignore' | 'inherit' = 'ignore', entry = 'dist/main.js'): ChildProcess {
  // CITYMOVE_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the app under load.
  const nodeArgs = process.env.CITYMOVE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'operator-bench-secret-0123456789abcdef',
      ADMIN_USER: OPERATOR_ADMIN.user,
      ADMIN_PASSWORD: OPERATOR_ADMIN.password,
      DB_MIGRATIONS_RUN: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', output, 'inherit'],
  });
}

export async function waitForHealth(server: ChildProcess, base: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`citymove exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`citymove did not become healthy within ${timeoutMs / 1000} s`);
}

export async function stopCitymove(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (server.exitCode === null) server.kill('SIGKILL');
}

/** Registers a taxi through the admin route; returns its driver token. */
export async function registerTaxi(base: string, id: string, phone: string): Promise<string> {
  const response = await fetch(`${base}/operator/taxis`, {
    method: 'POST',
    headers: { Authorization: adminHeader(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, phone_number: phone, driver_name: `Driver ${id}` }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || !body.token) throw new Error(`taxi ${id}: registration answered ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

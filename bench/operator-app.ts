import type { ChildProcess } from 'node:child_process';
import { startBuilt } from './support/bench-run.js';

/** Shared by `bench/operator.bench.ts` and `scripts/demo.ts`: citymove with an operator admin, a taxi. */

export const OPERATOR_ADMIN = { user: 'admin', password: 'operator-admin-secret' };
export const adminHeader = () => `Basic ${Buffer.from(`${OPERATOR_ADMIN.user}:${OPERATOR_ADMIN.password}`).toString('base64')}`;

/** The built citymove with the operator admin's credentials. */
export function startCitymove(env: Record<string, string>, output: 'ignore' | 'inherit' = 'ignore', entry = 'dist/main.js'): ChildProcess {
  return startBuilt(entry, { ADMIN_USER: OPERATOR_ADMIN.user, ADMIN_PASSWORD: OPERATOR_ADMIN.password, ...env }, output);
}

/** Registers a taxi through the admin route; returns its driver token. */
export async function registerTaxi(base: string, id: string, phone: string): Promise<string> {
  const response = await fetch(`${base}/operator/taxis`, {
    method: 'POST',
    headers: { Authorization: adminHeader(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, phone_number: phone, driver_name: `Driver ${id}` }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || !body.token)
    throw new Error(`taxi ${id}: registration answered ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

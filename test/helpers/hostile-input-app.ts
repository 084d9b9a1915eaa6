import type { AddressInfo } from 'node:net';
import { TableSnapshots } from './table-snapshot.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface HostileInputApp {
  testApp: TestApp;
  /** The port it listens on (raw requests bypass supertest's encoding). */
  port: number;
  /** Every table, to prove a refused request changed nothing. */
  snapshots: TableSnapshots;
}

/**
 * The app the hostile-input suites send their requests to: listening on loopback, with the
 * registry header configured, and no worker (its registry calls would leave the machine). Accepted
 * hails therefore wait, and the webhook's back-pressure 503 is the fault suite's subject, not theirs.
 */
export async function startHostileInputApp(registryHeader: { name: string; value: string }): Promise<HostileInputApp> {
  const testApp = await createTestApp({
    processors: false,
    env: {
      HAIL_AUTH_HEADER_NAME: registryHeader.name,
      HAIL_AUTH_HEADER_VALUE: registryHeader.value,
      HAIL_ADMISSION_MAX_LAG_MS: '3600000',
    },
  });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  return { testApp, port, snapshots: await TableSnapshots.open(testApp) };
}

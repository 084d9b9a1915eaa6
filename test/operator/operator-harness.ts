import type { AddressInfo } from 'node:net';
import { adminAuth, createTestApp, type TestApp, type TestAppOptions } from '../helpers/test-app.js';
import { startFakeRegistry, type FakeRegistry, type FakeRegistryOptions } from '../fake-registry/fake-registry.js';

export const REGISTRY_API_KEY = 'registry-api-key-for-tests';
export const REGISTRY_HEADER = { name: 'X-Registry-Auth', value: 'hail-header-secret' };

export interface OperatorHarness {
  testApp: TestApp;
  registry: FakeRegistry;
  /** Our hail endpoint, as the registry calls it. */
  operatorUrl: string;
  registerTaxi(id?: string, phone?: string): Promise<{ id: string; token: string; phone: string }>;
  close(): Promise<void>;
}

let taxiCounter = 0;

/**
 * The operator app listening on loopback, and the fake registry it talks to: the registry posts
 * hails to our endpoint, we PUT to it. Timings are scaled down through `env` and `registry`.
 */
export async function startOperatorHarness(
  options: {
    env?: Record<string, string>;
    registry?: Partial<FakeRegistryOptions>;
    app?: Partial<TestAppOptions>;
    existingRegistry?: FakeRegistry;
  } = {},
): Promise<OperatorHarness> {
  const env = {
    HAIL_RECEIVED_DEADLINE_MS: '2000',
    HAIL_DECISION_TIMEOUT_MS: '1500',
    HAIL_POLL_MS: '50',
    ...options.env,
  };
  const registry =
    options.existingRegistry ??
    (await startFakeRegistry({
      apiKey: REGISTRY_API_KEY,
      hailHeader: REGISTRY_HEADER,
      // A base URL with a path proves the client joins paths instead of replacing them.
      basePath: '/api/v1',
      receivedDeadlineMs: Number(env.HAIL_RECEIVED_DEADLINE_MS),
      decisionTimeoutMs: Number(env.HAIL_DECISION_TIMEOUT_MS),
      ...options.registry,
    }));
  const testApp = await createTestApp({
    ...options.app,
    env: {
      API_TAXI_URL: `${registry.url}/`,
      API_TAXI_KEY: REGISTRY_API_KEY,
      HAIL_AUTH_HEADER_NAME: REGISTRY_HEADER.name,
      HAIL_AUTH_HEADER_VALUE: REGISTRY_HEADER.value,
      ...env,
    },
  });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  const operatorUrl = `http://127.0.0.1:${port}/operator/hails`;
  registry.setOperatorUrl(operatorUrl);

  return {
    testApp,
    registry,
    operatorUrl,
    async registerTaxi(id = `taxi-${process.pid}-${++taxiCounter}`, phone = `06${String(10_000_000 + taxiCounter).slice(-8)}`) {
      const response = await testApp.http().post('/operator/taxis').set('Authorization', adminAuth()).send({ id, phone_number: phone });
      if (response.status !== 201) throw new Error(`taxi registration failed: ${response.status} ${JSON.stringify(response.body)}`);
      return { id, token: response.body.token as string, phone };
    },
    async close() {
      await testApp.close();
      if (!options.existingRegistry) await registry.close();
    },
  };
}

export { eventually, sleep } from '../helpers/polling.js';

import { startFakeRegistry } from './fake-registry.js';

/**
 * The fake api.taxi registry on its own (`npm run fake-registry`), for trying the operator by hand:
 *
 *   PORT=4100 OPERATOR_URL=http://127.0.0.1:3000/operator/hails API_TAXI_KEY=key npm run fake-registry
 *   curl -XPOST localhost:4100/_fake/hails -d '{"taxi_id":"kF9XkQ2"}'
 *
 * and run citymove with API_TAXI_URL=http://127.0.0.1:4100 API_TAXI_KEY=key.
 */
const env = process.env;
const headerName = env.HAIL_AUTH_HEADER_NAME;
const headerValue = env.HAIL_AUTH_HEADER_VALUE;

const registry = await startFakeRegistry({
  port: Number(env.PORT ?? 4100),
  operatorUrl: env.OPERATOR_URL ?? 'http://127.0.0.1:3000/operator/hails',
  apiKey: env.API_TAXI_KEY ?? 'fake-registry-key',
  hailHeader: headerName && headerValue ? { name: headerName, value: headerValue } : undefined,
  receivedDeadlineMs: Number(env.HAIL_RECEIVED_DEADLINE_MS ?? 10_000),
  decisionTimeoutMs: Number(env.HAIL_DECISION_TIMEOUT_MS ?? 30_000),
  customer: (env.FAKE_CUSTOMER as 'accept' | 'decline' | 'none' | undefined) ?? 'accept',
  controlRoutes: true,
});
process.stdout.write(
  `fake api.taxi registry on ${registry.url} (X-Api-Key ${env.API_TAXI_KEY ?? 'fake-registry-key'}); POST /_fake/hails {"taxi_id"} to send a hail\n`,
);

const stop = async () => {
  await registry.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

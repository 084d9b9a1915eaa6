import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { adminAuth, basic, createTestApp, TestApp } from '../helpers/test-app.js';
import { onPostgresOnly } from '../helpers/sql.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { freePort, startNode } from '../helpers/processes.js';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { acknowledge, append, consume, envelope, jsonBody } from '../events/events-helpers.js';
import { createBike, PARIS } from '../mobility/mobility-fixtures.js';
import { eventually, startOperatorHarness, type OperatorHarness } from '../operator/operator-harness.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** One series' value in a Prometheus text exposition, or undefined when the series is absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => testApp.close());

  it('answers only the metrics token or the admin, with a challenge naming both', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', basic('admin', 'wrong'), `Bearer ${METRICS_TOKEN}x`, 'Token x']) {
      const request = testApp.http().get('/metrics');
      const response = await (authorization === undefined ? request : request.set('Authorization', authorization));
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(response.headers['www-authenticate']).toBe('Basic realm="admin", charset="UTF-8", Bearer realm="metrics"');
      expect(response.body.errors[0].code).toBe(401);
    }
    for (const authorization of [`Bearer ${METRICS_TOKEN}`, adminAuth()]) {
      const response = await testApp.http().get('/metrics').set('Authorization', authorization);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('times requests by matched route and status, never by raw URL', async () => {
    await testApp.http().get('/api/v1/streams/orders/events?eventName=x').expect(401);
    await testApp.http().get('/api/v1/streams/orders/events?eventName=x').expect(401);
    await testApp.http().get('/no/such/path/7f3a9c').expect(404);
    await testApp.http().get('/health').expect(200);
    const { text } = await testApp.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);

    const appends = 'citymove_http_request_duration_seconds_count{method="GET",route="/api/v1/streams/:streamName/events",status="401"}';
    expect(sample(text, appends)).toBe(2);
    expect(sample(text, 'citymove_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(sample(text, 'citymove_http_request_duration_seconds_count{method="GET",route="/health",status="200"}')).toBe(1);
    expect(text).not.toContain('7f3a9c');
    expect(text).not.toContain('orders');
    expect(text).toMatch(/citymove_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health",status="200"\} \d/);
    // The scrape itself is in flight while it is rendered.
    expect(sample(text, 'citymove_http_requests_in_flight')).toBe(1);
  });

  it('counts each request once, under its method, matched route and status, whatever the mix', async () => {
    // Each kind of request and the route label it must be counted under.
    const kinds = {
      health: { method: 'GET', path: () => '/health', route: '/health' },
      healthHead: { method: 'HEAD', path: () => '/health', route: '/health' },
      feed: { method: 'GET', path: () => '/mobility/gbfs/gbfs.json', route: '/mobility/gbfs/gbfs.json' },
      refusedAppend: { method: 'POST', path: () => '/api/v1/streams/orders/events', route: '/api/v1/streams/:streamName/events' },
      unknownPath: { method: 'GET', path: (n: number) => `/no/such/path/${n}`, route: 'unmatched' },
      overLongUnknownUrl: { method: 'GET', path: (n: number) => `/no/such/path/${n}?pad=${'x'.repeat(9000)}`, route: 'unmatched' },
      undecodableParameter: {
        method: 'GET',
        path: (n: number) => `/api/v1/streams/%E0%A4%A${n}/events`,
        route: '/api/v1/streams/:streamName/events',
      },
      overLongUrl: {
        method: 'GET',
        path: (n: number) => `/mobility/gbfs/gbfs.json?pad=${'x'.repeat(9000)}${n}`,
        route: '/mobility/gbfs/gbfs.json',
      },
    } as const;
    const count = (text: string, method: string, route: string, status: number) =>
      sample(text, `citymove_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`) ?? 0;
    const scrape = async () => (await testApp.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...(Object.keys(kinds) as Array<keyof typeof kinds>)), fc.nat()), { maxLength: 12 }),
        async (requests) => {
          const before = await scrape();
          const sent = new Map<string, { method: string; route: string; status: number; times: number }>();
          await Promise.all(
            requests.map(async ([name, n]) => {
              const kind = kinds[name];
              const verb = kind.method === 'HEAD' ? 'head' : kind.method === 'POST' ? 'post' : 'get';
              const response = await testApp.http()[verb](kind.path(n));
              const key = `${kind.method} ${kind.route} ${response.status}`;
              const seen = sent.get(key) ?? { method: kind.method, route: kind.route, status: response.status, times: 0 };
              seen.times += 1;
              sent.set(key, seen);
            }),
          );
          const after = await scrape();
          for (const { method, route, status, times } of sent.values()) {
            expect({ method, route, status, counted: count(after, method, route, status) - count(before, method, route, status) }).toEqual({
              method,
              route,
              status,
              counted: times,
            });
          }
          // The scrapes themselves are counted too, and nothing else was asked.
          const total = (text: string) =>
            text
              .split('\n')
              .filter((line) => line.startsWith('citymove_http_request_duration_seconds_count{'))
              .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
          expect(total(after) - total(before)).toBe(requests.length + 1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("reports the event loop's lag and the process", async () => {
    const { text } = await testApp.http().get('/metrics').set('Authorization', adminAuth()).expect(200);
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(sample(text, name)).toEqual(expect.any(Number));
    }
  });

  onPostgresOnly("the connection pool is node-postgres's; SQLite has one embedded connection")('reports the database pool', async () => {
    const { text } = await testApp.http().get('/metrics').set('Authorization', adminAuth()).expect(200);
    // The pool is there, with at least the connection that served /health.
    expect(sample(text, 'citymove_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'citymove_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(text, 'citymove_db_pool_max_connections')).toBe(20);
  });
});

describe("the modules' metrics", () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => testApp.close());

  const scrape = async () => (await testApp.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  it('counts appends, stream heads and how far each consumer lags, from the store itself', async () => {
    expect(sample(await scrape(), 'citymove_events_appended_total')).toBe(0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(jsonBody(await append(testApp.http(), 'metrics.orders', 'shop-1').expect(200)) as string);
    await append(testApp.http(), 'metrics.orders', 'shop-1', envelope({ event: { name: 'OrderShipped', version: 1 } })).expect(200);
    await consume(testApp.http(), 'metrics.orders', 'billing').expect(200);
    await acknowledge(testApp.http(), 'metrics.orders', ids[1], 'billing').expect(200);

    const text = await scrape();
    expect(sample(text, 'citymove_events_appended_total')).toBe(6);
    expect(sample(text, 'citymove_events_stream_head_sequence{stream="metrics.orders",event_name="OrderPlaced"}')).toBe(5);
    expect(sample(text, 'citymove_events_stream_head_sequence{stream="metrics.orders",event_name="OrderShipped"}')).toBe(1);
    expect(sample(text, 'citymove_events_consumer_lag{stream="metrics.orders",event_name="OrderPlaced",consumer="billing"}')).toBe(3);
  });

  it('counts the fleet by status', async () => {
    await createBike(testApp, PARIS.lon, PARIS.lat);
    await createBike(testApp, PARIS.lon, PARIS.lat);
    await createBike(testApp, PARIS.lon, PARIS.lat, 'non_operational');
    const text = await scrape();
    expect(sample(text, 'citymove_gbfs_vehicles{status="available"}')).toBe(2);
    expect(sample(text, 'citymove_gbfs_vehicles{status="non_operational"}')).toBe(1);
    expect(sample(text, 'citymove_gbfs_vehicles{status="on_trip"}')).toBe(0);
    expect(text).not.toMatch(/^citymove_metrics_collect_failures_total\{/m);
  });
});

describe('durable work and the registry deadlines', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    // A long decision window: the decision timeout stays pending while the test reads it.
    harness = await startOperatorHarness({ env: { METRICS_TOKEN, HAIL_DECISION_TIMEOUT_MS: '60000' } });
  });
  afterAll(() => harness.close());

  const scrape = async () =>
    (await harness.testApp.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  it('counts each registry update by its outcome, and shows what durable work is waiting', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi');
    // The count follows the commit of what received_by_taxi makes due (the decision timeout).
    const text = await eventually(
      async () => {
        const scraped = await scrape();
        return sample(scraped, 'citymove_hail_registry_updates_total{status="received_by_taxi",outcome="in_time"}') === 1
          ? scraped
          : undefined;
      },
      5000,
      'received_by_taxi counted',
    );
    expect(sample(text, 'citymove_due_work_items{kind="hail.decision-timeout",state="pending"}')).toBe(1);
    expect(sample(text, 'citymove_due_work_items{kind="hail.decision-timeout",state="due"}')).toBe(0);
    expect(sample(text, 'citymove_due_work_oldest_due_seconds{kind="hail.decision-timeout"}')).toBe(0);
    expect(text).toContain('# TYPE citymove_parking_lock_in_lateness_seconds histogram');
  });
});

describe('a worker on METRICS_PORT', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'citymove-worker-metrics-'));
  const queuePrefix = `${runPrefix()}_worker_metrics`;

  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, queuePrefix);
    redis.disconnect();
  });

  it('serves its own metrics, behind the same credentials', async () => {
    const port = await freePort();
    const worker = startNode('dist/worker.js', {
      DATABASE_URL: `sqlite:${join(workdir, 'worker.sqlite')}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'warn',
      METRICS_PORT: String(port),
      METRICS_TOKEN,
    });
    try {
      const deadline = Date.now() + 30_000;
      while (!worker.output().stdout.includes('worker started') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(worker.output().stdout).toContain(`citymove worker started: processing queues (metrics on port ${port})`);

      const refused = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer realm="metrics"');
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(sample(text, 'process_cpu_seconds_total')).toEqual(expect.any(Number));
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect((await worker.exited).code).toBe(0);
  });
});

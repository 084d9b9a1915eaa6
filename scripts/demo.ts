/**
 * `npm run demo`: the operator end to end, then bike sharing, on this machine only. Starts the fake api.taxi registry
 * and the built citymove (`dist/main.js`, embedded SQLite in a temporary file), registers a taxi and
 * takes it online (`free` at the registry), has the registry send three hails, and a scripted driver
 * answers them: the first is accepted and ridden to `finished`, the second declined, the third left
 * unanswered until `timeout_taxi`. Every status change is printed as it happens, on both sides. The
 * registry turns the taxi `off` after the decline; citymove reads it back, and the driver brings it
 * back `free`. Then it loads a demo fleet of 100 bikes
 * around Paris (one in five an e-bike with a priced type), signs a rider up, finds the nearest bikes,
 * rides an e-bike, prints the trip's price and shows the GBFS feed.
 * Exits by itself.
 *
 * Knobs: DEMO_PORT (3107), REDIS_URL (redis://127.0.0.1:6379).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { startFakeRegistry, type FakeRegistry } from '../test/fake-registry/fake-registry.js';
import { adminHeader, registerTaxi, startCitymove } from '../bench/operator-app.js';
import { DEMO_FLEET_CENTER } from '../src/mobility/fleet.seed.js';
import { stopProcess, waitForHealth } from '../bench/support/bench-run.js';

const PORT = Number(process.env.DEMO_PORT ?? 3107);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BASE = `http://127.0.0.1:${PORT}`;
const RUN = `demo_operator_${process.pid}`;
const DECISION_TIMEOUT_MS = 4000;
const API_KEY = 'demo-registry-key';
const HAIL_HEADER = { name: 'X-Registry-Auth', value: 'demo-hail-secret' };
const started = performance.now();
const stamp = () => `+${((performance.now() - started) / 1000).toFixed(2)}s`.padStart(8);
const say = (line: string) => process.stdout.write(`${stamp()}  ${line}\n`);

interface LocalHail {
  status: string;
  customer_phone_number?: string;
  transitions: Array<{ from: string | null; to: string; cause: string }>;
}

const DEMO_METRICS_TOKEN = 'demo-metrics-token-0123456789abcdefghij';

/** What Prometheus would scrape now: the platform's own series that the demo moved. */
async function showMetrics(): Promise<void> {
  const response = await fetch(`${BASE}/metrics`, { headers: { Authorization: `Bearer ${DEMO_METRICS_TOKEN}` } });
  const shown =
    /^citymove_(hail_registry_updates_total|due_work_items|events_appended_total|gbfs_vehicles|db_pool|http_request_duration_seconds_count\{method="POST",route="\/operator)/;
  const lines = (await response.text()).split('\n').filter((line) => shown.test(line));
  say(`GET /metrics -> ${response.status}; an excerpt:`);
  for (const line of lines) say(`  ${line}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'citymove-demo-'));
  const registry = await startFakeRegistry({
    apiKey: API_KEY,
    hailHeader: HAIL_HEADER,
    receivedDeadlineMs: 10_000,
    decisionTimeoutMs: DECISION_TIMEOUT_MS,
    customer: 'accept',
    customerDelayMs: 1500,
    customerPhone: '0698765432',
  });
  registry.setOperatorUrl(`${BASE}/operator/hails`);
  say(`fake api.taxi registry on ${registry.url}`);

  const server = startCitymove({
    PORT: String(PORT),
    DATABASE_URL: `sqlite:${join(dir, 'citymove.sqlite')}`,
    REDIS_URL,
    QUEUE_PREFIX: RUN,
    API_TAXI_URL: registry.url,
    API_TAXI_KEY: API_KEY,
    HAIL_AUTH_HEADER_NAME: HAIL_HEADER.name,
    HAIL_AUTH_HEADER_VALUE: HAIL_HEADER.value,
    HAIL_DECISION_TIMEOUT_MS: String(DECISION_TIMEOUT_MS),
    HAIL_POLL_MS: '250',
    TAXI_STATUS_POLL_MS: '500',
    EVENTS_CLIENTS: 'demo:demo-events-secret',
    METRICS_TOKEN: DEMO_METRICS_TOKEN,
  });
  try {
    await waitForHealth(server, BASE);
    say(`citymove on ${BASE} (SQLite in ${dir}, decision window scaled to ${DECISION_TIMEOUT_MS / 1000} s)`);
    const token = await registerTaxi(BASE, 'demo-taxi', '0612345678');
    say('taxi demo-taxi registered (phone 0612345678); its driver app holds the token');
    // The operator declared the taxi to the registry beforehand; it starts its shift off.
    registry.setTaxiStatus('demo-taxi', 'off');
    const driverStatus = await goOnline(token, registry);
    say(`driver app: GET /operator/driver/status -> ${JSON.stringify(driverStatus)}`);

    const plans = ['ride to the end', 'decline', 'never answer'] as const;
    const hailIds: string[] = [];
    const planOf = new Map<string, (typeof plans)[number]>();
    for (const plan of plans) {
      const hail = await registry.sendHail({ taxiId: 'demo-taxi' });
      hailIds.push(hail.id);
      planOf.set(hail.id, plan);
      say(
        `registry: hail ${hail.id} sent, our answer ${hail.operatorAnswer?.status} ${JSON.stringify(hail.operatorAnswer?.body)} (driver will: ${plan})`,
      );
    }

    const seenLocal = new Map<string, number>();
    const seenRegistry = new Map<string, number>();
    const acted = new Set<string>();
    const auth = { Authorization: `Bearer ${token}` };
    const driver = async (id: string, action: string) => {
      const response = await fetch(`${BASE}/operator/driver/hails/${id}/${action}`, { method: 'POST', headers: auth });
      say(`driver: ${action} hail ${id} -> ${response.status}`);
    };
    const terminal = new Set([
      'finished',
      'declined_by_taxi',
      'timeout_taxi',
      'failure',
      'declined_by_customer',
      'timeout_customer',
      'timeout_accepted_by_customer',
      'incident_customer',
      'incident_taxi',
    ]);
    let taxiStatusShown: string | undefined;
    const deadline = performance.now() + 30_000;

    while (performance.now() < deadline) {
      let done = 0;
      for (const id of hailIds) {
        const registryHail = registry.hail(id)!;
        for (const change of registryHail.history.slice(seenRegistry.get(id) ?? 0))
          say(`registry: hail ${id} is ${change.status} (${change.by})`);
        seenRegistry.set(id, registryHail.history.length);

        const response = await fetch(`${BASE}/operator/hails/${id}`, { headers: { Authorization: adminHeader() } });
        const local = (await response.json()) as LocalHail;
        for (const t of local.transitions.slice(seenLocal.get(id) ?? 0))
          say(`citymove: hail ${id} ${t.from ?? '∅'} -> ${t.to} (${t.cause})`);
        seenLocal.set(id, local.transitions.length);
        // What the hails did to the taxi at the registry (declined_by_taxi and timeout_taxi turn it off).
        const taxiStatus = registry.taxiStatusOf('demo-taxi');
        if (taxiStatus !== taxiStatusShown) say(`registry: taxi demo-taxi is ${taxiStatus}`);
        taxiStatusShown = taxiStatus;

        // The scripted driver.
        const plan = planOf.get(id);
        const step = `${id}:${local.status}`;
        if (!acted.has(step)) {
          if (local.status === 'received_by_taxi' && plan === 'ride to the end') await driver(id, 'accept');
          if (local.status === 'received_by_taxi' && plan === 'decline') await driver(id, 'decline');
          if (local.status === 'accepted_by_customer') {
            say(`driver app: the customer accepted, call them on ${local.customer_phone_number}`);
            await driver(id, 'customer-on-board');
          }
          if (local.status === 'customer_on_board') {
            await sleep(500);
            await driver(id, 'finish');
          }
          acted.add(step);
        }
        if (terminal.has(local.status) && terminal.has(registryHail.status)) done += 1;
      }
      if (done === hailIds.length) break;
      await sleep(100);
    }
    // Every status change also went to the event store (through the transitions outbox).
    await sleep(600);
    const streams = await fetch(`${BASE}/api/v1/streams`, {
      headers: { Authorization: `Basic ${Buffer.from('demo:demo-events-secret').toString('base64')}` },
    });
    const hailStream = ((await streams.json()) as Array<{ name: string; events: number }>).find(
      (stream) => stream.name === 'operator.hails',
    );
    say(`event store: stream operator.hails holds ${hailStream?.events ?? 0} HailStatusChanged events`);
    say('all three hails are over');
    // The decline and the unanswered hail turned the taxi off at the registry; citymove read it back.
    const afterHails = await waitForDriverStatus(token, 'off');
    say(`driver app: the registry turned the taxi ${afterHails.status} (GET /operator/driver/status, read at ${afterHails.read_at})`);
    await goOnline(token, registry);
    await bikeSharing();
    await showMetrics();
    say('demo over: stopping');
  } finally {
    await stopProcess(server);
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${RUN}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

/** The driver goes online: `PUT /operator/driver/status {"status":"free"}`, delivered to the registry as durable work. */
async function goOnline(token: string, registry: FakeRegistry): Promise<DriverStatus> {
  const response = await fetch(`${BASE}/operator/driver/status`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'free' }),
  });
  say(`driver app: PUT /operator/driver/status free -> ${response.status}`);
  const status = await waitForDriverStatus(token, 'free');
  say(`registry: taxi demo-taxi is ${registry.taxiStatusOf('demo-taxi')} (the registry sends hails to free taxis only)`);
  return status;
}

interface DriverStatus {
  status: string | null;
  read_at: string | null;
}

/** Polls `GET /operator/driver/status` until citymove shows `wanted` as the registry's status. */
async function waitForDriverStatus(token: string, wanted: string): Promise<DriverStatus> {
  const deadline = performance.now() + 15_000;
  for (;;) {
    const response = await fetch(`${BASE}/operator/driver/status`, { headers: { Authorization: `Bearer ${token}` } });
    const status = (await response.json()) as DriverStatus;
    if (status.status === wanted || performance.now() > deadline) return status;
    await sleep(200);
  }
}

/** The mobility module through its public API: a priced e-bike type, fleet, rider, `near`, an e-bike trip and its price, the GBFS feed. */
async function bikeSharing(): Promise<void> {
  const json = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${BASE}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'user-agent': 'citymove-demo', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 400) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a demo script: it prints the fields of each answer it reads
    return response.json() as Promise<any>;
  };
  const admin = { authorization: adminHeader() };
  const plan = await json(
    'POST',
    '/mobility/pricing-plans',
    {
      name: 'E-bike',
      description: '1 EUR to unlock, then 0.25 EUR a minute and 0.50 EUR a km begun',
      currency: 'EUR',
      price: 1,
      is_taxable: true,
      per_min_pricing: [{ start: 0, rate: 0.25, interval: 1 }],
      per_km_pricing: [{ start: 0, rate: 0.5, interval: 1 }],
    },
    admin,
  );
  const ebikeType = await json(
    'POST',
    '/mobility/vehicle-types',
    {
      name: 'E-bike',
      form_factor: 'bicycle',
      propulsion_type: 'electric_assist',
      max_range_meters: 60_000,
      default_pricing_plan_id: plan.id,
    },
    admin,
  );
  say(`mobility: pricing plan "${plan.name}" and vehicle type "${ebikeType.name}" created (system_pricing_plans.json, vehicle_types.json)`);
  const ebikes: string[] = [];
  for (let i = 0; i < 100; i++) {
    // Spread over about 2 km around the centre of Paris, a few out of service.
    const angle = (i * 137.5 * Math.PI) / 180;
    const radius = 0.018 * Math.sqrt((i + 1) / 100);
    const coordinates = [DEMO_FLEET_CENTER.lon + radius * Math.cos(angle) * 1.5, DEMO_FLEET_CENTER.lat + radius * Math.sin(angle)];
    // One bike in five is an e-bike, its battery between 5 % and 95 %.
    const electric = i % 5 === 0;
    const bike = await json(
      'POST',
      '/mobility/bikes',
      {
        location: { type: 'Point', coordinates },
        status: i % 10 === 9 ? 'non_operational' : 'available',
        ...(electric ? { vehicle_type_id: ebikeType.id } : {}),
      },
      admin,
    );
    if (electric) {
      ebikes.push(bike.id);
      const battery = { location: { type: 'Point', coordinates }, current_fuel_percent: 0.05 + ((i * 37) % 91) / 100 };
      await json('POST', `/mobility/bikes/${bike.id}/locations`, battery, admin);
    }
  }
  say(`mobility: 100 bikes loaded around Paris (POST /mobility/bikes), ${ebikes.length} of them e-bikes reporting their battery`);
  const member = await json('POST', '/v1/membres', {
    username: 'demo-rider',
    email: 'rider@example.org',
    password: 'correct horse battery',
  });
  const { access_token: token } = await json('POST', '/v1/login', { username: 'demo-rider', password: 'correct horse battery' });
  const rider = { authorization: `Bearer ${token}` };
  say(`members: demo-rider signed up (member ${member.id}) and logged in`);
  const [lon, lat] = [DEMO_FLEET_CENTER.lon, DEMO_FLEET_CENTER.lat];
  await sleep(500);
  const near = await json('GET', `/mobility/bikes?near=${lon},${lat}&radius=3000&status=available&perPage=100`);
  say(
    `mobility: nearest available bikes: ${near
      .slice(0, 3)
      .map((bike: { id: string; distance_m: number }) => `${bike.id.slice(0, 8)}… at ${Math.round(bike.distance_m)} m`)
      .join(', ')}`,
  );
  // The nearest e-bike with enough battery to ride.
  const ebike = near.find(
    (bike: { vehicle_type_id: string; current_fuel_percent: number | null }) =>
      bike.vehicle_type_id === ebikeType.id && (bike.current_fuel_percent ?? 0) >= 0.5,
  );
  const trip = await json('POST', '/mobility/trips', { bike_id: ebike.id }, rider);
  say(
    `mobility: trip ${trip.id.slice(0, 8)}… started on e-bike ${ebike.id.slice(0, 8)}… (battery ${Math.round(ebike.current_fuel_percent * 100)} %, ${Math.round(ebike.distance_m)} m away)`,
  );
  near[0] = ebike;
  for (const [index, step] of [0.002, 0.004].entries()) {
    await json(
      'POST',
      `/mobility/bikes/${near[0].id}/locations`,
      { location: { type: 'Point', coordinates: [lon + step, lat + step / 2] }, recorded_at: new Date(Date.now() + index).toISOString() },
      admin,
    );
  }
  await sleep(500);
  const ended = await json('POST', `/mobility/trips/${trip.id}/end`, undefined, rider);
  say(
    `mobility: trip ended after ${ended.duration_s} s over ${Math.round(ended.distance_m)} m (${ended.locations.length} points, positions queued through Bull): ${ended.price.toFixed(2)} ${ended.currency} under plan "${plan.name}"`,
  );
  const status = await json('GET', '/mobility/gbfs/vehicle_status.json');
  say(
    `GBFS: vehicle_status.json lists ${status.data.vehicles.length} vehicles (${status.data.vehicles.filter((v: { is_disabled: boolean }) => v.is_disabled).length} disabled: broken, or an e-bike below GBFS_MIN_CHARGE_PERCENT), version ${status.version}`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exitCode = 1;
});

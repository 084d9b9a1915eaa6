/**
 * `npm run demo`: the operator end to end, then bike sharing, on this machine only. Starts the fake api.taxi registry
 * and the built citymove (`dist/main.js`, embedded SQLite in a temporary file), registers a taxi,
 * has the registry send three hails, and a scripted driver answers them: the first is accepted and
 * ridden to `finished`, the second declined, the third left unanswered until `timeout_taxi`. Every
 * status change is printed as it happens, on both sides. Then it loads a demo fleet of 100 bikes
 * around Paris, signs a rider up, finds the nearest bikes, rides one and shows the GBFS feed.
 * Exits by itself.
 *
 * Knobs: DEMO_PORT (3107), REDIS_URL (redis://127.0.0.1:6379).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { startFakeRegistry } from '../test/fake-registry/fake-registry.js';
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
  transitions: Array<{ from: string | null; to: string; cause: string }>;
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
    EVENTS_CLIENTS: 'demo:demo-events-secret',
  });
  try {
    await waitForHealth(server, BASE);
    say(`citymove on ${BASE} (SQLite in ${dir}, decision window scaled to ${DECISION_TIMEOUT_MS / 1000} s)`);
    const token = await registerTaxi(BASE, 'demo-taxi', '0612345678');
    say('taxi demo-taxi registered (phone 0612345678); its driver app holds the token');

    const plans = ['ride to the end', 'decline', 'never answer'] as const;
    const hailIds: string[] = [];
    const planOf = new Map<string, (typeof plans)[number]>();
    for (const plan of plans) {
      const hail = await registry.sendHail({ taxiId: 'demo-taxi' });
      hailIds.push(hail.id);
      planOf.set(hail.id, plan);
      say(`registry: hail ${hail.id} sent, our answer ${hail.operatorAnswer?.status} ${JSON.stringify(hail.operatorAnswer?.body)} (driver will: ${plan})`);
    }

    const seenLocal = new Map<string, number>();
    const seenRegistry = new Map<string, number>();
    const acted = new Set<string>();
    const auth = { Authorization: `Bearer ${token}` };
    const driver = async (id: string, action: string) => {
      const response = await fetch(`${BASE}/operator/driver/hails/${id}/${action}`, { method: 'POST', headers: auth });
      say(`driver: ${action} hail ${id} -> ${response.status}`);
    };
    const terminal = new Set(['finished', 'declined_by_taxi', 'timeout_taxi', 'failure', 'declined_by_customer', 'timeout_customer', 'incident_taxi']);
    const deadline = performance.now() + 30_000;

    while (performance.now() < deadline) {
      let done = 0;
      for (const id of hailIds) {
        const registryHail = registry.hail(id)!;
        for (const change of registryHail.history.slice(seenRegistry.get(id) ?? 0)) say(`registry: hail ${id} is ${change.status} (${change.by})`);
        seenRegistry.set(id, registryHail.history.length);

        const response = await fetch(`${BASE}/operator/hails/${id}`, { headers: { Authorization: adminHeader() } });
        const local = (await response.json()) as LocalHail;
        for (const t of local.transitions.slice(seenLocal.get(id) ?? 0)) say(`citymove: hail ${id} ${t.from ?? '∅'} -> ${t.to} (${t.cause})`);
        seenLocal.set(id, local.transitions.length);

        // The scripted driver.
        const plan = planOf.get(id);
        const step = `${id}:${local.status}`;
        if (!acted.has(step)) {
          if (local.status === 'received_by_taxi' && plan === 'ride to the end') await driver(id, 'accept');
          if (local.status === 'received_by_taxi' && plan === 'decline') await driver(id, 'decline');
          if (local.status === 'accepted_by_customer') await driver(id, 'customer-on-board');
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
    const hailStream = ((await streams.json()) as Array<{ name: string; events: number }>).find((stream) => stream.name === 'operator.hails');
    say(`event store: stream operator.hails holds ${hailStream?.events ?? 0} HailStatusChanged events`);
    say('all three hails are over');
    await bikeSharing();
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

/** The mobility module through its public API: fleet, rider, `near`, a trip, the GBFS feed. */
async function bikeSharing(): Promise<void> {
  const json = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${BASE}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'user-agent': 'citymove-demo', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 400) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const admin = { authorization: adminHeader() };
  for (let i = 0; i < 100; i++) {
    // Spread over about 2 km around the centre of Paris, a few out of service.
    const angle = (i * 137.5 * Math.PI) / 180;
    const radius = 0.018 * Math.sqrt((i + 1) / 100);
    const coordinates = [DEMO_FLEET_CENTER.lon + radius * Math.cos(angle) * 1.5, DEMO_FLEET_CENTER.lat + radius * Math.sin(angle)];
    await json('POST', '/mobility/bikes', { location: { type: 'Point', coordinates }, status: i % 10 === 9 ? 'non_operational' : 'available' }, admin);
  }
  say('mobility: 100 bikes loaded around Paris (POST /mobility/bikes)');
  const member = await json('POST', '/v1/membres', { username: 'demo-rider', email: 'rider@example.org', password: 'correct horse battery' });
  const { access_token: token } = await json('POST', '/v1/login', { username: 'demo-rider', password: 'correct horse battery' });
  const rider = { authorization: `Bearer ${token}` };
  say(`members: demo-rider signed up (member ${member.id}) and logged in`);
  const [lon, lat] = [DEMO_FLEET_CENTER.lon, DEMO_FLEET_CENTER.lat];
  const near = await json('GET', `/mobility/bikes?near=${lon},${lat}&radius=500&status=available&perPage=3`);
  say(`mobility: nearest available bikes: ${near.map((bike: { id: string; distance_m: number }) => `${bike.id.slice(0, 8)}… at ${Math.round(bike.distance_m)} m`).join(', ')}`);
  const trip = await json('POST', '/mobility/trips', { bike_id: near[0].id }, rider);
  say(`mobility: trip ${trip.id.slice(0, 8)}… started on bike ${near[0].id.slice(0, 8)}…`);
  for (const [index, step] of [0.002, 0.004].entries()) {
    await json('POST', `/mobility/bikes/${near[0].id}/locations`, { location: { type: 'Point', coordinates: [lon + step, lat + step / 2] }, recorded_at: new Date(Date.now() + index).toISOString() }, admin);
  }
  await sleep(500);
  const ended = await json('POST', `/mobility/trips/${trip.id}/end`, undefined, rider);
  say(`mobility: trip ended after ${ended.duration_s} s over ${Math.round(ended.distance_m)} m (${ended.locations.length} points, positions queued through Bull)`);
  const status = await json('GET', '/mobility/gbfs/vehicle_status.json');
  say(`GBFS: vehicle_status.json lists ${status.data.vehicles.length} vehicles (${status.data.vehicles.filter((v: { is_disabled: boolean }) => v.is_disabled).length} disabled), version ${status.version}`);
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exitCode = 1;
});

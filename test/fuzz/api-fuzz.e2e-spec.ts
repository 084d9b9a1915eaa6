import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isEventsErrorBody, isPlatformErrorBody, rawRequest, type RawResponse } from '../helpers/raw-http.js';
import { TableSnapshots } from '../helpers/table-snapshot.js';
import { startHostileInputApp } from '../helpers/hostile-input-app.js';
import { adminAuth, basic, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';
import { ParkingApi } from '../parking/parking-helpers.js';
import {
  operationsOf,
  requestsFor,
  type Fixtures,
  type GeneratedRequest,
  type OpenApiDocument,
  type Operation,
} from './openapi-operations.js';
import { bearer } from '../members/members-helpers.js';

/**
 * Generated adversarial requests over the whole API, read from the app's own OpenAPI document.
 * For every operation, fast-check sends FUZZ_RUNS requests (default 30; `npm run fuzz -- --runs N`
 * for a deep run), each part of which is plausible or broken: fields missing, null, of the wrong
 * kind, boundary numbers, NUL and lone surrogates, format characters, huge strings, deep nesting,
 * oversized and malformed bodies, repeated and malformed query parameters, malformed
 * percent-encodings in the path, wrong Content-Type and Accept, with and without credentials.
 * Every answer must be under 500, within 1 s, in its module's error format when it is an error,
 * and a refused request must leave every table as it was. The seed is printed; FUZZ_SEED replays.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
// CI replays one seed, so that a submission lands or not on its own merits; elsewhere each run
// explores new inputs (and prints its seed). Deep runs: npm run fuzz -- --runs N [--seed S].
const CI_SEED = 20261201;
const SEED = Number(process.env.FUZZ_SEED ?? (process.env.CI ? CI_SEED : Math.floor(Math.random() * 2 ** 31)));
// A deep run can be narrowed to some operations: FUZZ_ONLY is a regular expression on "METHOD /template".
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
const ANSWER_WITHIN_MS = 1000;
const REGISTRY_HEADER = { name: 'X-Registry-Auth', value: 'fuzz-registry-secret' };
const USER_AGENT = 'citymove-fuzz/1.0';

let testApp: TestApp;
let port: number;
let snapshots: TableSnapshots;
let document: OpenApiDocument;
let fixtures: Fixtures;
const figures: Array<{ operation: string; requests: number; statuses: Record<number, number>; slowestMs: number }> = [];

// The document is read before the tests are declared, so each operation is a test of its own.
const operations: Operation[] = [];

/** Requests leave from many loopback addresses, so the per-address rate limits do not answer them all. */
let sent = 0;
const localAddress = () => {
  sent += 1;
  return `127.${(sent >> 16) & 0xff}.${(sent >> 8) & 0xff}.${sent & 0xff || 1}`;
};

function send(request: GeneratedRequest): Promise<RawResponse> {
  return rawRequest(
    port,
    { method: request.method, path: request.path, headers: request.headers, body: request.body, localAddress: localAddress() },
    10_000,
  );
}

/**
 * How long an answer may take: 1 s, plus the hold a valid long poll asks for (the events consume
 * route's `wait`, 1..30 seconds, answers empty once it has passed: docs/events.md).
 */
function answerDueWithinMs(request: GeneratedRequest): number {
  const [pathname, query = ''] = request.path.split('?', 2);
  const waits = new URLSearchParams(query).getAll('wait');
  const longPoll = request.method === 'GET' && /^\/api\/v1\/streams\/[^/]+\/events$/.test(pathname) && waits.length === 1;
  const seconds = longPoll && /^\d{1,2}$/.test(waits[0]) ? Number(waits[0]) : 0;
  return ANSWER_WITHIN_MS + (seconds >= 1 && seconds <= 30 ? seconds * 1000 : 0);
}

function isInErrorFormat(path: string, response: RawResponse): boolean {
  if (path.startsWith('/api/v1/')) return isEventsErrorBody(response.json);
  if (path === '/health' || path.startsWith('/health?')) return true;
  return isPlatformErrorBody(response.json);
}

async function setUpFixtures(): Promise<Fixtures> {
  const http = () => testApp.http();
  const parking = new ParkingApi(testApp);
  const [moderator, participant] = await parking.users(2, 'fuzz');
  const orgId = await parking.org(moderator, { name: 'Fuzz school' });
  const stateId = await parking.dayState(moderator, orgId, 'A');
  await parking.participant(moderator, orgId, participant);
  await parking.schedule(moderator, orgId, {
    sequence: [stateId],
    anchor: { date: '2026-11-02', daystate_id: stateId },
    skip: [],
    exceptions: [],
  });
  const passId = await parking.verifiedPass(moderator, orgId, moderator, stateId, 7);
  // Within the parking booking horizon (PARKING_HORIZON_DAYS, 120 days by default) of the real clock.
  const borrowDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const borrowed = await http()
    .post('/parking/pass/borrow')
    .set('Authorization', participant.auth)
    .send({ org_id: orgId, date: borrowDate })
    .expect(200);
  const requestId = String(borrowed.body[borrowDate].request_id);

  const member = await http()
    .post('/v1/membres')
    .set('User-Agent', USER_AGENT)
    .send({ username: 'Fuzzer', email: 'fuzzer@example.org', password: 'password-123' })
    .expect(201);
  const memberAuth = await bearer(testApp, member.body.id);

  const taxi = await http()
    .post('/operator/taxis')
    .set('Authorization', adminAuth())
    .send({ id: 'fuzz-taxi', phone_number: '0612345678' })
    .expect(201);
  const hail = {
    data: [
      {
        id: 'fuzz-hail',
        taxi: { id: 'fuzz-taxi' },
        customer_lon: 2.35,
        customer_lat: 48.86,
        customer_address: '25 rue Quincampoix',
        customer_phone_number: '0600000000',
      },
    ],
  };
  await http().post('/operator/hails').set(REGISTRY_HEADER.name, REGISTRY_HEADER.value).send(hail).expect(200);

  const point = { type: 'Point', coordinates: [2.35, 48.86] };
  const rideBike = await http().post('/mobility/bikes').set('Authorization', adminAuth()).send({ location: point }).expect(201);
  const freeBike = await http().post('/mobility/bikes').set('Authorization', adminAuth()).send({ location: point }).expect(201);
  const trip = await http().post('/mobility/trips').set('Authorization', memberAuth).send({ bike_id: rideBike.body.id }).expect(201);

  const eventsAuth = basic('alice', TEST_EVENTS_CLIENTS.alice);
  const appended = await http()
    .post('/api/v1/streams/fuzz-stream/events')
    .set('Authorization', eventsAuth)
    .set('X-Producer-ID', 'fuzz-client')
    .send({
      event: { name: 'OrderPlaced', version: 1 },
      system: { id: 's', name: 's', time: '2026-01-01 00:00:00', timezone: 'UTC' },
      trigger: { type: 't', name: 'n' },
      payload: {},
    })
    .expect(200);

  const pathValue = (template: string, name: string): string => {
    if (name === 'streamName') return 'fuzz-stream';
    if (name === 'eventId') return JSON.parse(appended.text);
    if (name === 'requestId') return requestId;
    if (name === 'userId') return String(participant.id);
    if (template.startsWith('/parking/org/')) return String(orgId);
    if (template.startsWith('/parking/pass/')) return String(passId);
    if (template.startsWith('/v1/membres/')) return String(member.body.id);
    if (template.startsWith('/operator/taxis/')) return 'fuzz-taxi';
    if (template.startsWith('/operator/')) return 'fuzz-hail';
    if (template.startsWith('/mobility/bikes/')) return freeBike.body.id;
    if (template.startsWith('/mobility/trips/')) return trip.body.id;
    return '1';
  };
  const pathValues: Record<string, string> = {};
  for (const operation of operationsOf(document)) {
    for (const [, name] of operation.template.matchAll(/\{(\w+)\}/g))
      pathValues[`${operation.template}:${name}`] = pathValue(operation.template, name);
  }

  return {
    credentials: {
      'admin-basic': { authorization: adminAuth() },
      'events-basic': { authorization: eventsAuth },
      'member-jwt': { authorization: memberAuth },
      'parking-jwt': { authorization: moderator.auth },
      'taxi-token': { authorization: `Bearer ${taxi.body.token}` },
      'registry-header': { [REGISTRY_HEADER.name.toLowerCase()]: REGISTRY_HEADER.value },
    },
    pathValues,
    fieldValues: {
      org_id: orgId,
      state_id: stateId,
      daystate_id: stateId,
      sequence: [stateId],
      user_id: participant.id,
      bike_id: freeBike.body.id,
    },
  };
}

/**
 * The tables once an accepted request's after-effects are done, so that they are not blamed on the
 * next, refused, request: the tables must stay unchanged for `quietMs`. Most modules publish their
 * domain events in the request's transaction; the operator's hail relay publishes every 250 ms.
 */
async function settled(quietMs = 50): Promise<Record<string, string>> {
  let previous = await snapshots.take();
  let quietSince = performance.now();
  const giveUpAt = performance.now() + 5000;
  while (performance.now() - quietSince < quietMs && performance.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const current = await snapshots.take();
    if (JSON.stringify(current) !== JSON.stringify(previous)) quietSince = performance.now();
    previous = current;
  }
  return previous;
}

/** fast-check's report, with long strings shortened so that the counterexample stays readable. */
function readableReport(details: fc.RunDetails<[GeneratedRequest]>): void {
  if (!details.failed) return;
  const shorten = (_key: string, value: unknown) =>
    typeof value === 'string' && value.length > 300 ? `${value.slice(0, 120)}…(${value.length} characters)` : value;
  const example = details.counterexample ? JSON.stringify(details.counterexample[0], shorten, 1) : 'none';
  throw new Error(
    `Property failed after ${details.numRuns} tests (seed ${details.seed}, path ${details.counterexamplePath}; replay: npm run fuzz -- --seed ${details.seed} --runs ${RUNS})\n` +
      `Counterexample: ${example}\nCause: ${String((details.errorInstance as Error | undefined)?.message ?? 'unknown').slice(0, 2000)}`,
  );
}

/** Operations that destroy the fixtures (a pass, a participant, a request) run last. */
function destructiveLast(a: Operation, b: Operation): number {
  const rank = (operation: Operation) => (operation.method === 'DELETE' ? 1 : 0);
  return rank(a) - rank(b);
}

beforeAll(async () => {
  ({ testApp, port, snapshots } = await startHostileInputApp(REGISTRY_HEADER));
  document = (await testApp.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  operations.push(...operationsOf(document).sort(destructiveLast));
  fixtures = await setUpFixtures();
  process.stdout.write(
    `api fuzz: seed ${SEED}, ${RUNS} requests per operation, ${operations.length} operations (replay: npm run fuzz -- --seed ${SEED} --runs ${RUNS})\n`,
  );
}, 120_000);

afterAll(async () => {
  if (figures.length > 0) {
    const total = figures.reduce((sum, figure) => sum + figure.requests, 0);
    const slowest = Math.max(...figures.map((figure) => figure.slowestMs));
    const statuses: Record<number, number> = {};
    for (const figure of figures)
      for (const [status, count] of Object.entries(figure.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + count;
    process.stdout.write(
      `api fuzz: ${total} requests over ${figures.length} operations, slowest answer ${slowest.toFixed(0)} ms, statuses ${JSON.stringify(statuses)}\n`,
    );
  }
  await snapshots?.close();
  await testApp?.close();
});

describe('every operation of the OpenAPI document, under generated hostile requests', () => {
  it('reads a document with every module in it', () => {
    const prefixes = new Set(operations.map((operation) => operation.template.split('/')[1]));
    expect([...prefixes]).toEqual(expect.arrayContaining(['api', 'health', 'mobility', 'operator', 'parking', 'v1']));
    expect(operations.length).toBeGreaterThan(50);
  });

  it(
    'answers each under 500, within 1 s, in its format, and a refused one changes nothing',
    async () => {
      for (const operation of operations) {
        if (ONLY && !ONLY.test(`${operation.method} ${operation.template}`)) continue;
        const figure = {
          operation: `${operation.method} ${operation.template}`,
          requests: 0,
          statuses: {} as Record<number, number>,
          slowestMs: 0,
        };
        figures.push(figure);
        let before = await settled(600);
        await fc.assert(
          fc.asyncProperty(requestsFor(operation, document, fixtures), async (request) => {
            const response = await send(request);
            figure.requests += 1;
            figure.statuses[response.status] = (figure.statuses[response.status] ?? 0) + 1;
            figure.slowestMs = Math.max(figure.slowestMs, response.elapsedMs);
            const where = `${request.method} ${request.path.slice(0, 200)} → ${response.status} in ${response.elapsedMs.toFixed(0)} ms: ${response.text.slice(0, 300)}`;
            if (response.status >= 500) throw new Error(`a 5xx for ${where}`);
            const dueWithinMs = answerDueWithinMs(request);
            if (response.elapsedMs >= dueWithinMs) throw new Error(`slower than ${dueWithinMs} ms: ${where}`);
            if (response.status >= 400 && !isInErrorFormat(request.path, response))
              throw new Error(`not in the module's error format: ${where}`);
            if (response.status >= 400) {
              expect({ refused: where, tables: await snapshots.take() }).toEqual({ refused: where, tables: before });
            } else if (request.method !== 'GET') {
              before = await settled(request.path.startsWith('/operator/') ? 600 : 50);
            }
          }),
          { numRuns: RUNS, seed: SEED, reporter: readableReport },
        );
        if (RUNS >= 500) {
          process.stdout.write(
            `api fuzz: ${figure.operation}: ${figure.requests} requests, slowest ${figure.slowestMs.toFixed(0)} ms, ${JSON.stringify(figure.statuses)}\n`,
          );
        }
      }
    },
    Math.max(300_000, RUNS * 2000 * 70),
  );
});

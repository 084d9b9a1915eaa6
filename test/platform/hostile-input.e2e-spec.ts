import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ParkingApi, type ParkingTestUser } from '../parking/parking-helpers.js';
import { isEventsErrorBody, isPlatformErrorBody, rawRequest, type RawRequest, type RawResponse } from '../helpers/raw-http.js';
import { TableSnapshots } from '../helpers/table-snapshot.js';
import { startHostileInputApp } from '../helpers/hostile-input-app.js';
import { adminAuth, basic, TEST_EVENTS_CLIENTS, type TestApp } from '../helpers/test-app.js';
import { bearer } from '../members/members-helpers.js';

/**
 * Issue 12's named cases, one test each: what a careless or hostile client sent and got a 500, a
 * hang, the wrong status or the wrong format for. Each answer must come fast, in the module's
 * format, and change nothing stored.
 */

const REGISTRY_HEADER = { name: 'X-Registry-Auth', value: 'hail-header-secret' };
const USER_AGENT = 'hostile-input-tests/1.0';
const EVENTS_AUTH = basic('alice', TEST_EVENTS_CLIENTS.alice);

let testApp: TestApp;
let port: number;
let snapshots: TableSnapshots;
let parking: ParkingApi;
let moderator: ParkingTestUser;
let participant: ParkingTestUser;
let orgId: number;
let passId: number;
let memberAuth: string;

const json = (value: unknown) => JSON.stringify(value);

async function send(request: RawRequest, timeoutMs = 5000): Promise<RawResponse> {
  return rawRequest(port, request, timeoutMs);
}

async function sendJson(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RawResponse> {
  const request = {
    method,
    path,
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers },
    body: typeof body === 'string' ? body : json(body),
  };
  return send(request, timeoutMs);
}

const snapshot = () => snapshots.take();

/** Sends the request, and checks it is refused with `status` fast, in the platform format, naming `field`. */
async function expectRefused(request: () => Promise<RawResponse>, status: number, field?: string): Promise<RawResponse> {
  const before = await snapshot();
  const response = await request();
  expect({ status: response.status, body: response.json }).toEqual({ status, body: expect.anything() });
  expect(response.elapsedMs).toBeLessThan(1000);
  expect(isPlatformErrorBody(response.json)).toBe(true);
  if (field !== undefined) expect((response.json as { errors: Array<{ field?: string }> }).errors.map((e) => e.field)).toContain(field);
  expect(await snapshot()).toEqual(before);
  return response;
}

function messageOf(response: RawResponse, field: string): string | undefined {
  return (response.json as { errors: Array<{ field?: string; message: string }> }).errors.find((e) => e.field === field)?.message;
}

beforeAll(async () => {
  ({ testApp, port, snapshots } = await startHostileInputApp(REGISTRY_HEADER));

  parking = new ParkingApi(testApp);
  [moderator, participant] = await parking.users(2, 'hostile');
  orgId = await parking.org(moderator);
  const stateId = await parking.dayState(moderator, orgId, 'A');
  await parking.participant(moderator, orgId, participant);
  await parking.schedule(moderator, orgId, {
    sequence: [stateId],
    anchor: { date: '2026-11-02', daystate_id: stateId },
    skip: [],
    exceptions: [],
  });
  passId = await parking.verifiedPass(moderator, orgId, moderator, stateId, 1);

  const member = await testApp
    .http()
    .post('/v1/membres')
    .set('User-Agent', USER_AGENT)
    .send({ username: 'Hostile', email: 'hostile@example.org', password: 'password-123' })
    .expect(201);
  memberAuth = await bearer(testApp, member.body.id);
  await testApp
    .http()
    .post('/operator/taxis')
    .set('Authorization', adminAuth())
    .send({ id: 'taxi-hostile', phone_number: '0612345678' })
    .expect(201);
});

afterAll(async () => {
  await snapshots?.close();
  await testApp?.close();
});

describe('parking: null dates no longer spin the process', () => {
  it('borrow with start_date and end_date null is a 400 naming the fields, at once', async () => {
    const response = await expectRefused(
      () =>
        sendJson('POST', '/parking/pass/borrow', { org_id: orgId, start_date: null, end_date: null }, { authorization: participant.auth }),
      400,
      'start_date',
    );
    expect(messageOf(response, 'start_date')).toBe('start_date must not be null');
    expect(messageOf(response, 'end_date')).toBe('end_date must not be null');
  });

  it('lend with null dates, even on a pass the caller does not own, is a 400', async () => {
    await expectRefused(
      () => sendJson('POST', `/parking/pass/${passId}/lend`, { start_date: null, end_date: null }, { authorization: participant.auth }),
      400,
      'start_date',
    );
    await expectRefused(
      () => sendJson('POST', `/parking/pass/${passId}/lend`, { date: null }, { authorization: moderator.auth }),
      400,
      'date',
    );
  });

  it('borrow {"date": null} and {"indefinite": null} are refused, not read as absent', async () => {
    await expectRefused(
      () => sendJson('POST', '/parking/pass/borrow', { org_id: orgId, date: null }, { authorization: participant.auth }),
      400,
      'date',
    );
    await expectRefused(
      () => sendJson('POST', '/parking/pass/borrow', { org_id: orgId, indefinite: null }, { authorization: participant.auth }),
      400,
      'indefinite',
    );
  });
});

describe('bodies: size and depth are bounded at the edge, before any transform', () => {
  it('a 1 MB deeply nested body on an unauthenticated route is a fast 413, on parking and members', async () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const parkingAnswer = await expectRefused(() => sendJson('POST', '/parking/user', deep), 413);
    const membersAnswer = await expectRefused(() => sendJson('POST', '/v1/membres', deep), 413);
    expect(parkingAnswer.elapsedMs + membersAnswer.elapsedMs).toBeLessThan(500);
  });

  it('a deeply nested body within the size limit is a 400 saying how deep is allowed', async () => {
    const deep = '{"first_name":' + '['.repeat(30_000) + ']'.repeat(30_000) + '}';
    const response = await expectRefused(() => sendJson('POST', '/parking/user', deep), 400);
    expect((response.json as { errors: Array<{ message: string }> }).errors[0].message).toMatch(/more than 32 levels deep/);
    const members = await expectRefused(() => sendJson('POST', '/v1/membres', deep), 400);
    expect(members.elapsedMs).toBeLessThan(200);
  });

  it('the event append still takes 1 MiB, and refuses more with its own 413 string', async () => {
    const envelope = (payload: unknown) =>
      json({
        event: { name: 'Big', version: 1 },
        system: { id: 's', name: 's', time: '2026-01-01 00:00:00', timezone: 'UTC' },
        trigger: { type: 't', name: 'n' },
        payload,
      });
    const headers = { authorization: EVENTS_AUTH, 'content-type': 'application/json', 'x-producer-id': 'hostile' };
    const fits = await send({
      method: 'POST',
      path: '/api/v1/streams/hostile-big/events',
      headers,
      body: envelope({ blob: 'x'.repeat(1024 * 1024 - 300) }),
    });
    expect(fits.status).toBe(200);
    const tooBig = await send({
      method: 'POST',
      path: '/api/v1/streams/hostile-big/events',
      headers,
      body: envelope({ blob: 'x'.repeat(1024 * 1024) }),
    });
    expect({ status: tooBig.status, body: tooBig.json }).toEqual({ status: 413, body: 'Payload Too Large' });
  });

  it('takes the largest schedule the contract allows (5,000 exceptions, pretty-printed) past the 64 KiB default', async () => {
    const org = await parking.org(moderator);
    const state = await parking.dayState(moderator, org, 'A');
    const day = (i: number) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const exceptions = Array.from({ length: 5000 }, (_, i) => ({ date: day(i), daystate_id: state }));
    const body = JSON.stringify({ sequence: [state], anchor: { date: '2026-11-02', daystate_id: state }, skip: [], exceptions }, null, 2);
    expect(body.length).toBeGreaterThan(256 * 1024);
    // Accepted, not refused fast: its 5,000 items are validated one by one (3.5-5 s on a loaded CI machine, on either database).
    const response = await sendJson('PUT', `/parking/org/${org}/schedule`, body, { authorization: moderator.auth }, 20_000);
    expect(response.status).toBe(200);
  });

  it('other routes refuse a body over 64 KiB with 413 in the platform format', async () => {
    await expectRefused(() => sendJson('POST', '/parking/user', { first_name: 'x'.repeat(70 * 1024) }), 413);
  });
});

describe('strings PostgreSQL cannot store are a 400 naming the field', () => {
  it.each([
    ['member search', () => send({ method: 'GET', path: '/v1/membres?search=a%00b', headers: { 'user-agent': USER_AGENT } }), 'search'],
    ['member login', () => sendJson('POST', '/v1/login', { username: 'a\u0000b', password: 'password-123' }), 'username'],
    ['member biography', () => sendJson('PUT', '/v1/membres', { biography: 'bio\u0000' }, { authorization: memberAuth }), 'biography'],
    ['parking org name', () => sendJson('POST', '/parking/org', { name: 'org\u0000' }, { authorization: moderator.auth }), 'name'],
    [
      'parking user, lone surrogate',
      () =>
        sendJson('POST', '/parking/user', { first_name: 'a\ud800', last_name: 'b', email: 'lone@example.org', password: 'password123' }),
      'first_name',
    ],
    ['parking org search', () => send({ method: 'GET', path: '/parking/org/search?q=a%00b' }), 'q'],
    [
      'hail id',
      () => sendJson('POST', '/operator/hails', hail({ id: 'h\u0000' }), { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      'data[0].id',
    ],
    [
      'hail address',
      () => sendJson('POST', '/operator/hails', hail({ customer_address: 'rue\u0000' }), { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      'data[0].customer_address',
    ],
    [
      'hail taxi id',
      () => sendJson('POST', '/operator/hails', hail({ taxi: { id: 't\u0000' } }), { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      'data[0].taxi.id',
    ],
    [
      'hail, a field we ignore',
      () => sendJson('POST', '/operator/hails', hail({ session_id: 's\u0000' }), { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      'data[0].session_id',
    ],
    ['hail path id', () => send({ method: 'GET', path: '/operator/hails/a%00b', headers: { authorization: adminAuth() } }), 'id'],
  ])('%s', async (_name, request, field) => {
    const response = await expectRefused(request, 400, field);
    expect(messageOf(response, field)).toMatch(/NUL character or unpaired surrogates/);
  });
});

function hail(overrides: Record<string, unknown>) {
  return {
    data: [
      {
        id: 'hostile-hail',
        taxi: { id: 'taxi-hostile' },
        customer_lon: 2.35,
        customer_lat: 48.86,
        customer_address: '25 rue Quincampoix',
        customer_phone_number: '0600000000',
        ...overrides,
      },
    ],
  };
}

describe('arrays where objects are due', () => {
  it('a hail list holding an array instead of a hail is a 400 (found by the API fuzz: it was a 500)', async () => {
    await expectRefused(
      () => sendJson('POST', '/operator/hails', { data: [[]] }, { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      400,
      'data',
    );
  });

  it('a schedule whose anchor or exception is an array is a 400', async () => {
    const schedule = { sequence: [1], anchor: { date: '2026-11-02', daystate_id: 1 }, skip: [], exceptions: [] };
    await expectRefused(
      () => sendJson('PUT', `/parking/org/${orgId}/schedule`, { ...schedule, anchor: [] }, { authorization: moderator.auth }),
      400,
      'anchor',
    );
    await expectRefused(
      () => sendJson('PUT', `/parking/org/${orgId}/schedule`, { ...schedule, exceptions: [[]] }, { authorization: moderator.auth }),
      400,
      'exceptions',
    );
  });
});

describe('integers beyond their column and null into NOT NULL are 400s', () => {
  it.each([1e300, 9007199254740994, 2 ** 31])('borrow org_id %p', async (orgIdValue) => {
    await expectRefused(
      () => sendJson('POST', '/parking/pass/borrow', `{"org_id":${orgIdValue},"date":"2030-01-01"}`, { authorization: participant.auth }),
      400,
      'org_id',
    );
  });

  it.each(['name', 'timezone', 'lock_in', 'greeting', 'rules'])('PATCH /parking/org/:id {"%s": null}', async (field) => {
    const response = await expectRefused(
      () => sendJson('PATCH', `/parking/org/${orgId}`, { [field]: null }, { authorization: moderator.auth }),
      400,
      field,
    );
    expect(messageOf(response, field)).toBe(`${field} must not be null`);
  });

  it('a pass state_id of 1e300 or a participant user_id of 2^53+2 is a 400', async () => {
    await expectRefused(
      () => sendJson('POST', `/parking/org/${orgId}/pass`, '{"state_id":1e300,"spot_num":1}', { authorization: participant.auth }),
      400,
      'state_id',
    );
    await expectRefused(
      () => sendJson('POST', `/parking/org/${orgId}/participants`, '{"user_id":9007199254740994}', { authorization: moderator.auth }),
      400,
      'user_id',
    );
  });
});

describe('router errors answer in the module format', () => {
  it('malformed percent-encoding: the events string, the platform body elsewhere', async () => {
    const events = await send({
      method: 'GET',
      path: '/api/v1/streams/a%ZZb/events?eventName=x&limit=1',
      headers: { authorization: EVENTS_AUTH, 'x-consumer-id': 'c' },
    });
    expect(events.status).toBe(400);
    expect(isEventsErrorBody(events.json)).toBe(true);
    expect(events.json).toMatch(/^Bad Request - /);
    await expectRefused(() => send({ method: 'GET', path: '/parking/org/%ZZ' }), 400);
    await expectRefused(() => send({ method: 'GET', path: '/operator/hails/%E0%A4%A', headers: { authorization: adminAuth() } }), 400);
  });

  it('an over-long URL is a 414', async () => {
    await expectRefused(() => send({ method: 'GET', path: `/parking/org/search?q=${'a'.repeat(9000)}` }), 414);
    const events = await send({
      method: 'GET',
      path: `/api/v1/streams/${'a'.repeat(9000)}/events`,
      headers: { authorization: EVENTS_AUTH },
    });
    expect({ status: events.status, body: events.json }).toEqual({ status: 414, body: expect.stringMatching(/^URI Too Long - /) });
  });

  it('an unsupported Content-Type is a 415 in the platform format', async () => {
    await expectRefused(
      () => send({ method: 'POST', path: '/parking/user', headers: { 'content-type': 'text/plain' }, body: 'hello' }),
      415,
    );
  });
});

describe('authentication comes before the body', () => {
  it.each([
    ['invalid JSON', 'application/json', '{"org_id":'],
    ['too deep', 'application/json', '['.repeat(100) + ']'.repeat(100)],
    ['unsupported type', 'text/plain', 'hello'],
    ['invalid fields', 'application/json', '{"org_id":"x"}'],
  ])('%s without credentials is a 401 on parking, operator and events', async (_name, contentType, body) => {
    await expectRefused(() => send({ method: 'POST', path: '/parking/pass/borrow', headers: { 'content-type': contentType }, body }), 401);
    await expectRefused(() => send({ method: 'POST', path: '/operator/taxis', headers: { 'content-type': contentType }, body }), 401);
    const events = await send({
      method: 'POST',
      path: '/api/v1/streams/s/events',
      headers: { 'content-type': contentType, 'x-producer-id': 'p' },
      body,
    });
    expect({ status: events.status, body: events.json }).toEqual({ status: 401, body: 'Unauthorized' });
  });
});

describe('messages name the actual fault, one entry per faulty field', () => {
  it('a hail without customer_lon says it is required', async () => {
    const { customer_lon: _dropped, ...rest } = hail({}).data[0];
    const response = await expectRefused(
      () => sendJson('POST', '/operator/hails', { data: [rest] }, { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      400,
      'data[0].customer_lon',
    );
    expect(messageOf(response, 'data[0].customer_lon')).toBe('customer_lon is required');
  });

  it('a hail with a string coordinate says what kind is due, not a bound', async () => {
    const response = await expectRefused(
      () => sendJson('POST', '/operator/hails', hail({ customer_lat: 'north' }), { [REGISTRY_HEADER.name]: REGISTRY_HEADER.value }),
      400,
    );
    expect(messageOf(response, 'data[0].customer_lat')).toMatch(/must be a number/);
  });

  it('a login without its fields says which are required', async () => {
    const response = await expectRefused(() => sendJson('POST', '/v1/login', {}), 400);
    expect(response.json).toEqual({
      errors: [
        { code: 400, field: 'username', message: 'username or email is required' },
        { code: 400, field: 'password', message: 'password is required' },
      ],
    });
  });

  it('a repeated search parameter says it must be given once as a string, not a length', async () => {
    const response = await expectRefused(
      () => send({ method: 'GET', path: '/v1/membres?search=a&search=b', headers: { 'user-agent': USER_AGENT } }),
      400,
      'search',
    );
    expect(messageOf(response, 'search')).toBe('search must be a string');
  });
});

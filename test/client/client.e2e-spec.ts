import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import createClient, { type Middleware } from 'openapi-fetch';
import { startFakeRegistry, type FakeRegistry } from '../fake-registry/fake-registry.js';
import { basic, TEST_ADMIN, TEST_EVENTS_CLIENTS } from '../helpers/test-app.js';
import { runPrefix, TEST_REDIS_URL } from '../setup/test-environment.js';
import { API_TYPES_FILE, startBuiltApp, typesOf, type BuiltApp } from './api-types.js';
import type { paths } from './citymove-api.js';
import { ResponseContract } from './response-contract.js';

const REGISTRY = { apiKey: 'client-test-api-key', hailHeader: { name: 'X-Hail-Secret', value: 'client-test-hail-secret' } };
const admin = basic(TEST_ADMIN.user, TEST_ADMIN.password);
const eventsClient = basic('alice', TEST_EVENTS_CLIENTS.alice);

/**
 * A client generated from the document (openapi-typescript + openapi-fetch) drives one scenario
 * through all five modules of the built application, and every answer is held to the document: its
 * status must be listed, its body must match the schema. The committed types must be those of the
 * document the application serves today.
 */
describe('the generated client', () => {
  let app: BuiltApp;
  let registry: FakeRegistry;
  let document: Record<string, unknown>;
  let contract: ResponseContract;
  const problems: string[] = [];

  beforeAll(async () => {
    registry = await startFakeRegistry({ apiKey: REGISTRY.apiKey, hailHeader: REGISTRY.hailHeader, customer: 'none' });
    app = await startBuiltApp(TEST_REDIS_URL, `${runPrefix()}_client`, {
      ADMIN_USER: TEST_ADMIN.user,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      EVENTS_CLIENTS: Object.entries(TEST_EVENTS_CLIENTS)
        .map(([name, password]) => `${name}:${password}`)
        .join(','),
      API_TAXI_URL: registry.url,
      API_TAXI_KEY: REGISTRY.apiKey,
      HAIL_AUTH_HEADER_NAME: REGISTRY.hailHeader.name,
      HAIL_AUTH_HEADER_VALUE: REGISTRY.hailHeader.value,
      PASSWORD_HASH_ROUNDS: '4',
    });
    registry.setOperatorUrl(`${app.url}/operator/hails`);
    document = await app.document();
    contract = new ResponseContract(document as never);
  });
  afterAll(async () => {
    await app?.stop();
    await registry?.close();
  });

  it('has the types of the document the application serves (npm run api:types regenerates them)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8') === (await typesOf(document))).toBe(true);
  });

  /** Every answer is checked against the document, whatever the scenario then asserts. */
  const holdToDocument: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const text = await response.clone().text();
      const body = response.headers.get('content-type')?.includes('json') && text !== '' ? JSON.parse(text) : undefined;
      problems.push(...contract.problems(request.method, schemaPath, response.status, body));
      return undefined;
    },
  };

  it('walks the five modules with typed calls, every answer as documented', async () => {
    const client = createClient<paths>({ baseUrl: app.url, headers: { 'User-Agent': 'citymove-generated-client/1.0' } });
    client.use(holdToDocument);

    // members: sign up, log in, read one's own profile.
    const signUp = await client.POST('/v1/membres', {
      body: { username: 'TypedClem', email: 'typed-clem@example.org', password: 'password-typed-1' },
    });
    expect(signUp.response.status).toBe(201);
    const login = await client.POST('/v1/login', { body: { username: 'TypedClem', password: 'password-typed-1' } });
    expect(login.response.status).toBe(200);
    const member = { Authorization: `Bearer ${login.data!.access_token}` };
    const profile = await client.GET('/v1/membres/monprofil', { headers: member });
    expect(profile.data?.username).toBe('TypedClem');

    // mobility: a bike, a trip by that member, the feed.
    const bike = await client.POST('/mobility/bikes', {
      headers: { Authorization: admin },
      body: { location: { type: 'Point', coordinates: [2.3522, 48.8566] }, status: 'available' },
    });
    expect(bike.response.status).toBe(201);
    const trip = await client.POST('/mobility/trips', { headers: member, body: { bike_id: bike.data!.id } });
    expect(trip.response.status).toBe(201);
    const ended = await client.POST('/mobility/trips/{id}/end', { headers: member, params: { path: { id: trip.data!.id } } });
    expect(ended.response.status).toBe(200);
    expect((await client.GET('/mobility/gbfs/gbfs.json')).response.status).toBe(200);

    // parking: sign up, sign in, create an organisation.
    await client.POST('/parking/user', {
      body: { first_name: 'Ada', last_name: 'Lovelace', email: 'typed-ada@example.org', password: 'correct horse battery' },
    });
    const auth = await client.POST('/parking/user/auth', { body: { email: 'typed-ada@example.org', password: 'correct horse battery' } });
    const parking = { Authorization: `Bearer ${auth.data!.access_token}` };
    expect((await client.GET('/parking/me', { headers: parking })).response.status).toBe(200);
    const org = await client.POST('/parking/org', { headers: parking, body: { name: 'Lycée typé', timezone: 'Europe/Paris' } });
    expect(org.response.status).toBe(201);

    // operator: a taxi, a hail from the registry, the driver's list and answer.
    const taxi = await client.POST('/operator/taxis', {
      headers: { Authorization: admin },
      body: { id: 'typed-taxi-1', phone_number: '0612345678' },
    });
    expect(taxi.response.status).toBe(201);
    const hail = await registry.sendHail({ taxiId: 'typed-taxi-1' });
    const driver = { Authorization: `Bearer ${taxi.data!.token}` };
    await registry.waitForStatus(hail.id, 'received_by_taxi');
    const hails = await client.GET('/operator/driver/hails', { headers: driver });
    expect(hails.data?.map((listed) => listed.id)).toContain(hail.id);
    expect(
      (await client.POST('/operator/driver/hails/{id}/accept', { headers: driver, params: { path: { id: hail.id } } })).response.status,
    ).toBe(200);
    expect(
      (await client.GET('/operator/hails/{id}', { headers: { Authorization: admin }, params: { path: { id: hail.id } } })).response.status,
    ).toBe(200);

    // events: append, consume, acknowledge.
    const appended = await client.POST('/api/v1/streams/{streamName}/events', {
      headers: { Authorization: eventsClient },
      params: { path: { streamName: 'typed.orders' }, header: { 'X-Producer-ID': 'typed-producer' } },
      body: {
        event: { name: 'OrderPlaced', version: 1 },
        system: { id: 'shop', name: 'shop', time: '2026-12-01 10:00:00', timezone: 'Europe/Paris' },
        trigger: { type: 'system', name: 'checkout' },
        payload: { orderId: 42 },
      },
    });
    expect(appended.response.status).toBe(200);
    const consumed = await client.GET('/api/v1/streams/{streamName}/events', {
      headers: { Authorization: eventsClient },
      params: {
        path: { streamName: 'typed.orders' },
        query: { eventName: 'OrderPlaced', limit: 10 },
        header: { 'X-Consumer-ID': 'typed-consumer' },
      },
    });
    expect(consumed.response.status).toBe(200);

    expect(problems).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAuth } from '../helpers/test-app.js';
import { eventually, REGISTRY_HEADER, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

const validHail = (id: string, taxiId: string) => ({
  data: [
    {
      id,
      status: 'received',
      operateur: 'operator@example.com',
      taxi: { id: taxiId, position: { lon: null, lat: null } },
      customer_lon: 2.35,
      customer_lat: 48.86,
      customer_address: '25 rue Quincampoix 75004 Paris',
      customer_phone_number: '0600000000',
      some_future_field: { nested: true },
    },
  ],
});

describe('operator: the hail endpoint, the fleet and the driver realm', () => {
  let harness: OperatorHarness;
  let taxi: { id: string; token: string; phone: string };

  const post = (body: unknown, header: string | null = REGISTRY_HEADER.value) => {
    const request = harness.testApp.http().post('/operator/hails');
    if (header !== null) request.set(REGISTRY_HEADER.name, header);
    return request.send(body as object);
  };
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => harness.testApp.sql<T>(text, params);
  const count = async (table: string, hailId: string, column = 'id') =>
    Number((await sql<{ n: number | string }>(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [hailId]))[0].n);

  beforeAll(async () => {
    harness = await startOperatorHarness();
    taxi = await harness.registerTaxi();
  });
  afterAll(() => harness.close());

  it('refuses a wrong or missing registry header with 401 and stores nothing', async () => {
    for (const header of ['wrong', null]) {
      const response = await post(validHail('hdr-1', taxi.id), header).expect(401);
      expect(response.headers['www-authenticate']).toBeDefined();
      expect(response.body.errors[0].code).toBe(401);
    }
    expect(await count('operator_hails', 'hdr-1')).toBe(0);
  });

  it('ignores unknown fields and answers with the taxi phone', async () => {
    const response = await post(validHail('tolerant-1', taxi.id)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ data: [{ taxi_phone_number: taxi.phone }] });
    const stored = await harness.testApp.http().get('/operator/hails/tolerant-1').set('Authorization', adminAuth()).expect(200);
    expect(stored.body).toMatchObject({ id: 'tolerant-1', taxi_id: taxi.id, operateur: 'operator@example.com', customer_lat: 48.86 });
    expect(stored.body.created_at).toMatch(/Z$/);

    // Its first status change reaches the event store through the relay, once.
    const events = await eventually(
      async () => {
        const stored = await sql<{ event_name: string; sequence: unknown; payload: string | Record<string, unknown> }>(
          `SELECT event_name, sequence, payload FROM events WHERE stream = 'operator.hails'`,
        );
        // jsonb on PostgreSQL, its text on SQLite: filtered here rather than with a dialect's JSON operator.
        const found = stored
          .map((row) => ({
            ...row,
            payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
          }))
          .filter((row) => row.payload.hail_id === 'tolerant-1');
        return found.length > 0 ? found : undefined;
      },
      3000,
      'event stored',
    );
    expect(events[0]).toMatchObject({
      event_name: 'HailStatusChanged',
      payload: { hail_id: 'tolerant-1', from: null, to: 'received', cause: 'registry', taxi_id: taxi.id },
    });
    const unpublished = await sql<{ n: number | string }>(
      "SELECT count(*) AS n FROM operator_hail_transitions WHERE hail_id = $1 AND to_status = 'received' AND published_at IS NULL",
      ['tolerant-1'],
    );
    expect(Number(unpublished[0].n)).toBe(0);
  });

  it.each([
    ['no data', {}, 'data'],
    ['two hails', { data: [validHail('x1', 'y').data[0], validHail('x2', 'y').data[0]] }, 'data'],
    ['missing id', { data: [{ ...validHail('', 't').data[0], id: undefined }] }, 'data[0].id'],
    ['missing taxi id', { data: [{ ...validHail('bad-2', 't').data[0], taxi: {} }] }, 'data[0].taxi.id'],
    ['latitude out of range', { data: [{ ...validHail('bad-3', 't').data[0], customer_lat: 123 }] }, 'data[0].customer_lat'],
    ['longitude as text', { data: [{ ...validHail('bad-4', 't').data[0], customer_lon: '2.35' }] }, 'data[0].customer_lon'],
    ['no address', { data: [{ ...validHail('bad-5', 't').data[0], customer_address: undefined }] }, 'data[0].customer_address'],
    ['no phone', { data: [{ ...validHail('bad-6', 't').data[0], customer_phone_number: 33 }] }, 'data[0].customer_phone_number'],
    ['an array body', [1, 2], 'data'],
  ])('refuses %s with 400 in the platform format, storing nothing', async (_label, body, field) => {
    const response = await post(body).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(response.body.errors[0].code).toBe(400);
    const hails = await sql(`SELECT id FROM operator_hails WHERE id LIKE 'bad-%' OR id IN ('x1','x2')`);
    expect(hails).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await harness.testApp
      .http()
      .post('/operator/hails')
      .set(REGISTRY_HEADER.name, REGISTRY_HEADER.value)
      .set('Content-Type', 'application/json')
      .send('{"data": [')
      .expect(400);
    expect(response.body.errors[0].code).toBe(400);
  });

  it('answers 404 for a taxi that is not ours, storing nothing', async () => {
    const response = await post(validHail('stranger-1', 'not-our-taxi')).expect(404);
    expect(response.body.errors[0]).toMatchObject({ code: 404, field: 'data[0].taxi.id' });
    expect(await count('operator_hails', 'stranger-1')).toBe(0);
  });

  it('takes the same hail id posted ten times at once as one hail with one job', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(validHail('dup-1', taxi.id))));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: [{ taxi_phone_number: taxi.phone }] });
    }
    expect(await count('operator_hails', 'dup-1')).toBe(1);
    expect(await count('operator_hail_updates', 'dup-1', 'hail_id')).toBe(1);
    const received = await sql<{ n: number | string }>(
      "SELECT count(*) AS n FROM operator_hail_transitions WHERE hail_id = $1 AND to_status = 'received'",
      ['dup-1'],
    );
    expect(Number(received[0].n)).toBe(1);
    // And once more, later, after its job ran.
    await post(validHail('dup-1', taxi.id)).expect(200);
    expect(await count('operator_hail_updates', 'dup-1', 'hail_id')).toBe(1);
  });

  it('describes every operator route and its security scheme in the OpenAPI document', async () => {
    const document = (await harness.testApp.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: Array<Record<string, unknown>>; tags?: string[] }>>;
    };
    const security = (path: string, method: string) => Object.keys(document.paths[path]?.[method]?.security?.[0] ?? {});
    expect(security('/operator/hails', 'post')).toEqual(['registry-header']);
    expect(security('/operator/hails', 'get')).toEqual(['admin-basic']);
    expect(security('/operator/hails/{id}', 'get')).toEqual(['admin-basic']);
    expect(security('/operator/taxis', 'post')).toEqual(['admin-basic']);
    expect(security('/operator/taxis/{id}', 'get')).toEqual(['admin-basic']);
    expect(security('/operator/driver/hails', 'get')).toEqual(['taxi-token']);
    for (const action of ['accept', 'decline', 'customer-on-board', 'finish', 'incident']) {
      expect(security(`/operator/driver/hails/{id}/${action}`, 'post')).toEqual(['taxi-token']);
    }
  });

  describe('fleet (admin Basic)', () => {
    it('registers a taxi once, shows its token once, refuses a duplicate id and bad fields', async () => {
      const created = await harness.testApp
        .http()
        .post('/operator/taxis')
        .set('Authorization', adminAuth())
        .send({ id: 'fleet-1', phone_number: '0611223344', driver_name: 'Jeanne', licence_plate: 'AB-123-CD' })
        .expect(201);
      expect(created.body).toMatchObject({ id: 'fleet-1', phone_number: '0611223344', driver_name: 'Jeanne', licence_plate: 'AB-123-CD' });
      expect(typeof created.body.token).toBe('string');
      const stored = await sql<{ token_hash: string }>('SELECT token_hash FROM operator_taxis WHERE id = $1', ['fleet-1']);
      expect(stored[0].token_hash).not.toBe(created.body.token);

      await harness.testApp
        .http()
        .post('/operator/taxis')
        .set('Authorization', adminAuth())
        .send({ id: 'fleet-1', phone_number: '0611223344' })
        .expect(409);
      const bad = await harness.testApp
        .http()
        .post('/operator/taxis')
        .set('Authorization', adminAuth())
        .send({ id: 'fleet-2', phone_number: 'call me', extra: 1 })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'phone_number']);

      const one = await harness.testApp.http().get('/operator/taxis/fleet-1').set('Authorization', adminAuth()).expect(200);
      expect(one.body.token).toBeUndefined();
      await harness.testApp.http().get('/operator/taxis/nope').set('Authorization', adminAuth()).expect(404);
      const list = await harness.testApp.http().get('/operator/taxis?perPage=1').set('Authorization', adminAuth()).expect(200);
      expect(list.body).toHaveLength(1);
      expect(Number(list.headers['x-total-count'])).toBeGreaterThanOrEqual(2);
      expect(list.headers.link).toContain('rel="next"');
    });

    it('refuses admin routes without admin credentials', async () => {
      for (const path of ['/operator/taxis', '/operator/hails', '/operator/hails/tolerant-1']) {
        const response = await harness.testApp.http().get(path).expect(401);
        expect(response.headers['www-authenticate']).toMatch(/^Basic/);
      }
    });

    it('lists hails newest first, filtered by status and taxi, paginated', async () => {
      const all = await harness.testApp.http().get(`/operator/hails?taxi_id=${taxi.id}`).set('Authorization', adminAuth()).expect(200);
      expect(all.body.map((h: { id: string }) => h.id)).toEqual(['dup-1', 'tolerant-1']);
      const page = await harness.testApp
        .http()
        .get(`/operator/hails?taxi_id=${taxi.id}&perPage=1&page=2`)
        .set('Authorization', adminAuth())
        .expect(200);
      expect(page.body.map((h: { id: string }) => h.id)).toEqual(['tolerant-1']);
      expect(page.headers['x-total-count']).toBe('2');
      expect(page.headers.link).toContain(`taxi_id=${taxi.id}`);
      const none = await harness.testApp
        .http()
        .get('/operator/hails?status=finished&taxi_id=nobody')
        .set('Authorization', adminAuth())
        .expect(200);
      expect(none.body).toEqual([]);
      await harness.testApp.http().get('/operator/hails?status=flying').set('Authorization', adminAuth()).expect(400);
      await harness.testApp.http().get('/operator/hails?page=0').set('Authorization', adminAuth()).expect(400);
      await harness.testApp.http().get('/operator/hails?page=99').set('Authorization', adminAuth()).expect(404);
    });
  });

  describe('driver realm (taxi token)', () => {
    it('refuses a missing or unknown token with 401 and the taxi challenge', async () => {
      for (const auth of [undefined, 'Bearer not-a-real-token-at-all-000000', adminAuth()]) {
        const request = harness.testApp.http().get('/operator/driver/hails');
        if (auth) request.set('Authorization', auth);
        const response = await request.expect(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="taxi"');
      }
    });

    it("answers 404 for another taxi's hail and changes nothing", async () => {
      const other = await harness.registerTaxi();
      await post(validHail('mine-1', taxi.id)).expect(200);
      await harness.testApp.http().post('/operator/driver/hails/mine-1/accept').set('Authorization', `Bearer ${other.token}`).expect(404);
      await harness.testApp.http().post('/operator/driver/hails/nope/accept').set('Authorization', `Bearer ${other.token}`).expect(404);
      const theirs = await harness.testApp.http().get('/operator/driver/hails').set('Authorization', `Bearer ${other.token}`).expect(200);
      expect(theirs.body).toEqual([]);
    });

    it('lets exactly one of two racing answers win (accept vs decline)', async () => {
      const racer = await harness.registerTaxi();
      // A hail the registry really sent, so that received_by_taxi lands and the hail stays open.
      await harness.registry.sendHail({ taxiId: racer.id, id: 'race-1' });
      await harness.registry.waitForStatus('race-1', 'received_by_taxi');
      const auth = `Bearer ${racer.token}`;
      const [a, b] = await Promise.all([
        harness.testApp.http().post('/operator/driver/hails/race-1/accept').set('Authorization', auth),
        harness.testApp.http().post('/operator/driver/hails/race-1/decline').set('Authorization', auth),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect(await count('operator_hail_updates', 'race-1', 'hail_id')).toBe(2);
      const answers = await sql<{ n: number | string }>(
        "SELECT count(*) AS n FROM operator_hail_transitions WHERE hail_id = $1 AND cause = 'driver'",
        ['race-1'],
      );
      expect(Number(answers[0].n)).toBe(1);
    });
  });
});

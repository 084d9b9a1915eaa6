import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

interface DriverStatus {
  status: string | null;
  read_at: string | null;
  requested: string | null;
  requested_at: string | null;
  last_error: string | null;
}

describe('operator: the taxi at the registry (PUT/GET /operator/driver/status)', () => {
  let harness: OperatorHarness;
  const statusOf = async (token: string) => {
    const response = await harness.testApp.http().get('/operator/driver/status').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return response.body as DriverStatus;
  };
  const waitForStatus = (token: string, wanted: Partial<DriverStatus>, label: string) =>
    eventually(
      async () => {
        const status = await statusOf(token);
        return Object.entries(wanted).every(([key, value]) => status[key as keyof DriverStatus] === value) ? status : undefined;
      },
      8000,
      label,
    );

  beforeAll(async () => {
    harness = await startOperatorHarness({ env: { TAXI_STATUS_POLL_MS: '200' } });
  });
  afterAll(() => harness.close());

  it('sets the status at the registry as durable work and shows what the registry holds', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'off');
    expect(await statusOf(taxi.token)).toEqual({ status: null, read_at: null, requested: null, requested_at: null, last_error: null });

    const put = await harness.testApp
      .http()
      .put('/operator/driver/status')
      .set('Authorization', `Bearer ${taxi.token}`)
      .send({ status: 'free' });
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ requested: 'free' });

    const shown = await waitForStatus(taxi.token, { status: 'free', requested: null }, 'registry status free');
    expect(shown.read_at).not.toBeNull();
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('free');
    const puts = harness.registry.requests.filter((request) => request.method === 'PUT' && request.path === `/api/v1/taxis/${taxi.id}`);
    expect(puts.map((request) => request.json)).toEqual([{ data: [{ status: 'free' }] }]);
    expect(puts[0].headers['x-api-key']).toBeDefined();
  });

  it('learns that the registry turned the taxi off (after a decline), then the driver comes back free', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'off');
    const auth = `Bearer ${taxi.token}`;
    await harness.testApp.http().put('/operator/driver/status').set('Authorization', auth).send({ status: 'free' }).expect(202);
    await waitForStatus(taxi.token, { status: 'free', requested: null }, 'free at first');

    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 4000);
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/decline`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'declined_by_taxi', 4000);
    // The registry's side effect of declined_by_taxi (APITaxi2 _set_hail_status).
    harness.registry.setTaxiStatus(taxi.id, 'off');

    const off = await waitForStatus(taxi.token, { status: 'off' }, 'registry turned the taxi off');
    expect(off.requested).toBeNull();
    const reads = harness.registry.requests.filter((request) => request.method === 'GET' && request.path === `/api/v1/taxis/${taxi.id}`);
    expect(reads.length).toBeGreaterThan(0);

    // Off: no more polling (the registry is asked again only after the driver's next request or hail).
    const readsWhenOff = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    const readsLater = harness.registry.requests.filter(
      (request) => request.method === 'GET' && request.path === `/api/v1/taxis/${taxi.id}`,
    ).length;
    expect(readsLater - readsWhenOff).toBeLessThanOrEqual(1);

    await harness.testApp.http().put('/operator/driver/status').set('Authorization', auth).send({ status: 'free' }).expect(202);
    await waitForStatus(taxi.token, { status: 'free', requested: null }, 'free again');
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('free');
  });

  it('reads the status every TAXI_STATUS_POLL_MS while the taxi is not off', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'off');
    await harness.testApp
      .http()
      .put('/operator/driver/status')
      .set('Authorization', `Bearer ${taxi.token}`)
      .send({ status: 'occupied' })
      .expect(202);
    await waitForStatus(taxi.token, { status: 'occupied', requested: null }, 'occupied');
    harness.registry.setTaxiStatus(taxi.id, 'off');
    await waitForStatus(taxi.token, { status: 'off' }, 'off learnt by polling');
  });

  it('keeps delivering through registry failures (503s, then an answer)', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setTaxiStatus(taxi.id, 'off');
    harness.registry.failNextTaxiCalls(3, 503);
    const put = await harness.testApp
      .http()
      .put('/operator/driver/status')
      .set('Authorization', `Bearer ${taxi.token}`)
      .send({ status: 'free' });
    expect(put.status).toBe(202);
    expect(put.body.requested).toBe('free');
    await waitForStatus(taxi.token, { status: 'free', requested: null, last_error: null }, 'free after the failures');
    const puts = harness.registry.requests.filter((request) => request.method === 'PUT' && request.path === `/api/v1/taxis/${taxi.id}`);
    // Other taxis' polls share the forced failures: this taxi got some of them, then its 200.
    const answers = puts.map((request) => request.answerStatus);
    expect(answers.at(-1)).toBe(200);
    expect(answers.slice(0, -1).every((status) => status === 503)).toBe(true);
  }, 30_000);

  it('tells the driver when the registry refuses the request for good (a taxi it does not know)', async () => {
    const taxi = await harness.registerTaxi();
    await harness.testApp
      .http()
      .put('/operator/driver/status')
      .set('Authorization', `Bearer ${taxi.token}`)
      .send({ status: 'free' })
      .expect(202);
    const failed = await eventually(
      async () => {
        const status = await statusOf(taxi.token);
        return status.last_error ? status : undefined;
      },
      8000,
      'request refused',
    );
    expect(failed.last_error).toMatch(/404/);
    expect(failed.requested).toBeNull();
    expect(failed.status).toBeNull();
  });

  it('refuses bad input with a 400 and changes nothing', async () => {
    const taxi = await harness.registerTaxi();
    const bodies: unknown[] = [
      {},
      { status: 'answering' },
      { status: 'FREE' },
      { status: null },
      { status: 1 },
      { status: 'free', radius: 200 },
      [],
    ];
    for (const body of bodies) {
      const response = await harness.testApp
        .http()
        .put('/operator/driver/status')
        .set('Authorization', `Bearer ${taxi.token}`)
        .send(body as object);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    await harness.testApp.http().put('/operator/driver/status').send({ status: 'free' }).expect(401);
    await harness.testApp.http().get('/operator/driver/status').expect(401);
    expect(await statusOf(taxi.token)).toMatchObject({ status: null, requested: null });
  });
});

describe('operator: the taxi status is read back when a hail ends', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    // Polling too slow to matter: only the read after the hail's end can learn the registry's change.
    harness = await startOperatorHarness({ env: { TAXI_STATUS_POLL_MS: '600000' } });
  });
  afterAll(() => harness.close());

  it('learns the registry turned the taxi off after a decline, without waiting for the poll', async () => {
    const taxi = await harness.registerTaxi();
    const auth = `Bearer ${taxi.token}`;
    harness.registry.setTaxiStatus(taxi.id, 'off');
    await harness.testApp.http().put('/operator/driver/status').set('Authorization', auth).send({ status: 'free' }).expect(202);
    await eventually(async () => (harness.registry.taxiStatusOf(taxi.id) === 'free' ? true : undefined), 5000, 'free at the registry');

    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 4000);
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/decline`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'declined_by_taxi', 4000);
    harness.registry.setTaxiStatus(taxi.id, 'off');

    const started = Date.now();
    const off = await eventually(
      async () => {
        const response = await harness.testApp.http().get('/operator/driver/status').set('Authorization', auth);
        return response.body.status === 'off' ? response.body : undefined;
      },
      8000,
      'off after the hail ended',
    );
    console.log(`[figure] taxi status off learnt ${Date.now() - started} ms after the registry's decline`);
    expect(off.status).toBe('off');
  });
});

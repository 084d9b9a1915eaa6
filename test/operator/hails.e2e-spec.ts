import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DomainEventsPublisher } from '../../src/events/domain-events.publisher.js';
import { adminAuth } from '../helpers/test-app.js';
import { eventually, REGISTRY_API_KEY, sleep, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

async function localHail(harness: OperatorHarness, id: string) {
  const response = await harness.testApp.http().get(`/operator/hails/${id}`).set('Authorization', adminAuth());
  return response.body as {
    status: string;
    transitions: Array<{ from: string | null; to: string; cause: string }>;
    registry_calls: Array<{ method: string; body: unknown; answer_status: number | null; attempt: number }>;
  };
}

const localStatus = (harness: OperatorHarness, id: string, status: string) =>
  eventually(
    async () => {
      const hail = await localHail(harness, id);
      return hail.status === status ? hail : undefined;
    },
    5000,
    `local status ${status}`,
  );

describe('operator: the hail lifecycle against the fake registry', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    harness = await startOperatorHarness();
  });
  afterAll(() => harness.close());

  it('takes a hail, answers with the taxi phone, and gets received_by_taxi to the registry', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    expect(hail.operatorAnswer).toEqual({ status: 200, body: { data: [{ taxi_phone_number: taxi.phone }] } });
    expect(hail.taxi_phone_number).toBe(taxi.phone);
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 3000);

    const put = harness.registry.putsFor(hail.id).find((request) => request.answerStatus === 200)!;
    expect(put.path).toBe(`/api/v1/hails/${hail.id}`);
    expect(put.headers['x-api-key']).toBe(REGISTRY_API_KEY);
    expect(put.headers['content-type']).toMatch(/^application\/json/);
    expect(put.json).toEqual({ data: [{ status: 'received_by_taxi' }] });

    const local = await localStatus(harness, hail.id, 'received_by_taxi');
    expect(local.transitions.map((t) => t.to)).toEqual(['received', 'received_by_taxi']);
    expect(local.registry_calls.at(-1)).toMatchObject({
      method: 'PUT',
      answer_status: 200,
      body: { data: [{ status: 'received_by_taxi' }] },
    });
  });

  it('goes all the way to finished: accept, customer accepts, on board, finish', async () => {
    const publish = jest.spyOn(harness.testApp.app.get(DomainEventsPublisher), 'publish');
    const taxi = await harness.registerTaxi();
    const driver = () => harness.testApp.http();
    const auth = `Bearer ${taxi.token}`;
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');

    const list = await driver().get('/operator/driver/hails').set('Authorization', auth).expect(200);
    expect(list.body.map((h: { id: string }) => h.id)).toContain(hail.id);

    await driver().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi');
    expect(harness.registry.putsFor(hail.id).at(-1)!.json).toEqual({
      data: [{ status: 'accepted_by_taxi', taxi_phone_number: taxi.phone }],
    });

    // Before the customer has answered, the registry would refuse customer_on_board: so do we.
    await driver().post(`/operator/driver/hails/${hail.id}/customer-on-board`).set('Authorization', auth).expect(409);

    harness.registry.customerAccepts(hail.id);
    await localStatus(harness, hail.id, 'accepted_by_customer');
    await driver().post(`/operator/driver/hails/${hail.id}/customer-on-board`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'customer_on_board');
    await driver().post(`/operator/driver/hails/${hail.id}/finish`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(hail.id, 'finished');

    const local = await localStatus(harness, hail.id, 'finished');
    expect(local.transitions.map((t) => `${t.to}:${t.cause}`)).toEqual([
      'received:registry',
      'received_by_taxi:registry',
      'accepted_by_taxi:driver',
      'accepted_by_customer:registry-poll',
      'customer_on_board:driver',
      'finished:driver',
    ]);
    expect(
      harness.registry
        .putsFor(hail.id)
        .filter((p) => p.answerStatus === 200)
        .map((p) => (p.json as { data: Array<{ status: string }> }).data[0].status),
    ).toEqual(['received_by_taxi', 'accepted_by_taxi', 'customer_on_board', 'finished']);
    // Every status change reaches the event store, once, in order, through the relay's transaction.
    const events = await eventually(
      async () => {
        const published = publish.mock.calls.map(([event]) => event).filter((event) => event.payload.hail_id === hail.id);
        return published.length >= local.transitions.length ? published : undefined;
      },
      3000,
      'events published',
    );
    expect(events.map((event) => event.payload.to)).toEqual(local.transitions.map((t) => t.to));
    expect(events.map((event) => event.payload.from)).toEqual(local.transitions.map((t) => t.from));
    for (const event of events) {
      expect(event).toMatchObject({ stream: 'operator.hails', producerId: 'citymove.operator', name: 'HailStatusChanged', version: 1 });
      expect(event.payload.taxi_id).toBe(taxi.id);
    }
    for (const call of publish.mock.calls.filter(([event]) => event.payload.hail_id === hail.id)) expect(call[1]).toBeDefined();
    publish.mockRestore();
  });

  it('declines', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/decline`).set('Authorization', `Bearer ${taxi.token}`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'declined_by_taxi');
    await localStatus(harness, hail.id, 'declined_by_taxi');
    // Declined is final: a late accept is an impossible transition.
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(409);
  });

  it('reports an incident with a reason, and refuses an unknown reason', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    const auth = `Bearer ${taxi.token}`;
    const bad = await harness.testApp
      .http()
      .post(`/operator/driver/hails/${hail.id}/incident`)
      .set('Authorization', auth)
      .send({ reason: 'aliens' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('reason');
    await harness.testApp
      .http()
      .post(`/operator/driver/hails/${hail.id}/incident`)
      .set('Authorization', auth)
      .send({ reason: 'traffic' })
      .expect(200);
    await harness.registry.waitForStatus(hail.id, 'incident_taxi');
    expect(harness.registry.hail(hail.id)!.incident_taxi_reason).toBe('traffic');
  });

  it('records the customer declining, learnt by reading the hail back', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi');
    harness.registry.customerDeclines(hail.id);
    const local = await localStatus(harness, hail.id, 'declined_by_customer');
    expect(local.transitions.at(-1)).toMatchObject({ from: 'accepted_by_taxi', to: 'declined_by_customer', cause: 'registry-poll' });
    expect(local.registry_calls.some((call) => call.method === 'GET' && call.answer_status === 200)).toBe(true);
    await harness.testApp
      .http()
      .post(`/operator/driver/hails/${hail.id}/customer-on-board`)
      .set('Authorization', `Bearer ${taxi.token}`)
      .expect(409);
  });

  it("retries a driver answer through 5xx, and takes a 4xx as the registry's final word", async () => {
    const taxi = await harness.registerTaxi();
    const auth = `Bearer ${taxi.token}`;
    const retried = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, retried.id, 'received_by_taxi');
    harness.registry.failNextPuts(2, 503);
    await harness.testApp.http().post(`/operator/driver/hails/${retried.id}/decline`).set('Authorization', auth).expect(200);
    await harness.registry.waitForStatus(retried.id, 'declined_by_taxi', 4000);
    expect(harness.registry.putsFor(retried.id).map((p) => p.answerStatus)).toEqual([200, 503, 503, 200]);

    const refused = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, refused.id, 'received_by_taxi');
    harness.registry.failNextPuts(1, 403);
    await harness.testApp.http().post(`/operator/driver/hails/${refused.id}/accept`).set('Authorization', auth).expect(200);
    const local = await eventually(
      async () => {
        const hail = await localHail(harness, refused.id);
        return hail.registry_calls.some((call) => call.answer_status === 403) ? hail : undefined;
      },
      4000,
      'the 403 recorded',
    );
    await sleep(300);
    // One try, no retry: the refusal is final and recorded.
    expect(harness.registry.putsFor(refused.id).map((p) => p.answerStatus)).toEqual([200, 403]);
    expect(local.registry_calls.filter((call) => call.method === 'PUT').map((call) => call.answer_status)).toEqual([200, 403]);
  });

  it('sends the accept only after received_by_taxi, even when the driver answers first', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.failNextPuts(3, 503);
    const sent = harness.registry.sendHail({ taxiId: taxi.id });
    const hailId = await eventually(async () => [...harness.registry.hails.values()].find((h) => h.taxi_id === taxi.id)?.id);
    await sent;
    // The driver accepts while received_by_taxi is still being retried.
    await harness.testApp.http().post(`/operator/driver/hails/${hailId}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(200);
    await harness.registry.waitForStatus(hailId, 'accepted_by_taxi', 4000);
    const statuses = harness.registry
      .putsFor(hailId)
      .filter((p) => p.answerStatus === 200)
      .map((p) => (p.json as { data: Array<{ status: string }> }).data[0].status);
    expect(statuses).toEqual(['received_by_taxi', 'accepted_by_taxi']);
  });
});

describe('operator: the registry misbehaving, deadlines', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    harness = await startOperatorHarness({ registry: { processingDelayMs: 300 } });
  });
  afterAll(() => harness.close());

  it('rides out the early-race 400: retried until the registry has processed our 200, in time', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 3000);
    const answers = harness.registry.putsFor(hail.id).map((p) => p.answerStatus);
    expect(answers[0]).toBe(400);
    expect(answers.at(-1)).toBe(200);
    const local = await localStatus(harness, hail.id, 'received_by_taxi');
    const calls = local.registry_calls.filter((c) => c.method === 'PUT');
    expect(calls[0]).toMatchObject({ answer_status: 400, attempt: 1 });
    expect(calls.at(-1)).toMatchObject({ answer_status: 200, attempt: calls.length });
  });

  it('retries through registry 500s then succeeds', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.failNextPuts(3, 500);
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 3000);
    const local = await localStatus(harness, hail.id, 'received_by_taxi');
    expect(local.registry_calls.filter((c) => c.answer_status === 500)).toHaveLength(3);
  });

  it('marks the hail failure locally when received_by_taxi cannot be delivered before the deadline', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.failNextPuts(10_000, 502);
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'failure', 4000);
    const local = await localStatus(harness, hail.id, 'failure');
    harness.registry.failNextPuts(0);
    // Ours ('deadline'), or the registry's own failure seen by the last look before giving up ('registry').
    expect(local.transitions.at(-1)).toMatchObject({ from: 'received', to: 'failure' });
    expect(['deadline', 'registry']).toContain(local.transitions.at(-1)!.cause);
    expect(local.registry_calls.length).toBeGreaterThan(3);
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(410);
  });

  it('times the taxi out after the decision window: 410 for the driver', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 3000);
    await localStatus(harness, hail.id, 'timeout_taxi');
    await harness.registry.waitForStatus(hail.id, 'timeout_taxi', 3000);
    const response = await harness.testApp
      .http()
      .post(`/operator/driver/hails/${hail.id}/accept`)
      .set('Authorization', `Bearer ${taxi.token}`)
      .expect(410);
    expect(response.body.errors[0].code).toBe(410);
    await sleep(10);
  });
});

describe('operator: AUTO_ACCEPT, as the reference example server', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    harness = await startOperatorHarness({ env: { AUTO_ACCEPT: 'true' }, registry: { customer: 'accept' } });
  });
  afterAll(() => harness.close());

  it('accepts every hail with the taxi phone right after received_by_taxi, then follows the customer', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await harness.registry.waitForStatus(hail.id, 'accepted_by_customer', 4000);
    const statuses = harness.registry
      .putsFor(hail.id)
      .filter((p) => p.answerStatus === 200)
      .map((p) => p.json);
    expect(statuses).toEqual([
      { data: [{ status: 'received_by_taxi' }] },
      { data: [{ status: 'accepted_by_taxi', taxi_phone_number: taxi.phone }] },
    ]);
    const local = await localStatus(harness, hail.id, 'accepted_by_customer');
    expect(local.transitions.map((t) => `${t.to}:${t.cause}`)).toEqual([
      'received:registry',
      'received_by_taxi:registry',
      'accepted_by_taxi:auto-accept',
      'accepted_by_customer:registry-poll',
    ]);
  });
});

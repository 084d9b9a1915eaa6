import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DueWorkItem } from '../../src/database/due-work/due-work.entity.js';
import { TransactionRunner } from '../../src/database/transaction-runner.js';
import { DomainEventsPublisher } from '../../src/events/domain-events.publisher.js';
import { HailLifecycleService } from '../../src/operator/hail-lifecycle.service.js';
import { adminAuth } from '../helpers/test-app.js';
import { eventually, REGISTRY_API_KEY, sleep, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

interface LocalHail {
  status: string;
  customer_phone_number: string;
  status_deadline_at: string | null;
  transitions: Array<{ from: string | null; to: string; cause: string }>;
}

async function localHail(harness: OperatorHarness, id: string): Promise<LocalHail> {
  const response = await harness.testApp.http().get(`/operator/hails/${id}`).set('Authorization', adminAuth());
  return response.body as LocalHail;
}

const localStatus = (harness: OperatorHarness, id: string, status: string, timeoutMs = 6000) =>
  eventually(
    async () => {
      const hail = await localHail(harness, id);
      return hail.status === status ? hail : undefined;
    },
    timeoutMs,
    `local status ${status}`,
  );

const CUSTOMER_PHONE = '0611223344';
// The registry's timers, scaled down alike on both sides: customer 30 s, pickup 30 min, ride 2 h.
const TIMERS = { customer: 1200, pickup: 1500, ride: 1500 };

describe('operator: every hail followed to its end', () => {
  let harness: OperatorHarness;
  const driver = (token: string) => ({
    post: (path: string, body?: object) =>
      harness.testApp
        .http()
        .post(`/operator/driver/hails/${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body ?? {}),
  });

  beforeAll(async () => {
    harness = await startOperatorHarness({
      env: {
        // The driver's window, on both sides: wide enough for a loaded machine between received_by_taxi
        // and the test's accept (the harness's 1.5 s was missed once); no test here is about it.
        HAIL_DECISION_TIMEOUT_MS: '5000',
        HAIL_POLL_MS: '100',
        HAIL_CUSTOMER_TIMEOUT_MS: String(TIMERS.customer),
        HAIL_PICKUP_TIMEOUT_MS: String(TIMERS.pickup),
        HAIL_RIDE_TIMEOUT_MS: String(TIMERS.ride),
      },
      registry: {
        customerTimeoutMs: TIMERS.customer,
        pickupTimeoutMs: TIMERS.pickup,
        rideTimeoutMs: TIMERS.ride,
        customerPhone: CUSTOMER_PHONE,
      },
    });
  });
  afterAll(() => harness.close());

  async function acceptedHail() {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    await driver(taxi.token).post(`${hail.id}/accept`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi');
    return { taxi, hail };
  }

  it("learns a customer decline during received_by_taxi: the driver's accept is then refused", async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    harness.registry.customerDeclines(hail.id);
    const local = await localStatus(harness, hail.id, 'declined_by_customer');
    expect(local.transitions.at(-1)).toMatchObject({ from: 'received_by_taxi', to: 'declined_by_customer', cause: 'registry-poll' });
    await driver(taxi.token).post(`${hail.id}/accept`).expect(409);
    const list = await harness.testApp.http().get('/operator/driver/hails').set('Authorization', `Bearer ${taxi.token}`).expect(200);
    expect(list.body.map((h: { id: string }) => h.id)).not.toContain(hail.id);
    expect(harness.registry.putsFor(hail.id).map((put) => put.answerStatus)).toEqual([200]);
  });

  it("learns the customer's acceptance with the real phone, then incident_customer: on board is refused", async () => {
    const { taxi, hail } = await acceptedHail();
    harness.registry.customerAccepts(hail.id);
    const accepted = await localStatus(harness, hail.id, 'accepted_by_customer');
    expect(accepted.customer_phone_number).toBe(CUSTOMER_PHONE);
    const list = await harness.testApp.http().get('/operator/driver/hails').set('Authorization', `Bearer ${taxi.token}`).expect(200);
    expect(list.body.find((h: { id: string }) => h.id === hail.id)).toMatchObject({ customer_phone_number: CUSTOMER_PHONE });
    expect(accepted.status_deadline_at).not.toBeNull();

    harness.registry.customerIncident(hail.id);
    await localStatus(harness, hail.id, 'incident_customer');
    await driver(taxi.token).post(`${hail.id}/customer-on-board`).expect(409);
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('free');
  });

  it('mirrors the customer timeout: 410 as soon as the window is over, even with the registry unreadable', async () => {
    const { taxi, hail } = await acceptedHail();
    harness.registry.failNextGets(1000, 503, hail.id);
    await sleep(TIMERS.customer + 200);
    const refused = await driver(taxi.token).post(`${hail.id}/incident`).expect(410);
    expect(refused.body.errors[0].code).toBe(410);
    // The local timer ends it a grace later, the registry being silent.
    const local = await localStatus(harness, hail.id, 'timeout_customer', 6000);
    expect(local.transitions.at(-1)).toMatchObject({ from: 'accepted_by_taxi', to: 'timeout_customer', cause: 'status-timeout' });
    harness.registry.failNextGets(0);
  });

  it('learns timeout_accepted_by_customer (the 30 min pickup) from the registry; the taxi is occupied there', async () => {
    const { taxi, hail } = await acceptedHail();
    harness.registry.customerAccepts(hail.id);
    await localStatus(harness, hail.id, 'accepted_by_customer');
    await harness.registry.waitForStatus(hail.id, 'timeout_accepted_by_customer', TIMERS.pickup + 2000);
    const local = await localStatus(harness, hail.id, 'timeout_accepted_by_customer');
    expect(local.transitions.at(-1)).toMatchObject({ to: 'timeout_accepted_by_customer', cause: 'registry-poll' });
    await driver(taxi.token).post(`${hail.id}/customer-on-board`).expect(410);
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('occupied');
  });

  it('learns the 2 h customer_on_board → timeout_taxi; the taxi is off there', async () => {
    const { taxi, hail } = await acceptedHail();
    harness.registry.customerAccepts(hail.id);
    await localStatus(harness, hail.id, 'accepted_by_customer');
    await driver(taxi.token).post(`${hail.id}/customer-on-board`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'customer_on_board');
    await harness.registry.waitForStatus(hail.id, 'timeout_taxi', TIMERS.ride + 2000);
    await localStatus(harness, hail.id, 'timeout_taxi');
    await driver(taxi.token).post(`${hail.id}/finish`).expect(410);
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('off');
  });

  it('takes the same answer again as a 200 with nothing re-sent', async () => {
    // The statuses the registry took. A received_by_taxi that beats the registry's own processing of
    // its POST gets the early-race 400 and is sent again: that retry is not the answer re-sent.
    const acceptedStatuses = (id: string) =>
      harness.registry
        .putsFor(id)
        .filter((put) => put.answerStatus === 200)
        .map((put) => (put.json as { data: Array<{ status: string }> }).data[0].status);
    const { taxi, hail } = await acceptedHail();
    const again = await driver(taxi.token).post(`${hail.id}/accept`).expect(200);
    expect(again.body.status).toBe('accepted_by_taxi');
    await sleep(300);
    expect(acceptedStatuses(hail.id)).toEqual(['received_by_taxi', 'accepted_by_taxi']);

    const other = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, other.id, 'received_by_taxi');
    await driver(taxi.token).post(`${other.id}/decline`).expect(200);
    await driver(taxi.token).post(`${other.id}/decline`).expect(200);
    await harness.registry.waitForStatus(other.id, 'declined_by_taxi');
    await sleep(300);
    expect(acceptedStatuses(other.id)).toEqual(['received_by_taxi', 'declined_by_taxi']);
    // declined_by_taxi turns the taxi off at the registry (APITaxi2).
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('off');
  });

  it("sends an incident's reason after the incident, once", async () => {
    const { taxi, hail } = await acceptedHail();
    await driver(taxi.token).post(`${hail.id}/incident`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'incident_taxi');
    const withReason = await driver(taxi.token).post(`${hail.id}/incident`, { reason: 'no_show' }).expect(200);
    expect(withReason.body).toMatchObject({ status: 'incident_taxi', incident_taxi_reason: 'no_show' });
    await eventually(async () => (harness.registry.hail(hail.id)!.incident_taxi_reason === 'no_show' ? true : undefined), 3000, 'reason');
    await driver(taxi.token).post(`${hail.id}/incident`, { reason: 'no_show' }).expect(200);
    await driver(taxi.token).post(`${hail.id}/incident`).expect(200);
    await sleep(300);
    expect(harness.registry.putsFor(hail.id).map((put) => put.json)).toEqual([
      { data: [{ status: 'received_by_taxi' }] },
      { data: [{ status: 'accepted_by_taxi', taxi_phone_number: taxi.phone }] },
      { data: [{ status: 'incident_taxi' }] },
      { data: [{ status: 'incident_taxi', incident_taxi_reason: 'no_show' }] },
    ]);
  });

  it('reports the customer (reporting_customer), once; a bad reason is a 400 that changes nothing', async () => {
    const { taxi, hail } = await acceptedHail();
    const bad = await driver(taxi.token).post(`${hail.id}/report`, { reason: 'rude' }).expect(400);
    expect(bad.body.errors[0].field).toBe('reason');
    const reported = await driver(taxi.token).post(`${hail.id}/report`, { reason: 'no_show' }).expect(200);
    expect(reported.body).toMatchObject({ status: 'accepted_by_taxi', reporting_customer_reason: 'no_show' });
    await eventually(async () => (harness.registry.hail(hail.id)!.reporting_customer ? true : undefined), 3000, 'reported');
    expect(harness.registry.hail(hail.id)).toMatchObject({ reporting_customer: true, reporting_customer_reason: 'no_show' });
    await driver(taxi.token).post(`${hail.id}/report`, { reason: 'no_show' }).expect(200);
    await sleep(300);
    const reports = harness.registry.putsFor(hail.id).filter((put) => JSON.stringify(put.json).includes('reporting_customer'));
    expect(reports.map((put) => put.json)).toEqual([{ data: [{ reporting_customer: true, reporting_customer_reason: 'no_show' }] }]);
    // Another taxi's hail is none of this driver's business.
    const stranger = await harness.registerTaxi();
    await driver(stranger.token).post(`${hail.id}/report`, { reason: 'no_show' }).expect(404);
  });

  it('records the received_by_taxi step, in order, when the driver answers before the registry confirmed', async () => {
    const publish = jest.spyOn(harness.testApp.app.get(DomainEventsPublisher), 'publish');
    const taxi = await harness.registerTaxi();
    harness.registry.failNextPuts(3, 503);
    const sent = harness.registry.sendHail({ taxiId: taxi.id });
    const hailId = await eventually(async () => [...harness.registry.hails.values()].find((h) => h.taxi_id === taxi.id)?.id);
    await sent;
    await driver(taxi.token).post(`${hailId}/accept`).expect(200);
    await harness.registry.waitForStatus(hailId, 'accepted_by_taxi', 4000);
    const local = await localHail(harness, hailId);
    expect(local.transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'null>received',
      'received>received_by_taxi',
      'received_by_taxi>accepted_by_taxi',
    ]);
    const events = await eventually(
      async () => {
        const published = publish.mock.calls.map(([event]) => event).filter((event) => event.payload.hail_id === hailId);
        return published.length >= 3 ? published : undefined;
      },
      3000,
      'events published',
    );
    expect(events.map((event) => event.payload.to)).toEqual(['received', 'received_by_taxi', 'accepted_by_taxi']);
    publish.mockRestore();
  });

  it("rebuilds a followed hail's lost watch from its row (the recovery sweep), which then learns the registry's outcome", async () => {
    const { hail } = await acceptedHail();
    harness.registry.customerAccepts(hail.id);
    await localStatus(harness, hail.id, 'accepted_by_customer');
    const transactions = harness.testApp.app.get(TransactionRunner);
    const watchItems = () => transactions.run((manager) => manager.count(DueWorkItem, { where: { kind: 'hail.watch', key: hail.id } }));
    // The watch is lost (an upgrade from before every status was followed, rows edited by hand).
    await eventually(
      async () => {
        await transactions.run((manager) => manager.delete(DueWorkItem, { kind: 'hail.watch', key: hail.id }));
        await sleep(250);
        return (await watchItems()) === 0 ? true : undefined;
      },
      3000,
      'the watch gone',
    );
    harness.registry.customerIncident(hail.id);
    await sleep(400);
    expect((await localHail(harness, hail.id)).status).toBe('accepted_by_customer');

    expect(await harness.testApp.app.get(HailLifecycleService).reconcile()).toBeGreaterThanOrEqual(1);
    expect(await watchItems()).toBe(1);
    await localStatus(harness, hail.id, 'incident_customer');
  });

  it('the fake registry takes a PUT without Content-Type, as the real one', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    const response = await fetch(`${harness.registry.url}/hails/${hail.id}`, {
      method: 'PUT',
      headers: { 'X-Api-Key': REGISTRY_API_KEY },
      body: JSON.stringify({ data: [{ status: 'received_by_taxi' }] }),
    });
    expect(response.status).toBe(200);
  });
});

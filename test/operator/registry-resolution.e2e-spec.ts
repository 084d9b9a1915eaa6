import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAuth } from '../helpers/test-app.js';
import { eventually, sleep, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

interface LocalHail {
  status: string;
  decision_deadline_at: string | null;
  transitions: Array<{ from: string | null; to: string; cause: string }>;
  registry_calls: Array<{ method: string; body: { data: Array<{ status?: string }> } | null; answer_status: number | null }>;
}

async function localHail(harness: OperatorHarness, id: string): Promise<LocalHail> {
  const response = await harness.testApp.http().get(`/operator/hails/${id}`).set('Authorization', adminAuth());
  return response.body as LocalHail;
}

const localStatus = (harness: OperatorHarness, id: string, status: string, timeoutMs = 8000) =>
  eventually(
    async () => {
      const hail = await localHail(harness, id);
      return hail.status === status ? hail : undefined;
    },
    timeoutMs,
    `local status ${status}`,
  );

const putStatuses = (harness: OperatorHarness, id: string) =>
  harness.registry.putsFor(id).map((put) => (put.json as { data: Array<{ status?: string }> }).data[0].status);

describe('operator: a slow registry (3.5 s per PUT) makes no false failure', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    // The registry's real windows: 10 s for received_by_taxi, 30 s to decide.
    harness = await startOperatorHarness({
      env: { HAIL_RECEIVED_DEADLINE_MS: '10000', HAIL_DECISION_TIMEOUT_MS: '30000', HAIL_POLL_MS: '200' },
      registry: { putDelayMs: 3500 },
    });
  });
  afterAll(() => harness.close());

  it("delivers received_by_taxi and the accept with one PUT each, the window counted from the registry's timestamp", async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    const answeredAt = Date.now();
    await harness.registry.waitForStatus(hail.id, 'received_by_taxi', 5000);
    const takenAt = harness.registry.hail(hail.id)!.last_status_change.getTime();
    const received = await localStatus(harness, hail.id, 'received_by_taxi', 8000);
    const deadline = new Date(received.decision_deadline_at!).getTime();
    console.log(`[figure] slow registry: received_by_taxi answered ${Date.now() - answeredAt} ms after our 200`);
    // 30 s from when the registry took it, not from its answer 3.5 s later.
    expect(Math.abs(deadline - (takenAt + 30_000))).toBeLessThan(1000);

    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(200);
    await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi', 5000);
    await eventually(
      async () => ((await localHail(harness, hail.id)).registry_calls.length >= 2 ? true : undefined),
      8000,
      'accept recorded',
    );
    expect(putStatuses(harness, hail.id)).toEqual(['received_by_taxi', 'accepted_by_taxi']);
    const local = await localHail(harness, hail.id);
    expect(local.status).toBe('accepted_by_taxi');
    expect(local.transitions.map((t) => t.to)).not.toContain('failure');
    expect(harness.registry.hail(hail.id)!.status).toBe('accepted_by_taxi');
  }, 30_000);
});

describe('operator: PUTs without an answer or with a 4xx, resolved by reading the hail back', () => {
  let harness: OperatorHarness;

  beforeAll(async () => {
    // Our timeout (400 ms) is shorter than the registry's answers (1 s): every PUT is silence to us.
    harness = await startOperatorHarness({
      env: { HAIL_RECEIVED_DEADLINE_MS: '6000', HAIL_DECISION_TIMEOUT_MS: '6000', HAIL_POLL_MS: '100', REGISTRY_REQUEST_TIMEOUT_MS: '400' },
    });
  });
  afterAll(() => harness.close());

  it('takes a PUT the registry applied but did not answer in time as delivered, without sending it again', async () => {
    harness.registry.setPutDelay(1000);
    try {
      const taxi = await harness.registerTaxi();
      const hail = await harness.registry.sendHail({ taxiId: taxi.id });
      const received = await localStatus(harness, hail.id, 'received_by_taxi');
      expect(received.registry_calls.map((call) => `${call.method}:${call.answer_status}`)).toEqual(['PUT:null', 'GET:200']);
      await harness.testApp
        .http()
        .post(`/operator/driver/hails/${hail.id}/accept`)
        .set('Authorization', `Bearer ${taxi.token}`)
        .expect(200);
      await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi', 3000);
      await eventually(
        async () => ((await localHail(harness, hail.id)).registry_calls.length >= 4 ? true : undefined),
        3000,
        'accept resolved',
      );
      await sleep(300);
      expect(putStatuses(harness, hail.id)).toEqual(['received_by_taxi', 'accepted_by_taxi']);
      expect((await localHail(harness, hail.id)).status).toBe('accepted_by_taxi');
    } finally {
      harness.registry.setPutDelay(0);
    }
  });

  it('a customer decline during received_by_taxi: the driver accepting first gets 200, the 400 is read as the end, no retry', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    // Before our next poll can see it, the driver accepts.
    harness.registry.customerDeclines(hail.id);
    await harness.testApp.http().post(`/operator/driver/hails/${hail.id}/accept`).set('Authorization', `Bearer ${taxi.token}`).expect(200);
    const local = await localStatus(harness, hail.id, 'declined_by_customer');
    expect(local.transitions.at(-1)).toMatchObject({ to: 'declined_by_customer' });
    await sleep(300);
    // At most the one accept PUT (none when the poll learnt the decline first): no doomed retries.
    expect(putStatuses(harness, hail.id).filter((status) => status === 'accepted_by_taxi').length).toBeLessThanOrEqual(1);
    expect(local.transitions.map((t) => t.to)).not.toContain('failure');
    // Now the driver's answer is refused: the hail ended without them.
    const refused = await harness.testApp
      .http()
      .post(`/operator/driver/hails/${hail.id}/accept`)
      .set('Authorization', `Bearer ${taxi.token}`)
      .expect(409);
    expect(refused.body.errors[0].code).toBe(409);
  });

  it('received_by_taxi refused because the customer gave up first: local declined_by_customer, not failure, no 11 retries', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.failNextPuts(2, 503);
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    harness.registry.customerDeclines(hail.id);
    const local = await localStatus(harness, hail.id, 'declined_by_customer');
    expect(local.transitions.map((t) => `${t.to}:${t.cause}`)).toEqual(['received:registry', 'declined_by_customer:registry']);
    await sleep(300);
    const answers = harness.registry.putsFor(hail.id).map((put) => put.answerStatus);
    expect(answers.filter((status) => status === 400)).toHaveLength(1);
    expect(harness.registry.taxiStatusOf(taxi.id)).toBe('free');
  });

  it('a GET that fails too leaves the PUT unknown: sent again within its window, never a false failure', async () => {
    const taxi = await harness.registerTaxi();
    harness.registry.setPutDelay(1000);
    try {
      const id = `slow-get-${Date.now()}`;
      harness.registry.failNextGets(1, 503, id);
      const hail = await harness.registry.sendHail({ taxiId: taxi.id, id });
      const local = await localStatus(harness, hail.id, 'received_by_taxi');
      expect(local.registry_calls.some((call) => call.method === 'GET' && call.answer_status === 503)).toBe(true);
      expect(harness.registry.hail(hail.id)!.status).toBe('received_by_taxi');
    } finally {
      harness.registry.setPutDelay(0);
    }
  });

  it('a PUT the registry applied but answered with a 5xx until the window closed is delivered, by a last look', async () => {
    const taxi = await harness.registerTaxi();
    const hail = await harness.registry.sendHail({ taxiId: taxi.id });
    await localStatus(harness, hail.id, 'received_by_taxi');
    // A proxy in front of the registry answers 502 after the registry applied the PUT.
    harness.registry.failNextPutsAfterApplying(1000, 502);
    try {
      await harness.testApp
        .http()
        .post(`/operator/driver/hails/${hail.id}/accept`)
        .set('Authorization', `Bearer ${taxi.token}`)
        .expect(200);
      await harness.registry.waitForStatus(hail.id, 'accepted_by_taxi', 3000);
      const local = await eventually(
        async () => {
          const current = await localHail(harness, hail.id);
          return current.registry_calls.some((call) => call.method === 'GET') ? current : undefined;
        },
        10_000,
        'the last look',
      );
      expect(local.status).toBe('accepted_by_taxi');
      expect(local.transitions.map((t) => t.to)).not.toContain('failure');
    } finally {
      harness.registry.failNextPutsAfterApplying(0);
    }
  }, 20_000);
});

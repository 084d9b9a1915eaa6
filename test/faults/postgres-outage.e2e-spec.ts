import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { basic, TEST_EVENTS_CLIENTS } from '../helpers/test-app.js';
import { answered200, answers, FaultStack, report, sendHails, sleep, waitForDeliveries, worstDeliveryMs } from './fault-harness.js';

const RECEIVED_WINDOW_MS = 10_000;
const CUT_MS = 5000;

interface Append {
  stream: string;
  status: number | null;
  body: unknown;
  retryAfter: string | null;
  at: number;
}

/** Appends to the events API at a steady rate over a few streams, keeping every answer. */
async function appendLoad(url: string, perSecond: number, durationMs: number): Promise<Append[]> {
  const answers: Array<Promise<Append>> = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < durationMs; i++) {
    const dueAt = started + (i * 1000) / perSecond;
    if (dueAt > Date.now()) await sleep(dueAt - Date.now());
    const stream = `outage-${i % 3}`;
    answers.push(
      fetch(`${url}/api/v1/streams/${stream}/events`, {
        method: 'POST',
        headers: {
          Authorization: basic('alice', TEST_EVENTS_CLIENTS.alice),
          'X-Producer-ID': 'outage-producer',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          event: { name: 'Tick', version: 1 },
          system: { id: 's1', name: 'fault test', time: new Date().toISOString(), timezone: 'UTC' },
          trigger: { type: 'system', name: 'load' },
          payload: { i },
        }),
      }).then(
        async (response) => ({
          stream,
          status: response.status,
          body: await response.json(),
          retryAfter: response.headers.get('retry-after'),
          at: Date.now(),
        }),
        () => ({ stream, status: null, body: undefined, retryAfter: null, at: Date.now() }),
      ),
    );
  }
  return Promise.all(answers);
}

/**
 * Case 4 of issue 11: PostgreSQL cut off (our proxy refuses and drops every connection) for 5 s
 * while the registry sends 10 hails/s and a producer appends 20 events/s. During the cut only:
 * 503s with Retry-After, in each module's format (never a 500); after it, every acknowledged hail
 * is received_by_taxi in time, every acknowledged event is stored, and each (stream, name)'s
 * sequences are exactly 1..N.
 */
describe('faults: PostgreSQL unreachable', () => {
  const stack = new FaultStack('pg_cut');
  let taxiId: string;

  beforeAll(async () => {
    await stack.start();
    await stack.startApi();
    taxiId = (await stack.registerTaxi('taxi-pg-cut')).id;
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('cut for 5 s under hails and appends: 503s during the cut only, 0 acknowledged writes lost, sequences gapless', async () => {
    const started = Date.now();
    const hailLoad = sendHails(stack.registry, taxiId, 10, 14_000);
    const appending = appendLoad(stack.apiUrl, 20, 14_000);
    await sleep(4000);
    await stack.databaseProxy.cut();
    const cutAt = Date.now();
    await sleep(CUT_MS);
    await stack.databaseProxy.restore();
    const restoredAt = Date.now();
    let healthyAfterMs = -1;
    while (healthyAfterMs < 0) {
      if ((await fetch(`${stack.apiUrl}/health`)).status === 200) healthyAfterMs = Date.now() - restoredAt;
      else await sleep(100);
    }
    const [hails, appends] = await Promise.all([hailLoad.done, appending]);

    // Hails: 200 or a fast 503 the registry fails at once; every 200 delivered.
    const hailAnswers = answers(hails);
    expect(Object.keys(hailAnswers).sort()).toEqual(expect.arrayContaining(['200']));
    expect(Object.keys(hailAnswers).filter((status) => status !== '200' && !status.startsWith('503'))).toEqual([]);
    for (const hail of hails.filter((one) => one.operatorAnswer?.status === 503)) {
      expect(hail.operatorAnswer!.body).toEqual({ errors: [expect.objectContaining({ code: 503 })] });
    }
    expect(await waitForDeliveries(stack.registry, hails, RECEIVED_WINDOW_MS)).toEqual([]);

    // Appends: 200 with the event id, or 503 "Service Unavailable - …" with Retry-After, only around the cut.
    expect([...new Set(appends.map((append) => append.status))].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    const refused = appends.filter((append) => append.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const append of refused) {
      expect(typeof append.body).toBe('string');
      expect(append.body as string).toMatch(/^Service Unavailable - /);
      expect(append.retryAfter).not.toBeNull();
      expect(append.at).toBeGreaterThanOrEqual(cutAt);
      expect(append.at).toBeLessThan(restoredAt + 3000);
    }
    const acknowledged = appends.filter((append) => append.status === 200).map((append) => append.body as string);
    const stored = await stack.query<{ id: string; stream: string; sequence: number }>(
      `SELECT id, stream, sequence FROM events WHERE stream LIKE 'outage-%' ORDER BY stream, sequence`,
    );
    const storedIds = new Set(stored.map((row) => row.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    for (const stream of ['outage-0', 'outage-1', 'outage-2']) {
      const sequences = stored.filter((row) => row.stream === stream).map((row) => Number(row.sequence));
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }
    report(
      `PostgreSQL cut 5 s: hails ${JSON.stringify(hailAnswers)}, all ${answered200(hails).length} acknowledged delivered (worst ${worstDeliveryMs(stack.registry, hails)} ms ` +
        `after the 200); appends ${acknowledged.length} stored of ${acknowledged.length} acknowledged, ${refused.length} refused 503, 0 500s, sequences gapless; ` +
        `/health 200 again ${healthyAfterMs} ms after the restore (test ${Date.now() - started} ms)`,
    );
  }, 120_000);
});

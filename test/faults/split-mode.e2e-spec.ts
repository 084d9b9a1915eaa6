import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { answered200, answers, FaultStack, report, sendHails, sleep, waitForDeliveries, worstDeliveryMs } from './fault-harness.js';
import { exitOf } from '../helpers/processes.js';

const RECEIVED_WINDOW_MS = 10_000;

/**
 * Case 1 (split mode) and case 6 of issue 11: an API process without processors and two workers.
 * kill -9 of one worker while the API takes 20 hails/s: the other retakes its items when their
 * lease runs out, and every acknowledged hail is received_by_taxi inside the registry's real 10 s.
 * Then SIGTERM of a worker and of the API under the same load, as a rolling restart does: each
 * exits 0, and every hail acknowledged meanwhile is delivered by the worker still running.
 */
describe('faults: split mode (API + 2 workers)', () => {
  // 300 ms of early race: items are active for a while, so a killed worker holds some.
  const stack = new FaultStack('split', { registry: { processingDelayMs: 300 } });
  let taxiId: string;

  beforeAll(async () => {
    await stack.start();
    await stack.startApi({ RUN_PROCESSORS: 'false' });
    await Promise.all([stack.startWorker(), stack.startWorker()]);
    taxiId = (await stack.registerTaxi('taxi-split')).id;
  }, 180_000);
  afterAll(() => stack.stop(), 60_000);

  it('kill -9 of one of two workers at 20 hails/s: the other retakes its work, 0 acknowledged hails lost', async () => {
    const [, first, second] = stack.processes;
    const load = sendHails(stack.registry, taxiId, 20, 8000);
    await sleep(3000);
    const killedAt = Date.now();
    await stack.kill(first);
    const hails = await load.done;
    expect(answered200(hails).length).toBeGreaterThan(0);
    expect(await waitForDeliveries(stack.registry, hails, RECEIVED_WINDOW_MS)).toEqual([]);
    // The survivor said what it took over, and only then.
    const retake = second
      .output()
      .stdout.split('\n')
      .find((line) => line.includes('re-took'));
    expect(retake).toBeDefined();
    const logged = JSON.parse(retake!) as { time?: string | number; timestamp?: number };
    const retakenAt = typeof logged.time === 'string' ? Date.parse(logged.time) : Number(logged.time ?? logged.timestamp ?? NaN);
    report(
      `split mode, worker kill -9 at 20 hails/s: answers ${JSON.stringify(answers(hails))}, 0 acknowledged lost, ` +
        `worst ${worstDeliveryMs(stack.registry, hails)} ms after the 200, retaken ${Number.isNaN(retakenAt) ? '?' : retakenAt - killedAt} ms after the kill`,
    );
  }, 120_000);

  it('SIGTERM under load, as a rolling restart does: exit 0 each, nothing acknowledged lost', async () => {
    const survivor = await stack.startWorker();
    const [api, , second] = stack.processes;
    const load = sendHails(stack.registry, taxiId, 20, 4000);
    await sleep(1000);
    // The worker first: what it holds it finishes, or hands back for the survivor to take at once.
    second.child.kill('SIGTERM');
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
    await sleep(1000);
    // Then the API: hails it acknowledged are in the database, the survivor sends them.
    api.child.kill('SIGTERM');
    expect(await exitOf(api)).toEqual({ code: 0, signal: null });
    load.stop();
    const hails = await load.done;
    expect(await waitForDeliveries(stack.registry, hails, RECEIVED_WINDOW_MS)).toEqual([]);
    expect(survivor.child.exitCode).toBeNull();
    const unanswered = hails.length - answered200(hails).length;
    report(
      `SIGTERM of a worker then of the API under 20 hails/s: exit 0 each, answers ${JSON.stringify(answers(hails))}, ` +
        `all ${answered200(hails).length} acknowledged delivered (worst ${worstDeliveryMs(stack.registry, hails)} ms after the 200; ` +
        `${unanswered} sent once the API had stopped listening, which the registry fails at once)`,
    );
  }, 120_000);
});

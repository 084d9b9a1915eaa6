import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  answered200,
  answers,
  FaultStack,
  type AppProcess,
  report,
  sendHails,
  sleep,
  waitForDeliveries,
  worstDeliveryMs,
} from './fault-harness.js';
import { eventually } from '../helpers/polling.js';
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

  /** Items leased by this process (the runner's owner is `host:pid:random`). */
  async function leasedBy(app: AppProcess): Promise<number> {
    const [row] = await stack.query<{ count: string }>(`SELECT count(*) AS count FROM due_work WHERE lease_owner LIKE $1`, [
      `%:${app.child.pid}:%`,
    ]);
    return Number(row.count);
  }

  async function holderOf(workers: AppProcess[]): Promise<{ victim: AppProcess; held: number }> {
    return eventually(
      async () => {
        const counts = await Promise.all(workers.map(leasedBy));
        const most = Math.max(...counts);
        return most > 0 ? { victim: workers[counts.indexOf(most)], held: most } : undefined;
      },
      4000,
      'a worker holding a leased item under 20 hails/s',
    );
  }

  it('kill -9 of one of two workers at 20 hails/s: the other retakes its work, 0 acknowledged hails lost', async () => {
    const workers = stack.processes.filter((app) => app.role === 'worker');
    const load = sendHails(stack.registry, taxiId, 20, 8000);
    await sleep(3000);
    // The victim is the worker that holds leased items now: which of the two claims a burst is
    // a race between their LISTEN connections, and killing one that holds nothing proves nothing.
    const { victim, held } = await holderOf(workers);
    const survivor = workers.find((app) => app !== victim)!;
    const killedAt = Date.now();
    await stack.kill(victim);
    const stranded = await leasedBy(victim);
    const hails = await load.done;
    expect(answered200(hails).length).toBeGreaterThan(0);
    expect(await waitForDeliveries(stack.registry, hails, RECEIVED_WINDOW_MS)).toEqual([]);
    // Whatever the dead worker still held is gone from the table: retaken and completed by the survivor.
    await eventually(async () => ((await leasedBy(victim)) === 0 ? true : undefined), 5000, "the dead worker's leases released");
    const retake = survivor
      .output()
      .stdout.split('\n')
      .find((line) => line.includes('re-took'));
    // Its items may all have completed in the milliseconds between the read and the kill; when
    // any was left, the survivor must say it took them over.
    if (stranded > 0) expect(retake).toBeDefined();
    const logged = retake ? (JSON.parse(retake) as { time?: string | number; timestamp?: number }) : {};
    const retakenAt = typeof logged.time === 'string' ? Date.parse(logged.time) : Number(logged.time ?? logged.timestamp ?? NaN);
    report(
      `split mode, worker kill -9 at 20 hails/s: answers ${JSON.stringify(answers(hails))}, 0 acknowledged lost, ` +
        `worst ${worstDeliveryMs(stack.registry, hails)} ms after the 200, the victim held ${held} item(s) (${stranded} left at its death), ` +
        `retaken ${Number.isNaN(retakenAt) ? '?' : retakenAt - killedAt} ms after the kill`,
    );
  }, 120_000);

  it('SIGTERM under load, as a rolling restart does: exit 0 each, nothing acknowledged lost', async () => {
    const [api, second] = stack.processes.filter((app) => app.child.exitCode === null && app.child.signalCode === null);
    const survivor = await stack.startWorker();
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

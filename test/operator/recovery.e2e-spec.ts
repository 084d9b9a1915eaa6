import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { TransactionRunner } from '../../src/database/transaction-runner.js';
import { HailUpdate } from '../../src/operator/hail-update.entity.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { TEST_REDIS_URL } from '../setup/test-environment.js';
import { startFakeRegistry, type FakeRegistry } from '../fake-registry/fake-registry.js';
import { eventually, REGISTRY_API_KEY, REGISTRY_HEADER, sleep, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

// The registry's received window (10 s for real), widened: the stop, the Redis loss and the restart
// must fit in it: they took longer than 8 s on a loaded machine, and test-app boots have stalled up to
// 70 s in full runs (see reportSlowBoot in test/helpers/test-app.ts).
const DEADLINE_MS = 90_000;

describe('operator: nothing answered 200 is lost (kill and restart)', () => {
  let registry: FakeRegistry;
  let first: OperatorHarness;
  let second: OperatorHarness | undefined;

  beforeAll(async () => {
    registry = await startFakeRegistry({
      apiKey: REGISTRY_API_KEY,
      hailHeader: REGISTRY_HEADER,
      basePath: '/api',
      receivedDeadlineMs: DEADLINE_MS,
      decisionTimeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.testApp.close();
    await registry.close();
  });

  it('runs at start-up the work of the hail no process ran, and fails the one past its deadline', async () => {
    const env = { HAIL_RECEIVED_DEADLINE_MS: String(DEADLINE_MS), HAIL_DECISION_TIMEOUT_MS: '30000' };
    // An API process without processors: the hail is stored with its work item, nobody runs it.
    first = await startOperatorHarness({ env, existingRegistry: registry, app: { processors: false } });
    const taxi = await first.registerTaxi();
    const lost = await registry.sendHail({ taxiId: taxi.id });
    const late = await registry.sendHail({ taxiId: taxi.id });
    expect(lost.operatorAnswer?.status).toBe(200);
    expect(late.operatorAnswer?.status).toBe(200);

    // One hail's window closes before the process dies (through the app's runner: on SQLite its
    // one connection is shared with the app's own transactions).
    await first.testApp.app
      .get(TransactionRunner)
      .run((manager) => manager.update(HailUpdate, { hailId: late.id }, { deadlineAt: new Date(Date.now() - 1000) }));
    // The process dies, and Redis loses every job it had (crash, flush, failover).
    await first.testApp.stop();
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, first.testApp.queuePrefix);
    redis.disconnect();
    expect(registry.putsFor(lost.id)).toHaveLength(0);

    // The restarted service finds both in the database.
    second = await startOperatorHarness({ env, existingRegistry: registry, app: { shareStorageWith: first.testApp } });
    await registry.waitForStatus(lost.id, 'received_by_taxi', DEADLINE_MS);
    expect(registry.putsFor(lost.id).at(-1)!.json).toEqual({ data: [{ status: 'received_by_taxi' }] });

    // Its work item runs like the other, finds the window closed and fails the hail.
    const lateHail = await eventually(
      async () => {
        const answer = await second!.testApp
          .http()
          .get(`/operator/hails/${late.id}`)
          .set('Authorization', 'Basic ' + Buffer.from('admin:admin-secret').toString('base64'))
          .expect(200);
        return answer.body.status === 'received' ? undefined : answer;
      },
      DEADLINE_MS,
      'the late hail leaves `received`',
    );
    expect(lateHail.body.status).toBe('failure');
    expect(lateHail.body.transitions.at(-1)).toMatchObject({ from: 'received', to: 'failure', cause: 'deadline' });
    expect(registry.putsFor(late.id)).toHaveLength(0);
    await sleep(10);
  }, 300_000);
});

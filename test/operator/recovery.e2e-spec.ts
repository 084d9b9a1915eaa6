import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import { TEST_REDIS_URL } from '../setup/test-environment.js';
import { startFakeRegistry, type FakeRegistry } from '../fake-registry/fake-registry.js';
import { REGISTRY_API_KEY, REGISTRY_HEADER, sleep, startOperatorHarness, type OperatorHarness } from './operator-harness.js';

const DEADLINE_MS = 8000;

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

  it('re-enqueues at start-up the hail whose job was lost, and fails the one past its deadline', async () => {
    const env = { HAIL_RECEIVED_DEADLINE_MS: String(DEADLINE_MS), HAIL_DECISION_TIMEOUT_MS: '30000' };
    // An API process without processors: the hail is stored and its job queued, nobody runs it.
    first = await startOperatorHarness({ env, existingRegistry: registry, app: { processors: false } });
    const taxi = await first.registerTaxi();
    const lost = await registry.sendHail({ taxiId: taxi.id });
    const late = await registry.sendHail({ taxiId: taxi.id });
    expect(lost.operatorAnswer?.status).toBe(200);
    expect(late.operatorAnswer?.status).toBe(200);

    // The process dies, and Redis loses every job it had (crash, flush, failover).
    await first.testApp.stop();
    const redis = new Redis(TEST_REDIS_URL);
    await deleteRedisKeys(redis, first.testApp.queuePrefix);
    redis.disconnect();
    // One hail's window has closed meanwhile.
    const db = new pg.Client({ connectionString: first.testApp.databaseUrl });
    await db.connect();
    await db.query(`UPDATE operator_hail_updates SET deadline_at = now() - interval '1 second' WHERE hail_id = $1`, [late.id]);
    await db.end();
    expect(registry.putsFor(lost.id)).toHaveLength(0);

    // The restarted service finds both in the database.
    second = await startOperatorHarness({ env, existingRegistry: registry, app: { shareStorageWith: first.testApp } });
    await registry.waitForStatus(lost.id, 'received_by_taxi', DEADLINE_MS);
    expect(registry.putsFor(lost.id).at(-1)!.json).toEqual({ data: [{ status: 'received_by_taxi' }] });

    const lateHail = await second.testApp.http().get(`/operator/hails/${late.id}`).set('Authorization', 'Basic ' + Buffer.from('admin:admin-secret').toString('base64')).expect(200);
    expect(lateHail.body.status).toBe('failure');
    expect(lateHail.body.transitions.at(-1)).toMatchObject({ from: 'received', to: 'failure', cause: 'deadline' });
    expect(registry.putsFor(late.id)).toHaveLength(0);
    await sleep(10);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { RedisConnection } from '../queue/redis-connection.js';
import { HealthProbe } from './health-probe.js';

/** A dependency whose answers the test releases one by one, counting the checks it received. */
class Gate {
  checks = 0;
  private waiting: Array<() => void> = [];
  up = true;

  check = (): Promise<void> => {
    this.checks++;
    return new Promise<void>((resolve, reject) => this.waiting.push(() => (this.up ? resolve() : reject(new Error('down')))));
  };

  releaseAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const release of waiting) release();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function probeOn(database: Gate, redis: Gate): HealthProbe {
  const dataSource = { query: () => database.check() } as unknown as DataSource;
  const connection = {
    isUp: () =>
      redis.check().then(
        () => true,
        () => false,
      ),
  } as unknown as RedisConnection;
  return new HealthProbe(dataSource, connection);
}

describe('HealthProbe', () => {
  it('answers 50 concurrent callers with one check in flight at a time: the first caller, then one for all the others', async () => {
    const [database, redis] = [new Gate(), new Gate()];
    const probe = probeOn(database, redis);
    const answers = Promise.all(Array.from({ length: 50 }, () => probe.states()));
    for (let round = 0; round < 2; round++) {
      await tick();
      expect([database.checks, redis.checks]).toEqual([round + 1, round + 1]);
      database.releaseAll();
      redis.releaseAll();
    }
    expect(await answers).toEqual(Array.from({ length: 50 }, () => ({ database: 'up', redis: 'up' })));
    expect([database.checks, redis.checks]).toEqual([2, 2]);
  });

  it('never answers a caller with a check that started before it asked: it joins the next one', async () => {
    const [database, redis] = [new Gate(), new Gate()];
    const probe = probeOn(database, redis);
    const early = probe.states();
    await tick();
    // Redis goes down while the first check is in flight: a caller arriving now must learn it.
    redis.up = false;
    const late = [probe.states(), probe.states()];
    database.releaseAll();
    redis.up = true;
    redis.releaseAll();
    expect(await early).toEqual({ database: 'up', redis: 'up' });
    await tick();
    expect([database.checks, redis.checks]).toEqual([2, 2]);
    redis.up = false;
    database.releaseAll();
    redis.releaseAll();
    expect(await Promise.all(late)).toEqual([
      { database: 'up', redis: 'down' },
      { database: 'up', redis: 'down' },
    ]);
    // Nothing in flight: the next caller starts a check of its own.
    redis.up = true;
    const again = probe.states();
    await tick();
    database.releaseAll();
    redis.releaseAll();
    expect(await again).toEqual({ database: 'up', redis: 'up' });
    expect([database.checks, redis.checks]).toEqual([3, 3]);
  });

  it('reports a failing database as down', async () => {
    const [database, redis] = [new Gate(), new Gate()];
    database.up = false;
    const probe = probeOn(database, redis);
    const answer = probe.states();
    await tick();
    database.releaseAll();
    redis.releaseAll();
    expect(await answer).toEqual({ database: 'down', redis: 'up' });
  });
});

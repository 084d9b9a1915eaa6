import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import type { TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, type ParkingTestUser } from '../parking/parking-helpers.js';
import { adminAuth, FaultStack, report, sleep } from './fault-harness.js';

const DECISION_WINDOW_MS = 8000;

/**
 * Case 3 of issue 11: Redis restarted empty (our own redis-server killed and started again, no
 * persistence) while a hail waits for its customer (its watch), another for its taxi's decision
 * (its timeout) and a parking date for its lock-in a minute later. Each still happens, on time.
 */
describe('faults: Redis restarted empty', () => {
  const stack = new FaultStack('redis_restart', {
    env: { HAIL_DECISION_TIMEOUT_MS: String(DECISION_WINDOW_MS), HAIL_POLL_MS: '200' },
  });
  let parking: ParkingApi;
  let taxi: { id: string; token: string };

  beforeAll(async () => {
    await stack.start();
    await stack.startApi();
    taxi = await stack.registerTaxi('taxi-redis-restart');
    // The parking helpers speak to a TestApp; here its HTTP client is the process's URL.
    parking = new ParkingApi({ http: () => supertest.agent(stack.apiUrl) } as unknown as TestApp);
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  const driver = (hailId: string, action: string) =>
    fetch(`${stack.apiUrl}/operator/driver/hails/${hailId}/${action}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${taxi.token}` },
    });

  it('rebuilds nothing because nothing lived in Redis: the watch, the decision timeout and the lock-in all happen', async () => {
    // A date whose lock-in is 20-80 s from now: the next whole minute at least 20 s away, in UTC.
    const lockInAt = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const lockIn = lockInAt.toISOString().slice(11, 16);
    const date = new Date(lockInAt.getTime() + 24 * 3600_000).toISOString().slice(0, 10);
    const [moderator, lender, borrower] = await parking.users(3, 'redis-restart');
    const { orgId, stateId } = await everyDayOrg(parking, moderator, { timezone: 'UTC', lock_in: lockIn });
    for (const user of [lender, borrower] as ParkingTestUser[]) await parking.participant(moderator, orgId, user);
    const passId = await parking.verifiedPass(moderator, orgId, lender, stateId, 1);
    await parking.borrow(borrower, { org_id: orgId, date });
    await parking.lend(lender, passId, { date });

    // One hail accepted by its taxi, waiting for the customer; one waiting for the taxi's decision.
    const watched = await stack.registry.sendHail({ taxiId: taxi.id });
    await stack.registry.waitForStatus(watched.id, 'received_by_taxi');
    expect((await driver(watched.id, 'accept')).status).toBe(200);
    await stack.registry.waitForStatus(watched.id, 'accepted_by_taxi');
    const undecided = await stack.registry.sendHail({ taxiId: taxi.id });
    await stack.registry.waitForStatus(undecided.id, 'received_by_taxi');
    expect((await driver(watched.id, 'customer-on-board')).status).toBe(409);

    await stack.redis.restartEmpty();

    // The customer accepts at the registry: our watch reads it, so the driver may board them.
    stack.registry.customerAccepts(watched.id);
    const answeredAt = Date.now();
    let boarded = 0;
    while (boarded !== 200 && Date.now() - answeredAt < 5000) {
      boarded = (await driver(watched.id, 'customer-on-board')).status;
      if (boarded !== 200) await sleep(100);
    }
    expect(boarded).toBe(200);
    const watchLagMs = Date.now() - answeredAt;
    await stack.registry.waitForStatus(watched.id, 'customer_on_board');

    // The undecided hail times out locally at its deadline: the driver is told it is over.
    const deadline = undecided.receivedByTaxiAt! + DECISION_WINDOW_MS;
    while (performance.now() < deadline + 1500) await sleep(100);
    const detail = await (
      await fetch(`${stack.apiUrl}/operator/hails/${undecided.id}`, { headers: { Authorization: adminAuth() } })
    ).json();
    expect((detail as { status: string }).status).toBe('timeout_taxi');
    expect((await driver(undecided.id, 'accept')).status).toBe(410);

    // The date locks in at its time, its one offer going to its one request.
    let loans = await parking.loans(moderator, orgId, date);
    while (!loans.locked_in && Date.now() < lockInAt.getTime() + 10_000) {
      await sleep(250);
      loans = await parking.loans(moderator, orgId, date);
    }
    expect(loans.locked_in).toBe(true);
    const lockedLateMs = Date.parse(loans.locked_at) - lockInAt.getTime();
    expect(lockedLateMs).toBeGreaterThanOrEqual(0);
    expect(lockedLateMs).toBeLessThan(3000);
    expect(loans.matches.map((match: { borrower_id: number }) => match.borrower_id)).toEqual([borrower.id]);
    report(
      `Redis restarted empty: customer's answer seen ${watchLagMs} ms after it (poll 200 ms), decision timeout applied, ` +
        `locked in ${lockedLateMs} ms after its time`,
    );
  }, 180_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCK_IN_WORK } from '../../src/parking/lock-in.work.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * The booking horizon (PARKING_HORIZON_DAYS, 120 by default) and messages that name the real
 * fault. The clock is pinned to Sunday 22 November 2026 (UTC org): the last bookable date is
 * 22 March 2027.
 */
describe('parking bounds', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let orgId: number;
  let stateId: number;
  let borrower: ParkingTestUser;
  let owner: ParkingTestUser & { passId: number };

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    api.setNow('2026-11-22T10:00:00Z');
    moderator = await api.user('bounds-moderator');
    ({ orgId, stateId } = await everyDayOrg(api, moderator));
    [borrower] = await participants(api, moderator, orgId, 1, 'bounds-borrower');
    [owner] = await passOwners(api, moderator, orgId, stateId, 1, 'bounds-owner', 1);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const lockInItems = async () =>
    (await testApp.sql<{ key: string }>('SELECT key FROM due_work WHERE kind = $1', [LOCK_IN_WORK])).map((row) => row.key);

  const refused = async (path: string, body: Record<string, unknown>, user: ParkingTestUser) => {
    const started = Date.now();
    const response = await api.http().post(path).set('Authorization', user.auth).send(body);
    expect(response.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2000);
    return response.body.errors[0] as { field: string; message: string };
  };

  it('a date beyond the horizon is a 400 naming the horizon, and schedules no lock-in', async () => {
    for (const date of ['9999-12-31', '2027-03-23']) {
      const fault = await refused('/parking/pass/borrow', { org_id: orgId, date }, borrower);
      expect(fault).toMatchObject({ field: 'date', message: expect.stringContaining('at most 120 days ahead (until 2027-03-22)') });
      const lendFault = await refused(`/parking/pass/${owner.passId}/lend`, { date }, owner);
      expect(lendFault.field).toBe('date');
    }
    const rangeFault = await refused('/parking/pass/borrow', { org_id: orgId, start_date: '2027-03-01', end_date: '2027-04-01' }, borrower);
    expect(rangeFault.field).toBe('end_date');
    const lockIn = await api.http().post(`/parking/org/${orgId}/lock-in?date=9999-12-31`).set('Authorization', moderator.auth);
    expect(lockIn.status).toBe(400);
    expect(lockIn.body.errors[0].field).toBe('date');
    expect(await lockInItems()).toEqual([]);
    expect(await api.myRequests(borrower)).toEqual([]);
    expect(await testApp.sql('SELECT date FROM parking_loan_days')).toEqual([]);
  });

  it('the last date of the horizon is fine', async () => {
    const answer = await api.borrow(borrower, { org_id: orgId, date: '2027-03-22' });
    expect(answer['2027-03-22']).toEqual({ enqueued: true, request_id: expect.any(Number) });
    expect(await lockInItems()).toEqual([`org:${orgId}:2027-03-22`]);
  });

  it('messages name the real fault: a string id is not an integer, not "less than 1"', async () => {
    const fault = await refused('/parking/pass/borrow', { org_id: '2', date: '2026-12-01' }, borrower);
    expect(fault.field).toBe('org_id');
    expect(fault.message).toMatch(/integer/);
    expect(fault.message).not.toMatch(/less than/);
    const every = await refused('/parking/pass/borrow', { org_id: orgId, every: 'someday', until: '2026-12-31' }, borrower);
    expect(every).toMatchObject({ field: 'every', message: expect.stringMatching(/must be a weekday .* or a day state id/) });
    const until = await refused('/parking/pass/borrow', { org_id: orgId, every: 'friday' }, borrower);
    expect(until).toMatchObject({ field: 'until', message: 'every needs until, the last date' });
    const release = await refused(`/parking/pass/${owner.passId}/release`, {}, owner);
    expect(release).toMatchObject({ field: 'date', message: expect.stringContaining('date') });
  });
});

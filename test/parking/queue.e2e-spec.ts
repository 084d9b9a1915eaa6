import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * A queue people can see: `GET /parking/me/requests` gives each open request its place in its
 * date's queue and the reason it is there; the moderator's view of a date shows the same places
 * and reasons. The clock is pinned to minutes of Sunday 22 November 2026 (UTC org, every day a
 * parking day).
 */
describe('parking queue', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let orgId: number;
  let stateId: number;

  const at = (minute: number) => api.setNow(new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString());

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    at(0);
    moderator = await api.user('queue-moderator');
    ({ orgId, stateId } = await everyDayOrg(api, moderator));
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('after a borrower is served, their other requests stand behind everyone already waiting, and say why', async () => {
    const [lender] = await passOwners(api, moderator, orgId, stateId, 1, 'queue-lender', 1);
    const [ann, ben, cat, dan] = await participants(api, moderator, orgId, 4, 'q');
    at(1);
    await api.borrow(ann, { org_id: orgId, start_date: '2026-12-01', end_date: '2026-12-02' });
    at(2);
    await api.borrow(ben, { org_id: orgId, date: '2026-12-02' });
    at(3);
    await api.borrow(cat, { org_id: orgId, date: '2026-12-02' });
    at(4);
    const indefinite = await api.borrow(dan, { org_id: orgId, indefinite: true });

    const before = await api.myRequests(ann);
    expect(before.map((r) => [r.date, r.position, r.queue_length, r.reason])).toEqual([
      // Dan's indefinite request joins each date not locked in, after the dated ones.
      ['2026-12-01', 1, 2, 'first come, first served'],
      ['2026-12-02', 1, 4, 'first come, first served'],
    ]);

    await api.lend(lender, lender.passId, { date: '2026-12-01' });
    at(5);
    await api.lockIn(moderator, orgId, '2026-12-01');
    expect((await api.myPasses(ann)).borrowed.map((b: { date: string }) => b.date)).toEqual(['2026-12-01']);

    const after = await api.myRequests(ann);
    expect(after).toEqual([
      {
        request_id: expect.any(Number),
        org_id: orgId,
        date: '2026-12-02',
        indefinite: false,
        position: 3,
        queue_length: 4,
        priority_key: '2026-11-22T10:05:00.000Z',
        reason: 'served recently: queued from the last service',
      },
    ]);
    expect((await api.myRequests(ben)).map((r) => [r.date, r.position, r.reason])).toEqual([['2026-12-02', 1, 'first come, first served']]);
    expect(await api.myRequests(dan)).toEqual([
      {
        request_id: indefinite.indefinite.request_id,
        org_id: orgId,
        date: null,
        indefinite: true,
        position: null,
        queue_length: null,
        priority_key: '2026-11-22T10:04:00.000Z',
        reason: 'indefinite: after the dated requests',
      },
    ]);

    // The moderator sees the whole queue, with the same places and reasons.
    const view = await api.loans(moderator, orgId, '2026-12-02');
    expect(
      view.requests.map((r: { borrower_id: number; position: number; reason: string }) => [r.borrower_id, r.position, r.reason]),
    ).toEqual([
      [ben.id, 1, 'first come, first served'],
      [cat.id, 2, 'first come, first served'],
      [ann.id, 3, 'served recently: queued from the last service'],
      [dan.id, 4, 'indefinite: after the dated requests'],
    ]);
    // A locked-in date's queue leaves indefinite requests out, as its matching does.
    expect((await api.loans(moderator, orgId, '2026-12-01')).requests).toEqual([]);
  });

  it('lists nothing of past dates, nor of other users, and needs a token', async () => {
    const [eve] = await participants(api, moderator, orgId, 1, 'eve');
    at(30);
    await api.borrow(eve, { org_id: orgId, date: '2026-11-23' });
    expect((await api.myRequests(eve)).map((r) => r.date)).toEqual(['2026-11-23']);
    api.setNow('2026-11-24T10:00:00Z');
    expect(await api.myRequests(eve)).toEqual([]);
    await api.http().get('/parking/me/requests').expect(401);
  });
});

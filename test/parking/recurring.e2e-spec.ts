import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * Recurring offers and requests: `{"every": "friday" | <day state id>, "until"}` (optionally from
 * `start_date`, default today) expands to its dates within the booking horizon, each following
 * every rule as if asked alone. The clock is pinned to Sunday 22 November 2026 (UTC orgs).
 */
describe('parking recurring offers and requests', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;

  const at = (minute: number) => api.setNow(new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString());
  const FRIDAYS = ['2026-11-27', '2026-12-04', '2026-12-11', '2026-12-18'];

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    at(0);
    moderator = await api.user('recurring-moderator');
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('a Friday offer over four weeks, two pupils asking every Friday: they take turns, as the queue is fair', async () => {
    const { orgId, stateId } = await everyDayOrg(api, moderator, { name: 'Fridays' });
    const [lender] = await passOwners(api, moderator, orgId, stateId, 1, 'friday-lender', 1);
    const [zoe, yan] = await participants(api, moderator, orgId, 2, 'friday-pupil');
    const lent = await api.lend(lender, lender.passId, { every: 'friday', until: '2026-12-18' });
    expect(lent).toEqual(Object.fromEntries(FRIDAYS.map((date) => [date, { enqueued: true }])));
    at(1);
    const zoeAsked = await api.borrow(zoe, { org_id: orgId, every: 'friday', until: '2026-12-18' });
    expect(Object.keys(zoeAsked)).toEqual(FRIDAYS);
    at(2);
    await api.borrow(yan, { org_id: orgId, every: 'friday', until: '2026-12-18' });

    const winners: number[] = [];
    for (const [i, date] of FRIDAYS.entries()) {
      at(10 + i);
      const loans = await api.lockIn(moderator, orgId, date);
      winners.push(...loans.matches.map((m: { borrower_id: number }) => m.borrower_id));
    }
    // Zoe asked first; once served she queues from that service, so Yan is ahead the next Friday, and so on.
    expect(winners).toEqual([zoe.id, yan.id, zoe.id, yan.id]);
    expect((await api.myPasses(lender)).lent.map((l: { date: string; borrower_id: number }) => [l.date, l.borrower_id])).toEqual(
      FRIDAYS.map((date, i) => [date, winners[i]]),
    );
  });

  it('every day state: the A days of the term; a B pass offered every Friday is refused on the A Fridays', async () => {
    const orgId = await api.org(moderator, { name: 'A and B' });
    const a = await api.dayState(moderator, orgId, 'A');
    const b = await api.dayState(moderator, orgId, 'B');
    // Weekdays alternate A, B from Monday 23 November (A); weekends have no day state.
    await api.schedule(moderator, orgId, {
      sequence: [a, b],
      anchor: { date: '2026-11-23', daystate_id: a },
      skip: ['saturday', 'sunday'],
      exceptions: [],
    });
    const [beta] = await passOwners(api, moderator, orgId, b, 1, 'recurring-beta', 1);
    const [pupil] = await participants(api, moderator, orgId, 1, 'recurring-pupil');
    const asked = await api.borrow(pupil, { org_id: orgId, every: a, start_date: '2026-11-30', until: '2026-12-04' });
    expect(Object.keys(asked)).toEqual(['2026-12-01', '2026-12-03']);
    const lent = await api.lend(beta, beta.passId, { every: 'friday', until: '2026-12-11' });
    // Fridays: 27 Nov is A (step 4), 4 Dec B (9), 11 Dec A (14).
    expect(lent).toEqual({
      '2026-11-27': { enqueued: false, reason: 'the pass is not valid that day' },
      '2026-12-04': { enqueued: true },
      '2026-12-11': { enqueued: false, reason: 'the pass is not valid that day' },
    });
    // Each occurrence follows the rules as a single date would: Beta's B pass is not valid on an A day, so Beta may borrow then.
    expect(await api.borrow(beta, { org_id: orgId, every: a, start_date: '2026-12-01', until: '2026-12-01' })).toEqual({
      '2026-12-01': { enqueued: true, request_id: expect.any(Number) },
    });
  });

  it('refuses recurrences that say something impossible, changing nothing', async () => {
    const { orgId, stateId } = await everyDayOrg(api, moderator, { name: 'Refusals' });
    const [pupil] = await participants(api, moderator, orgId, 1, 'recurring-refused');
    const bad = async (body: Record<string, unknown>, field: string) => {
      const response = await api
        .http()
        .post('/parking/pass/borrow')
        .set('Authorization', pupil.auth)
        .send({ org_id: orgId, ...body })
        .expect(400);
      expect(response.body.errors[0].field).toBe(field);
      return response.body.errors[0].message as string;
    };
    expect(await bad({ every: 'friday', until: '2027-12-31' }, 'until')).toMatch(/beyond the booking horizon/);
    await bad({ every: 'friday', until: '2026-11-01' }, 'until');
    await bad({ every: 'friday', until: '2026-12-31', date: '2026-12-04' }, 'every');
    await bad({ every: 'friday', until: '2026-12-31', end_date: '2026-12-04' }, 'every');
    await bad({ until: '2026-12-31' }, 'every');
    await bad({ every: 'Friday', until: '2026-12-31' }, 'every');
    await bad({ every: 0, until: '2026-12-31' }, 'every');
    expect(await bad({ every: stateId + 1000, until: '2026-12-31' }, 'every')).toMatch(/never gives/);
    expect(await api.myRequests(pupil)).toEqual([]);
  });
});

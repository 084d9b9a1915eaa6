import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCK_IN_WORK, lockInKey } from '../../src/parking/lock-in.work.js';
import { basic, createTestApp, TEST_EVENTS_CLIENTS, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * Borrowing and lending, scenario by scenario (docs/contracts/parking.md, "the rules"). The parking clock is
 * pinned to Sunday 22 November 2026 in a UTC org, so every date below is in the future and is only
 * locked in when a test says so, through the moderator's route.
 */
describe('parking loans', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let orgId: number;
  let stateId: number;
  let spot = 0;

  /** Pins the clock at a minute of 22 November 2026, so creation times (and priority keys) differ. */
  const at = (minute: number) => api.setNow(new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString());

  /** Participants who each own a verified pass valid every day. */
  async function lenders(count: number, name = 'lender') {
    const result: Array<ParkingTestUser & { passId: number }> = [];
    for (const user of await api.users(count, name)) {
      await api.participant(moderator, orgId, user);
      result.push({ ...user, passId: await api.verifiedPass(moderator, orgId, user, stateId, ++spot) });
    }
    return result;
  }

  async function borrowers(count: number, name = 'borrower') {
    const result = await api.users(count, name);
    for (const user of result) await api.participant(moderator, orgId, user);
    return result;
  }

  const matchesOf = async (date: string) =>
    (await api.loans(moderator, orgId, date)).matches.map((m: { pass_id: number; borrower_id: number }) => [m.pass_id, m.borrower_id]);

  beforeAll(async () => {
    // These scenarios queue dates up to 2028 from a clock pinned in November 2026: past the default
    // 120-day booking horizon (its bounds are tested in bounds.e2e-spec.ts).
    testApp = await createTestApp({ env: { PARKING_HORIZON_DAYS: '1200' } });
    api = new ParkingApi(testApp);
    at(0);
    moderator = await api.user('mod');
    ({ orgId, stateId } = await everyDayOrg(api, moderator));
  });
  afterAll(() => testApp.close());

  describe('per-date answers', () => {
    it('answers each date of a range with enqueued and a request id, or a reason', async () => {
      at(1);
      const [owner] = await lenders(1, 'answers-owner');
      const [borrower] = await borrowers(1, 'answers-borrower');
      // 3 December has no day state: a holiday exception.
      await api.schedule(moderator, orgId, {
        sequence: [stateId],
        anchor: { date: '2026-01-05', daystate_id: stateId },
        skip: [],
        exceptions: [{ date: '2026-12-03', daystate_id: null }],
      });
      const first = await api.borrow(borrower, { org_id: orgId, date: '2026-12-02' });
      expect(first).toEqual({ '2026-12-02': { enqueued: true, request_id: expect.any(Number) } });

      const answers = await api.borrow(borrower, { org_id: orgId, start_date: '2026-11-21', end_date: '2026-12-04' });
      expect(Object.keys(answers)).toHaveLength(14);
      expect(answers['2026-11-21']).toEqual({ enqueued: false, reason: 'past date' });
      expect(answers['2026-11-22']).toEqual({ enqueued: true, request_id: expect.any(Number) }); // today is not past
      expect(answers['2026-12-02']).toEqual({ enqueued: false, reason: 'already queued' });
      expect(answers['2026-12-03']).toEqual({ enqueued: false, reason: 'no day state' });
      expect(answers['2026-12-04']).toEqual({ enqueued: true, request_id: expect.any(Number) });

      // An owner of a pass valid that day cannot borrow (unless they lend it, and then they lend).
      expect(await api.borrow(owner, { org_id: orgId, date: '2026-12-02' })).toEqual({
        '2026-12-02': { enqueued: false, reason: 'you hold a valid pass that day' },
      });
      expect(await api.lend(owner, owner.passId, { date: '2026-12-02' })).toEqual({ '2026-12-02': { enqueued: true } });
      expect(await api.borrow(owner, { org_id: orgId, date: '2026-12-02' })).toEqual({
        '2026-12-02': { enqueued: false, reason: 'you lend a pass that day' },
      });
      // One offer per pass and date; a date on which the pass is not valid is refused with its reason.
      expect(await api.lend(owner, owner.passId, { start_date: '2026-12-02', end_date: '2026-12-03' })).toEqual({
        '2026-12-02': { enqueued: false, reason: 'already offered' },
        '2026-12-03': { enqueued: false, reason: 'the pass is not valid that day' },
      });
      expect(await api.lend(owner, owner.passId, { date: '2026-11-20' })).toEqual({
        '2026-11-20': { enqueued: false, reason: 'past date' },
      });
      await api.schedule(moderator, orgId, {
        sequence: [stateId],
        anchor: { date: '2026-01-05', daystate_id: stateId },
        skip: [],
        exceptions: [],
      });
    });

    it('refuses malformed bodies whole (400) and strangers (403), changing nothing', async () => {
      const [borrower] = await borrowers(1, 'malformed');
      const bad = async (body: Record<string, unknown>, field: string) => {
        const response = await api.http().post('/parking/pass/borrow').set('Authorization', borrower.auth).send(body).expect(400);
        expect(response.body.errors[0].field).toBe(field);
      };
      await bad({ org_id: orgId }, 'date');
      await bad({ org_id: orgId, date: '2026-02-30' }, 'date');
      await bad({ org_id: orgId, start_date: '2026-12-01' }, 'end_date');
      await bad({ org_id: orgId, start_date: '2026-12-05', end_date: '2026-12-01' }, 'end_date');
      await bad({ org_id: orgId, start_date: '2026-12-01', end_date: '2027-12-02' }, 'end_date');
      await bad({ org_id: orgId, date: '2026-12-01', indefinite: true }, 'indefinite');
      await bad({ org_id: orgId, indefinite: false }, 'indefinite');
      await bad({ date: '2026-12-01' }, 'org_id');
      expect((await api.myPasses(borrower)).borrowed).toEqual([]);
      const stranger = await api.user('stranger');
      await api
        .http()
        .post('/parking/pass/borrow')
        .set('Authorization', stranger.auth)
        .send({ org_id: orgId, date: '2026-12-01' })
        .expect(403);
      await api
        .http()
        .post('/parking/pass/borrow')
        .set('Authorization', stranger.auth)
        .send({ org_id: 999999, date: '2026-12-01' })
        .expect(404);
      await api.http().post('/parking/pass/borrow').send({ org_id: orgId, date: '2026-12-01' }).expect(401);
      // A range of exactly 366 days is fine.
      const year = await api.borrow(borrower, { org_id: orgId, start_date: '2027-01-01', end_date: '2028-01-01' });
      expect(Object.keys(year)).toHaveLength(366);
    });

    it('lend: only the owner of a verified pass', async () => {
      const [owner] = await lenders(1, 'lend-owner');
      const [intruder] = await borrowers(1, 'lend-intruder');
      await api
        .http()
        .post(`/parking/pass/${owner.passId}/lend`)
        .set('Authorization', intruder.auth)
        .send({ date: '2026-12-10' })
        .expect(403);
      await api.http().post('/parking/pass/999999/lend').set('Authorization', owner.auth).send({ date: '2026-12-10' }).expect(404);
      const pending = await api
        .http()
        .post(`/parking/org/${orgId}/pass`)
        .set('Authorization', intruder.auth)
        .send({ state_id: stateId, spot_num: 9000 })
        .expect(201);
      await api
        .http()
        .post(`/parking/pass/${pending.body.id}/lend`)
        .set('Authorization', intruder.auth)
        .send({ date: '2026-12-10' })
        .expect(409);
      await api.http().post(`/parking/pass/${owner.passId}/lend`).set('Authorization', owner.auth).send({}).expect(400);
    });

    it('nobody lends and borrows the same date, whichever comes first', async () => {
      const [owner] = await lenders(1, 'both-ways');
      await api.lend(owner, owner.passId, { date: '2026-12-11' });
      expect(await api.borrow(owner, { org_id: orgId, date: '2026-12-11' })).toEqual({
        '2026-12-11': { enqueued: false, reason: 'you lend a pass that day' },
      });
      // A borrower who receives a pass later cannot lend it on a date they queued for.
      const [borrower] = await borrowers(1, 'later-owner');
      await api.borrow(borrower, { org_id: orgId, date: '2026-12-12' });
      const passId = await api.verifiedPass(moderator, orgId, borrower, stateId, ++spot);
      expect(await api.lend(borrower, passId, { date: '2026-12-12' })).toEqual({
        '2026-12-12': { enqueued: false, reason: 'you borrow that day' },
      });
    });
  });

  describe('scenarios', () => {
    it('three lenders and five borrowers on one date: matched in queue order at lock-in', async () => {
      const date = '2026-12-14';
      const [l1, l2, l3] = await lenders(3, 'trio-lender');
      const [b1, b2, b3, b4, b5] = await borrowers(5, 'quintet');
      // Borrowers queue in the order b3, b1, b5, b2, b4; lenders offer in the order l2, l3, l1.
      for (const [minute, borrower] of [
        [10, b3],
        [11, b1],
        [12, b5],
        [13, b2],
        [14, b4],
      ] as const) {
        at(minute);
        await api.borrow(borrower, { org_id: orgId, date });
      }
      for (const [minute, lender] of [
        [15, l2],
        [16, l3],
        [17, l1],
      ] as const) {
        at(minute);
        await api.lend(lender, lender.passId, { date });
      }
      const before = await api.loans(moderator, orgId, date);
      expect(before.locked_in).toBe(false);
      expect(before.matches).toEqual([]);
      expect(before.requests.map((r: { borrower_id: number }) => r.borrower_id)).toEqual([b3.id, b1.id, b5.id, b2.id, b4.id]);

      at(30);
      const locked = await api.lockIn(moderator, orgId, date);
      expect(locked.locked_in).toBe(true);
      expect(
        locked.matches.map((m: { pass_id: number; borrower_id: number; lender_id: number }) => [m.pass_id, m.lender_id, m.borrower_id]),
      ).toEqual([
        [l2.passId, l2.id, b3.id],
        [l3.passId, l3.id, b1.id],
        [l1.passId, l1.id, b5.id],
      ]);
      expect(locked.matches[0]).toMatchObject({ date, matched_at: '2026-11-22T10:30:00.000Z' });
      // b2 and b4 are still queued, in their order.
      expect(locked.requests.map((r: { borrower_id: number }) => r.borrower_id)).toEqual([b2.id, b4.id]);

      // Both sides see the loan.
      expect((await api.myPasses(b3)).borrowed).toEqual([
        { pass_id: l2.passId, org_id: orgId, date, state_id: stateId, spot_num: expect.any(Number) },
      ]);
      expect((await api.myPasses(l2)).lent).toEqual([{ pass_id: l2.passId, date, borrower_id: b3.id }]);
      expect((await api.myPasses(b2)).borrowed).toEqual([]);

      // Withdrawing a served request is refused; an unserved one goes; unlending a matched offer is refused.
      const served = locked.matches[0].request_id;
      await api.http().delete(`/parking/pass/borrow/${served}`).set('Authorization', b3.auth).expect(409);
      await api.http().delete(`/parking/pass/borrow/${served}`).set('Authorization', b2.auth).expect(404);
      const waiting = locked.requests[0].id;
      await api.http().delete(`/parking/pass/borrow/${waiting}`).set('Authorization', b2.auth).expect(204);
      await api.http().delete(`/parking/pass/borrow/${waiting}`).set('Authorization', b2.auth).expect(404);
      const unlend = await api
        .http()
        .post(`/parking/pass/${l2.passId}/unlend`)
        .set('Authorization', l2.auth)
        .send({ start_date: date, end_date: '2026-12-15' })
        .expect(200);
      expect(unlend.body).toEqual({
        [date]: { dequeued: false, reason: 'locked in' },
        '2026-12-15': { dequeued: false, reason: 'not offered' },
      });
      // Locking in again changes nothing.
      expect((await api.lockIn(moderator, orgId, date)).matches).toEqual(locked.matches);
    });

    it("a served borrower's next-day request falls behind a later newcomer", async () => {
      const [lender] = await lenders(1, 'fair-lender');
      const [veteran, newcomer] = await borrowers(2, 'fair');
      at(40);
      await api.borrow(veteran, { org_id: orgId, start_date: '2026-12-16', end_date: '2026-12-17' });
      at(41);
      await api.borrow(newcomer, { org_id: orgId, date: '2026-12-17' });
      await api.lend(lender, lender.passId, { start_date: '2026-12-16', end_date: '2026-12-17' });
      expect((await api.loans(moderator, orgId, '2026-12-17')).requests.map((r: { borrower_id: number }) => r.borrower_id)).toEqual([
        veteran.id,
        newcomer.id,
      ]);

      at(50);
      expect(await matchesOf('2026-12-16')).toEqual([]);
      await api.lockIn(moderator, orgId, '2026-12-16');
      expect(await matchesOf('2026-12-16')).toEqual([[lender.passId, veteran.id]]);
      // The veteran's priority key is now the moment they were served: behind the newcomer.
      const queue = (await api.loans(moderator, orgId, '2026-12-17')).requests;
      expect(queue.map((r: { borrower_id: number; priority_key: string }) => [r.borrower_id, r.priority_key])).toEqual([
        [newcomer.id, '2026-11-22T10:41:00.000Z'],
        [veteran.id, '2026-11-22T10:50:00.000Z'],
      ]);
      await api.lockIn(moderator, orgId, '2026-12-17');
      expect(await matchesOf('2026-12-17')).toEqual([[lender.passId, newcomer.id]]);
    });

    it('an indefinite request is served on an unlocked date but not on a locked one', async () => {
      const [lender] = await lenders(1, 'indef-lender');
      const [wanderer] = await borrowers(1, 'wanderer');
      at(52);
      await api.lockIn(moderator, orgId, '2026-12-18'); // locked in, nothing offered yet
      const indefinite = await api.borrow(wanderer, { org_id: orgId, indefinite: true });
      expect(indefinite).toEqual({ indefinite: { enqueued: true, request_id: expect.any(Number) } });
      expect(await api.borrow(wanderer, { org_id: orgId, indefinite: true })).toEqual({
        indefinite: { enqueued: false, reason: 'already queued' },
      });

      // Offered after lock-in: same-day service serves dated requests only.
      await api.lend(lender, lender.passId, { start_date: '2026-12-18', end_date: '2026-12-19' });
      expect(await matchesOf('2026-12-18')).toEqual([]);
      // Not locked in yet: the indefinite request joins the matching at lock-in.
      await api.lockIn(moderator, orgId, '2026-12-19');
      expect(await matchesOf('2026-12-19')).toEqual([[lender.passId, wanderer.id]]);
      expect((await api.myPasses(wanderer)).borrowed.map((b: { date: string }) => b.date)).toEqual(['2026-12-19']);
      // Withdrawing the indefinite request keeps the loan it earned.
      await api.http().delete(`/parking/pass/borrow/${indefinite.indefinite.request_id}`).set('Authorization', wanderer.auth).expect(204);
      expect(await matchesOf('2026-12-19')).toEqual([[lender.passId, wanderer.id]]);
    });

    it('a same-day offer is matched at once with the head of the queue, a same-day request with a free offer', async () => {
      const date = '2026-12-21';
      const [early, late] = await lenders(2, 'sameday-lender');
      const [first, second, third] = await borrowers(3, 'sameday');
      at(53);
      await api.borrow(first, { org_id: orgId, date });
      at(54);
      await api.borrow(second, { org_id: orgId, date });
      await api.lockIn(moderator, orgId, date);
      expect(await matchesOf(date)).toEqual([]);
      await api.lend(early, early.passId, { date });
      expect(await matchesOf(date)).toEqual([[early.passId, first.id]]);
      // A free offer waits for the next request, which takes it at once.
      await api.lend(late, late.passId, { date });
      expect(await matchesOf(date)).toEqual([
        [early.passId, first.id],
        [late.passId, second.id],
      ]);
      const [lastLender] = await lenders(1, 'sameday-last');
      await api.lend(lastLender, lastLender.passId, { date });
      const answer = await api.borrow(third, { org_id: orgId, date });
      expect(answer[date].enqueued).toBe(true);
      expect(await matchesOf(date)).toEqual([
        [early.passId, first.id],
        [late.passId, second.id],
        [lastLender.passId, third.id],
      ]);
      expect(await api.borrow(third, { org_id: orgId, date })).toEqual({ [date]: { enqueued: false, reason: 'already served that day' } });
      // A free, unmatched offer may still be withdrawn after lock-in.
      const [spare] = await lenders(1, 'sameday-spare');
      await api.lend(spare, spare.passId, { date });
      const unlend = await api
        .http()
        .post(`/parking/pass/${spare.passId}/unlend`)
        .set('Authorization', spare.auth)
        .send({ date })
        .expect(200);
      expect(unlend.body).toEqual({ [date]: { dequeued: true } });
    });

    it('a date whose lock-in time has passed is locked in by the first request that touches it', async () => {
      const [lender] = await lenders(1, 'due-lender');
      const [borrower] = await borrowers(1, 'due-borrower');
      at(55);
      await api.borrow(borrower, { org_id: orgId, date: '2026-12-23' });
      // 18:00 UTC on 22 December: the lock-in time of 23 December.
      api.setNow('2026-12-22T18:00:01Z');
      await api.lend(lender, lender.passId, { date: '2026-12-23' });
      const loans = await api.loans(moderator, orgId, '2026-12-23');
      expect(loans.locked_at).toBe('2026-12-22T18:00:01.000Z');
      expect(loans.matches.map((m: { borrower_id: number }) => m.borrower_id)).toEqual([borrower.id]);
    });

    it('two overdue lock-ins at once, with the same two borrowers first in both queues: each gets one date', async () => {
      // Each side's unlend finds its date's lock-in overdue and runs it. In either order the first
      // borrower takes one date and, served now, queues behind the second for the other; two
      // lock-ins each reading its queue before the other's match committed gave both to the first.
      // An org of its own: no request of the scenarios above stands in these queues.
      at(57);
      const own = await everyDayOrg(api, moderator, { name: 'Overdue lock-ins' });
      const matchesIn = async (date: string) =>
        (await api.loans(moderator, own.orgId, date)).matches.map((m: { borrower_id: number }) => m.borrower_id);
      const unlend = (lender: ParkingTestUser & { passId: number }, date: string) =>
        api.http().post(`/parking/pass/${lender.passId}/unlend`).set('Authorization', lender.auth).send({ date }).expect(200);
      for (let round = 0; round < 6; round++) {
        const dates = [1, 2].map((day) => `2027-03-${String(2 * round + day).padStart(2, '0')}`);
        const [first, second] = await participants(api, moderator, own.orgId, 2, `overdue-${round}`);
        const givers = await passOwners(api, moderator, own.orgId, own.stateId, 2, `overdue-lender-${round}`, spot + 1);
        spot += givers.length;
        at(58);
        await api.borrow(first, { org_id: own.orgId, start_date: dates[0], end_date: dates[1] });
        at(59);
        await api.borrow(second, { org_id: own.orgId, start_date: dates[0], end_date: dates[1] });
        await Promise.all(givers.map((giver, i) => api.lend(giver, giver.passId, { date: dates[i] })));
        // 18:00 UTC on the first date: past the lock-in times of both.
        api.setNow(`${dates[0]}T18:00:01Z`);
        const answers = await Promise.all(givers.map((giver, i) => unlend(giver, dates[i])));
        expect(answers.map((answer) => answer.body)).toEqual(dates.map((date) => ({ [date]: { dequeued: false, reason: 'locked in' } })));
        const served = [...(await matchesIn(dates[0])), ...(await matchesIn(dates[1]))];
        expect(served.sort((a, b) => a - b)).toEqual([first.id, second.id].sort((a, b) => a - b));
      }
      at(57);
    });

    it('10 parallel borrowers racing for one same-day offer: exactly one wins', async () => {
      const date = '2026-12-28';
      at(56);
      const racers = await borrowers(10, 'racer');
      const [lender] = await lenders(1, 'race-lender');
      await api.lockIn(moderator, orgId, date);
      await api.lend(lender, lender.passId, { date });
      const answers = await Promise.all(racers.map((racer) => api.borrow(racer, { org_id: orgId, date })));
      expect(answers.every((answer) => answer[date].enqueued === true)).toBe(true);
      const matches = await matchesOf(date);
      expect(matches).toHaveLength(1);
      expect(racers.map((r) => r.id)).toContain(matches[0][1]);
      const borrowed = await Promise.all(racers.map(async (racer) => (await api.myPasses(racer)).borrowed.length));
      expect(borrowed.reduce((a, b) => a + b, 0)).toBe(1);
      expect((await api.loans(moderator, orgId, date)).requests).toHaveLength(9);
    });

    it('one borrower and 5 parallel same-day offers: the borrower gets exactly one pass', async () => {
      const date = '2026-12-29';
      const [borrower] = await borrowers(1, 'lucky');
      const offerers = await lenders(5, 'flood');
      await api.borrow(borrower, { org_id: orgId, date });
      await api.lockIn(moderator, orgId, date);
      const answers = await Promise.all(offerers.map((lender) => api.lend(lender, lender.passId, { date })));
      expect(answers.every((answer) => answer[date].enqueued === true)).toBe(true);
      const loans = await api.loans(moderator, orgId, date);
      expect(loans.offers).toHaveLength(5);
      expect(loans.matches.map((m: { borrower_id: number }) => m.borrower_id)).toEqual([borrower.id]);
    });

    it('lending and borrowing one date at once: exactly one of the two goes through', async () => {
      for (const date of ['2027-01-11', '2027-01-12', '2027-01-13']) {
        const [owner] = await lenders(1, 'torn');
        // Within one org an owner never borrows on a day their pass is valid: the rule bites across orgs.
        const second = await everyDayOrg(api, moderator, { name: `Second ${date}` });
        await api.participant(moderator, second.orgId, owner);
        const [lend, borrow] = await Promise.all([
          api.lend(owner, owner.passId, { date }),
          api.borrow(owner, { org_id: second.orgId, date }),
        ]);
        expect([lend[date].enqueued, borrow[date].enqueued].filter(Boolean)).toHaveLength(1);
      }
    });

    it('parallel indefinite requests of one borrower: one per org', async () => {
      const [borrower] = await borrowers(1, 'eager');
      const answers = await Promise.all(Array.from({ length: 5 }, () => api.borrow(borrower, { org_id: orgId, indefinite: true })));
      expect(answers.filter((answer) => answer.indefinite.enqueued)).toHaveLength(1);
      expect(answers.filter((answer) => answer.indefinite.reason === 'already queued')).toHaveLength(4);
    });

    it("a removed participant's open requests leave the queue", async () => {
      const [leaver] = await borrowers(1, 'leaver');
      await api.borrow(leaver, { org_id: orgId, date: '2027-01-20' });
      expect((await api.loans(moderator, orgId, '2027-01-20')).requests.map((r: { borrower_id: number }) => r.borrower_id)).toContain(
        leaver.id,
      );
      await api.http().delete(`/parking/org/${orgId}/participants/${leaver.id}`).set('Authorization', moderator.auth).expect(204);
      expect((await api.loans(moderator, orgId, '2027-01-20')).requests.map((r: { borrower_id: number }) => r.borrower_id)).not.toContain(
        leaver.id,
      );
      await api
        .http()
        .post('/parking/pass/borrow')
        .set('Authorization', leaver.auth)
        .send({ org_id: orgId, date: '2027-01-20' })
        .expect(403);
    });

    it('a pass deleted while its owner lends it: no offer of it survives', async () => {
      for (let round = 0; round < 3; round++) {
        const [owner] = await lenders(1, 'vanishing');
        const [lend, deletion] = await Promise.all([
          api
            .http()
            .post(`/parking/pass/${owner.passId}/lend`)
            .set('Authorization', owner.auth)
            .send({ start_date: '2027-02-01', end_date: '2027-02-03' }),
          api.http().delete(`/parking/pass/${owner.passId}`).set('Authorization', owner.auth),
        ]);
        expect(deletion.status).toBe(204);
        expect([200, 404, 409]).toContain(lend.status);
        expect((await api.myPasses(owner)).lent).toEqual([]);
      }
    });

    it('borrows, lends and the lock-in itself all at once: every offer is matched once, to distinct borrowers', async () => {
      const date = '2028-03-15'; // after the year of dates an earlier borrower queued for
      const storm = await borrowers(8, 'storm');
      const givers = await lenders(4, 'storm-lender');
      const responses = await Promise.all([
        ...storm.map((borrower) =>
          api.http().post('/parking/pass/borrow').set('Authorization', borrower.auth).send({ org_id: orgId, date }),
        ),
        ...givers.map((lender) => api.http().post(`/parking/pass/${lender.passId}/lend`).set('Authorization', lender.auth).send({ date })),
        api.http().post(`/parking/org/${orgId}/lock-in?date=${date}`).set('Authorization', moderator.auth),
      ]);
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
      const matches = await matchesOf(date);
      // Offers made before the lock-in are matched by it, later ones at once (same-day service).
      expect(matches).toHaveLength(4);
      expect(new Set(matches.map(([passId]: number[]) => passId)).size).toBe(4);
      expect(new Set(matches.map(([, borrowerId]: number[]) => borrowerId)).size).toBe(4);
      expect((await api.loans(moderator, orgId, date)).requests).toHaveLength(4);
    });

    it('parallel borrow of one date by one borrower queues it once', async () => {
      const [borrower] = await borrowers(1, 'double');
      const answers = await Promise.all(Array.from({ length: 5 }, () => api.borrow(borrower, { org_id: orgId, date: '2026-12-30' })));
      const queued = answers.filter((answer) => answer['2026-12-30'].enqueued);
      expect(queued).toHaveLength(1);
      expect(answers.filter((answer) => answer['2026-12-30'].reason === 'already queued')).toHaveLength(4);
    });

    it('a lent pass deleted after matching: its borrower goes back to the front of the queue', async () => {
      const date = '2026-12-31';
      const [l1, l2] = await lenders(2, 'doomed-lender');
      const [b1, b2, b3] = await borrowers(3, 'doomed');
      for (const [minute, borrower] of [
        [57, b1],
        [58, b2],
        [59, b3],
      ] as const) {
        at(minute);
        await api.borrow(borrower, { org_id: orgId, date });
      }
      await api.lend(l1, l1.passId, { start_date: date, end_date: '2027-01-04' });
      await api.lend(l2, l2.passId, { date });
      await api.lockIn(moderator, orgId, date);
      expect(await matchesOf(date)).toEqual([
        [l1.passId, b1.id],
        [l2.passId, b2.id],
      ]);

      await api.http().delete(`/parking/pass/${l1.passId}`).set('Authorization', l1.auth).expect(204);
      expect(await matchesOf(date)).toEqual([[l2.passId, b2.id]]);
      expect((await api.myPasses(b1)).borrowed).toEqual([]);
      expect((await api.myPasses(l1)).lent).toEqual([]); // its future offers went with it
      const queue = (await api.loans(moderator, orgId, date)).requests;
      expect(queue.map((r: { borrower_id: number; front_of_queue: boolean }) => [r.borrower_id, r.front_of_queue])).toEqual([
        [b1.id, true],
        [b3.id, false],
      ]);
      // The next offer of that (locked-in) date goes to b1, not to b3 who queued before b1 was served.
      const [rescuer] = await lenders(1, 'rescuer');
      await api.lend(rescuer, rescuer.passId, { date });
      expect(await matchesOf(date)).toEqual([
        [l2.passId, b2.id],
        [rescuer.passId, b1.id],
      ]);
    });
  });

  describe('domain events (stream parking.loans)', () => {
    /** Every event of one name in the stream, read by a fresh consumer through the events API. */
    const eventsNamed = async (eventName: string) => {
      const response = await api
        .http()
        .get(`/api/v1/streams/parking.loans/events?eventName=${eventName}&limit=1000`)
        .set('Authorization', basic('alice', TEST_EVENTS_CLIENTS.alice))
        .set('X-Consumer-ID', `parking-test-${Date.now()}-${Math.random().toString(36).slice(2)}`)
        .expect(200);
      const body = typeof response.body === 'string' ? JSON.parse(response.body) : response.body;
      return body as Array<{ event: { name: string }; payload: Record<string, unknown> }>;
    };

    it('publishes one LoanMatched per match, committed with it, and LoanCancelled for a deleted pass', async () => {
      const matched = await eventsNamed('LoanMatched');
      const cancelled = (await eventsNamed('LoanCancelled')).filter((event) => event.payload.date === '2026-12-31');
      for (const date of ['2026-12-14', '2026-12-28', '2026-12-31']) {
        const matches = (await api.loans(moderator, orgId, date)).matches;
        const published = matched.filter((event) => event.payload.date === date);
        // The race of 10 borrowers published exactly one match: the losers' rolled-back attempts left nothing.
        // On the 31st, the match lost with the deleted pass was published too, then cancelled.
        const lost = date === '2026-12-31' ? cancelled.map((event) => event.payload.borrower_id) : [];
        expect(published.map((event) => event.payload.borrower_id).sort()).toEqual(
          [...matches.map((m: { borrower_id: number }) => m.borrower_id), ...lost].sort(),
        );
      }
      const sample = matched.find((event) => event.payload.date === '2026-12-14');
      expect(sample?.payload).toEqual({
        org_id: orgId,
        pass_id: expect.any(Number),
        date: '2026-12-14',
        lender_id: expect.any(Number),
        borrower_id: expect.any(Number),
        request_id: expect.any(Number),
        matched_at: '2026-11-22T10:30:00.000Z',
      });
      expect(cancelled).toHaveLength(1);
      expect(cancelled[0].payload).toMatchObject({ reason: 'pass deleted', org_id: orgId });
    });
  });

  describe('GET /parking/org/:id/loans and POST lock-in', () => {
    it('moderators only; date required for lock-in', async () => {
      const [participant] = await borrowers(1, 'nosy');
      await api.http().get(`/parking/org/${orgId}/loans?date=2026-12-14`).set('Authorization', participant.auth).expect(403);
      await api.http().post(`/parking/org/${orgId}/lock-in?date=2026-12-14`).set('Authorization', participant.auth).expect(403);
      await api.http().post(`/parking/org/${orgId}/lock-in`).set('Authorization', moderator.auth).expect(400);
      await api.http().post(`/parking/org/${orgId}/lock-in?date=tomorrow`).set('Authorization', moderator.auth).expect(400);
      const today = await api.http().get(`/parking/org/${orgId}/loans`).set('Authorization', moderator.auth).expect(200);
      expect(today.body).toMatchObject({ date: '2026-11-22', daystate: { identifier: 'D' }, lock_in_at: '2026-11-21T18:00:00.000Z' });
    });
  });

  describe('the scheduled lock-in', () => {
    /** The date's lock-in work item: how far ahead it is due (real time), and its version. */
    async function lockInItem(org: number, date: string) {
      const rows = await testApp.sql<{ due_at: string; version: number }>(
        'SELECT due_at, version FROM due_work WHERE kind = $1 AND key = $2',
        [LOCK_IN_WORK, lockInKey(org, date)],
      );
      return rows.map((row) => ({ dueInMs: Number(row.due_at) - Date.now(), version: Number(row.version) }));
    }

    it('writes one work item per org and date, and moves it when the org changes its lock-in time', async () => {
      api.setNow('2026-11-22T10:00:00Z');
      const other = await everyDayOrg(api, moderator, { name: 'Rescheduled', timezone: 'Europe/Paris' });
      const [borrower] = await borrowers(1, 'resched');
      await api.participant(moderator, other.orgId, borrower);
      await api.borrow(borrower, { org_id: other.orgId, date: '2026-12-10' });
      await api.borrow(borrower, { org_id: other.orgId, date: '2026-12-10' }); // scheduled once
      const before = await lockInItem(other.orgId, '2026-12-10');
      expect(before).toHaveLength(1);
      expect(before[0].version).toBe(0);
      // 18:00 in Paris on 9 December is 17:00 UTC, counted from the pinned clock.
      expect(Math.abs(before[0].dueInMs - (Date.parse('2026-12-09T17:00:00Z') - Date.parse('2026-11-22T10:00:00Z')))).toBeLessThan(5000);
      await api.http().patch(`/parking/org/${other.orgId}`).set('Authorization', moderator.auth).send({ lock_in: '20:30' }).expect(200);
      const after = await lockInItem(other.orgId, '2026-12-10');
      expect(after).toHaveLength(1);
      expect(Math.abs(after[0].dueInMs - (Date.parse('2026-12-09T19:30:00Z') - Date.parse('2026-11-22T10:00:00Z')))).toBeLessThan(5000);
    });

    it("locks a date in at the org's lock_in time through its work item", async () => {
      // After the year of dates queued above, whose jobs were scheduled from an earlier (pinned) clock.
      const date = '2028-02-10';
      const [lender] = await lenders(1, 'job-lender');
      const [borrower] = await borrowers(1, 'job-borrower');
      // 1.5 s before 18:00 UTC on 9 February, with the clock running.
      api.runClockFrom('2028-02-09T17:59:58.500Z');
      await api.borrow(borrower, { org_id: orgId, date });
      await api.lend(lender, lender.passId, { date });
      expect((await api.loans(moderator, orgId, date)).locked_in).toBe(false);
      const deadline = Date.now() + 15_000;
      let loans = await api.loans(moderator, orgId, date);
      while (!loans.locked_in && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        loans = await api.loans(moderator, orgId, date);
      }
      expect(loans.locked_in).toBe(true);
      expect(loans.matches.map((m: { borrower_id: number }) => m.borrower_id)).toEqual([borrower.id]);
      // Done: the item is deleted right after.
      const gone = Date.now() + 5000;
      while ((await lockInItem(orgId, date)).length > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await lockInItem(orgId, date)).toEqual([]);
    });
  });
});

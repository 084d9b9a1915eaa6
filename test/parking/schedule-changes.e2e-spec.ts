import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * Changes revisit what they touch, in the transaction that makes them: a schedule change re-judges
 * the future offers, requests and loans of every date it shifts, and a participant removed takes
 * their future requests, offers and loans along. The clock is pinned to Sunday 22 November 2026,
 * 10:00 UTC; the term runs over the four school weeks from Monday 23 November.
 */

type ScheduleBody = {
  sequence: number[];
  anchor: { date: string; daystate_id: number };
  skip: string[];
  exceptions: Array<{ date: string; daystate_id: number | null }>;
};

const WEEKEND = new Set([0, 6]);
const isWeekend = (date: string) => WEEKEND.has(new Date(`${date}T00:00:00Z`).getUTCDay());
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The independent model of the walk: one calendar day at a time from the anchor, the sequence
 * moving one step on each day that is neither skipped nor an exception (the contract: neither kind
 * of exception advances it). Dates on or after the anchor only, which is all the term needs.
 */
function modelDayState(schedule: ScheduleBody, date: string): number | null {
  const exceptions = new Map(schedule.exceptions.map((e) => [e.date, e.daystate_id]));
  const skipped = (day: string) =>
    schedule.skip.includes(
      ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(`${day}T00:00:00Z`).getUTCDay()],
    );
  let step = schedule.sequence.indexOf(schedule.anchor.daystate_id);
  for (let day = schedule.anchor.date; day < date;) {
    day = nextDay(day);
    if (!exceptions.has(day) && !skipped(day)) step++;
  }
  if (exceptions.has(date)) return exceptions.get(date)!;
  if (skipped(date)) return null;
  return schedule.sequence[step % schedule.sequence.length];
}

const TERM: string[] = [];
for (let day = '2026-11-23'; day <= '2026-12-18'; day = nextDay(day)) TERM.push(day);
const SCHOOL_DAYS = TERM.filter((day) => !isWeekend(day));

describe('parking: changes revisit what they touch', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let org = 0;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    api.setNow('2026-11-22T10:00:00Z');
    moderator = await api.user('changes-moderator');
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** A school with A/B days on weekdays, one A pass and one B pass lent for the whole term, and two borrowers queued for it. */
  async function school() {
    const orgId = await api.org(moderator, { name: `School ${++org}` });
    const a = await api.dayState(moderator, orgId, 'A');
    const b = await api.dayState(moderator, orgId, 'B');
    const schedule: ScheduleBody = {
      sequence: [a, b],
      anchor: { date: '2026-11-23', daystate_id: a },
      skip: ['saturday', 'sunday'],
      exceptions: [],
    };
    await api.schedule(moderator, orgId, schedule);
    const [alpha] = await passOwners(api, moderator, orgId, a, 1, 'alpha', 1);
    const [beta] = await passOwners(api, moderator, orgId, b, 1, 'beta', 1);
    const [first, second] = await participants(api, moderator, orgId, 2, 'pupil');
    const term = { start_date: TERM[0], end_date: TERM.at(-1) };
    await api.lend(alpha, alpha.passId, term);
    await api.lend(beta, beta.passId, term);
    api.setNow('2026-11-22T10:01:00Z');
    await api.borrow(first, { org_id: orgId, ...term });
    api.setNow('2026-11-22T10:02:00Z');
    await api.borrow(second, { org_id: orgId, ...term });
    return { orgId, a, b, schedule, alpha, beta, first, second };
  }

  const offersOf = async (orgId: number, date: string) =>
    (await api.loans(moderator, orgId, date)).offers.map((o: { pass_id: number; borrower_id: number | null }) => [
      o.pass_id,
      o.borrower_id,
    ]);
  const queueOf = (orgId: number, date: string) => api.queueOf(moderator, orgId, date);

  it('a holiday (or a swapped day) added mid-term: every school day re-judged against the model of the walk', async () => {
    const exception = fc.record({
      date: fc.constantFrom(...SCHOOL_DAYS.slice(1)),
      state: fc.constantFrom<'A' | 'B' | null>('A', 'B', null),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(exception, { minLength: 1, maxLength: 2, selector: (e) => e.date }),
        fc.boolean(),
        async (added, cancelLockedIn) => {
          api.setNow('2026-11-22T10:00:00Z');
          const s = await school();
          // The first week's Monday to Wednesday are locked in: each matched its pass to the first pupil.
          const locked = SCHOOL_DAYS.slice(0, 3);
          for (const date of locked) await api.lockIn(moderator, s.orgId, date);

          const before = s.schedule;
          const after: ScheduleBody = {
            ...before,
            exceptions: added.map((e) => ({ date: e.date, daystate_id: e.state === null ? null : e.state === 'A' ? s.a : s.b })),
          };
          const put = await api
            .http()
            .put(`/parking/org/${s.orgId}/schedule${cancelLockedIn ? '?cancel_locked_in=true' : ''}`)
            .set('Authorization', moderator.auth)
            .send(after);
          expect(put.status).toBe(200);

          for (const date of TERM) {
            const was = modelDayState(before, date);
            const now = modelDayState(after, date);
            const changed = was !== now;
            const isLocked = locked.includes(date);
            const lender = was === s.a ? s.alpha : was === s.b ? s.beta : null;
            // What the model says each date holds now.
            let offers: Array<[number, number | null]> = lender ? [[lender.passId, isLocked ? s.first.id : null]] : [];
            let queue: number[] = was === null ? [] : isLocked ? [s.second.id] : [s.first.id, s.second.id];
            if (changed && lender) {
              const promiseKept = isLocked && !cancelLockedIn;
              if (!promiseKept) offers = [];
              if (now === null) queue = [];
              else if (isLocked && cancelLockedIn) queue = [s.first.id, s.second.id];
            }
            expect({ date, offers: await offersOf(s.orgId, date) }).toEqual({ date, offers });
            expect({ date, queue: await queueOf(s.orgId, date) }).toEqual({ date, queue });
          }
          // Every offer withdrawn and loan cancelled was told on parking.loans, with its reason.
          const withdrawn = (await api.eventsNamed('OfferWithdrawn')).filter((e) => e.payload.org_id === s.orgId);
          const changedDates = TERM.filter(
            (date) => modelDayState(before, date) !== modelDayState(after, date) && modelDayState(before, date) !== null,
          );
          const kept = changedDates.filter((date) => locked.includes(date) && !cancelLockedIn);
          expect(withdrawn.map((e) => e.payload.date).sort()).toEqual(changedDates.filter((date) => !kept.includes(date)).sort());
          const cancelled = (await api.eventsNamed('LoanCancelled')).filter((e) => e.payload.org_id === s.orgId);
          expect(cancelled.map((e) => [e.payload.date, e.payload.borrower_id, e.payload.reason])).toEqual(
            changedDates
              .filter((date) => locked.includes(date) && cancelLockedIn)
              .map((date) => [date, s.first.id, 'the schedule changed: the pass is not valid that day']),
          );
        },
      ),
      { numRuns: 4 },
    );
  });

  it('the office reads it: "Tuesday 1 December becomes a B day" withdraws the A offer and keeps the pupils queued', async () => {
    api.setNow('2026-11-22T10:00:00Z');
    const s = await school();
    // Tuesday 1 December is an A day, Wednesday 2 December a B day.
    expect(await offersOf(s.orgId, '2026-12-01')).toEqual([[s.alpha.passId, null]]);
    expect(await offersOf(s.orgId, '2026-12-02')).toEqual([[s.beta.passId, null]]);
    await api.schedule(moderator, s.orgId, { ...s.schedule, exceptions: [{ date: '2026-12-01', daystate_id: s.b }] });
    expect(await offersOf(s.orgId, '2026-12-01')).toEqual([]);
    expect(await queueOf(s.orgId, '2026-12-01')).toEqual([s.first.id, s.second.id]);
    // The exception holds the sequence: Wednesday 2 December is an A day now, so Beta's offer went too.
    expect(await offersOf(s.orgId, '2026-12-02')).toEqual([]);
    const withdrawn = (await api.eventsNamed('OfferWithdrawn')).find(
      (e) => e.payload.org_id === s.orgId && e.payload.date === '2026-12-01',
    );
    expect(withdrawn?.payload).toMatchObject({
      lender_id: s.alpha.id,
      pass_id: s.alpha.passId,
      reason: 'the schedule changed: the pass is not valid that day',
    });
    // Beta's pass is valid on the 1st now: Beta may lend it there, and Alpha's on the 2nd.
    expect(await api.lend(s.beta, s.beta.passId, { date: '2026-12-01' })).toEqual({ '2026-12-01': { enqueued: true } });
    expect(await api.lend(s.alpha, s.alpha.passId, { date: '2026-12-02' })).toEqual({ '2026-12-02': { enqueued: true } });
  });

  it('a pupil who now holds a valid pass that day loses the request they no longer need', async () => {
    api.setNow('2026-11-22T10:00:00Z');
    const s = await school();
    // Beta queues on an A day (Wednesday 25 November): Beta's own pass is not valid then.
    expect(await api.borrow(s.beta, { org_id: s.orgId, date: '2026-11-25' })).toEqual({
      '2026-11-25': { enqueued: true, request_id: expect.any(Number) },
    });
    await api.schedule(moderator, s.orgId, { ...s.schedule, exceptions: [{ date: '2026-11-25', daystate_id: s.b }] });
    expect(await queueOf(s.orgId, '2026-11-25')).toEqual([s.first.id, s.second.id]);
    const cancelled = (await api.eventsNamed('RequestCancelled')).filter((e) => e.payload.org_id === s.orgId);
    expect(cancelled.map((e) => [e.payload.borrower_id, e.payload.date, e.payload.reason])).toEqual([
      [s.beta.id, '2026-11-25', 'the schedule changed: you hold a valid pass that day'],
    ]);
  });

  it('cancel_locked_in: a pupil served through an indefinite request keeps their place among the dated requests', async () => {
    api.setNow('2026-11-22T10:00:00Z');
    const s = await school();
    const date = '2026-12-21'; // the Monday after the term: an A day
    const [patient] = await participants(api, moderator, s.orgId, 1, 'patient');
    api.setNow('2026-11-22T10:03:00Z');
    await api.borrow(patient, { org_id: s.orgId, indefinite: true });
    await api.lend(s.alpha, s.alpha.passId, { date });
    await api.lockIn(moderator, s.orgId, date);
    expect((await api.myPasses(patient)).borrowed.map((b: { date: string }) => b.date)).toEqual([date]);

    const started = Date.now();
    await api
      .http()
      .put(`/parking/org/${s.orgId}/schedule?cancel_locked_in=true`)
      .set('Authorization', moderator.auth)
      .send({ ...s.schedule, exceptions: [{ date, daystate_id: s.b }] })
      .expect(200);
    console.log(
      `[figure] parking schedule change revisiting a four-week term (21 dates with offers or requests): ${Date.now() - started} ms`,
    );
    expect((await api.myPasses(patient)).borrowed).toEqual([]);
    const queue = (await api.loans(moderator, s.orgId, date)).requests;
    expect(queue.map((r: { borrower_id: number; indefinite: boolean; reason: string }) => [r.borrower_id, r.indefinite, r.reason])).toEqual(
      [[patient.id, false, 'first come, first served']],
    );
    // Beta's pass is valid that day now, and goes to them at once (same-day service).
    await api.lend(s.beta, s.beta.passId, { date });
    expect((await api.myPasses(patient)).borrowed.map((b: { pass_id: number }) => b.pass_id)).toEqual([s.beta.passId]);
  });

  it('a schedule change racing a lock-in: either the loan was promised first and stands, or the offer went first', async () => {
    for (let round = 0; round < 5; round++) {
      api.setNow('2026-11-22T10:00:00Z');
      const s = await school();
      const date = '2026-12-09'; // an A day
      const [put, lockIn] = await Promise.all([
        api
          .http()
          .put(`/parking/org/${s.orgId}/schedule`)
          .set('Authorization', moderator.auth)
          .send({ ...s.schedule, exceptions: [{ date, daystate_id: null }] }),
        api.http().post(`/parking/org/${s.orgId}/lock-in?date=${date}`).set('Authorization', moderator.auth),
      ]);
      expect([put.status, lockIn.status]).toEqual([200, 200]);
      const loans = await api.loans(moderator, s.orgId, date);
      expect(loans.locked_in).toBe(true);
      const offers = loans.offers.map((o: { pass_id: number; borrower_id: number | null }) => [o.pass_id, o.borrower_id]);
      // Lock-in first: the loan was promised and stays; the schedule change cancelled the open request.
      // Schedule first: the offer was withdrawn and the requests cancelled, nothing was matched.
      expect([[[s.alpha.passId, s.first.id]], []]).toContainEqual(offers);
      expect(loans.requests).toEqual([]);
      expect(loans.daystate).toBeNull();
    }
  });

  it('a lend racing a schedule change that makes its date invalid: no invalid offer survives', async () => {
    for (let round = 0; round < 5; round++) {
      api.setNow('2026-11-22T10:00:00Z');
      const orgId = await api.org(moderator, { name: `Racing school ${round}` });
      const a = await api.dayState(moderator, orgId, 'A');
      const b = await api.dayState(moderator, orgId, 'B');
      const schedule = { sequence: [a, b], anchor: { date: '2026-11-23', daystate_id: a }, skip: ['saturday', 'sunday'], exceptions: [] };
      await api.schedule(moderator, orgId, schedule);
      const [alpha] = await passOwners(api, moderator, orgId, a, 1, 'racing-alpha', 1);
      const date = '2026-12-09';
      const [lend, put] = await Promise.all([
        api.http().post(`/parking/pass/${alpha.passId}/lend`).set('Authorization', alpha.auth).send({ date }),
        api
          .http()
          .put(`/parking/org/${orgId}/schedule`)
          .set('Authorization', moderator.auth)
          .send({ ...schedule, exceptions: [{ date, daystate_id: b }] }),
      ]);
      expect([lend.status, put.status]).toEqual([200, 200]);
      expect(await offersOf(orgId, date)).toEqual([]);
      expect([{ enqueued: true }, { enqueued: false, reason: 'the pass is not valid that day' }]).toContainEqual(lend.body[date]);
    }
  });

  describe('removing a participant', () => {
    it('cancels their future loans, requests and offers, and re-matches the passes they held or borrowed', async () => {
      api.setNow('2026-11-22T10:00:00Z');
      const { orgId, stateId } = await everyDayOrg(api, moderator, { name: 'Removals' });
      const [keeper, leaving] = await passOwners(api, moderator, orgId, stateId, 2, 'removal-owner', 1);
      const [gone, next, waiting] = await participants(api, moderator, orgId, 3, 'removal-pupil');
      api.setNow('2026-11-22T10:01:00Z');
      await api.borrow(gone, { org_id: orgId, start_date: '2026-12-01', end_date: '2026-12-02' });
      await api.borrow(gone, { org_id: orgId, indefinite: true });
      api.setNow('2026-11-22T10:02:00Z');
      await api.borrow(next, { org_id: orgId, date: '2026-12-01' });
      await api.borrow(waiting, { org_id: orgId, date: '2026-12-03' });
      await api.lend(keeper, keeper.passId, { date: '2026-12-01' });
      await api.lend(leaving, leaving.passId, { start_date: '2026-12-03', end_date: '2026-12-04' });
      await api.lockIn(moderator, orgId, '2026-12-01');
      await api.lockIn(moderator, orgId, '2026-12-03');
      expect((await api.myPasses(gone)).borrowed.map((b: { date: string }) => b.date)).toEqual(['2026-12-01']);
      expect((await api.myPasses(waiting)).borrowed.map((b: { date: string }) => b.date)).toEqual(['2026-12-03']);

      // The borrower leaves: the pass they borrowed goes to the next in the queue at once.
      await api.removeParticipant(moderator, orgId, gone);
      expect((await api.myPasses(gone)).borrowed).toEqual([]);
      expect(await api.myRequests(gone)).toEqual([]);
      expect((await api.loans(moderator, orgId, '2026-12-01')).matches.map((m: { borrower_id: number }) => m.borrower_id)).toEqual([
        next.id,
      ]);
      const cancelled = (await api.eventsNamed('LoanCancelled')).filter((e) => e.payload.org_id === orgId);
      expect(cancelled.map((e) => [e.payload.borrower_id, e.payload.date, e.payload.reason])).toEqual([
        [gone.id, '2026-12-01', 'the borrower is no longer a participant'],
      ]);

      // The lender leaves: their offers go, and the borrower is back at the front of the queue.
      await api.removeParticipant(moderator, orgId, leaving);
      expect((await api.myPasses(leaving)).lent).toEqual([]);
      expect((await api.myPasses(waiting)).borrowed).toEqual([]);
      const queue = (await api.loans(moderator, orgId, '2026-12-03')).requests;
      expect(queue.map((r: { borrower_id: number; reason: string }) => [r.borrower_id, r.reason])).toEqual([
        [waiting.id, 'lost a loan: back at the front'],
      ]);
      // Another pass lent that locked-in date goes to them at once.
      await api.lend(keeper, keeper.passId, { date: '2026-12-03' });
      expect((await api.myPasses(waiting)).borrowed.map((b: { pass_id: number }) => b.pass_id)).toEqual([keeper.passId]);
    });

    it('a removal racing the member borrowing: no request of theirs survives it', async () => {
      api.setNow('2026-11-22T10:00:00Z');
      const { orgId } = await everyDayOrg(api, moderator, { name: 'Racing removals' });
      for (let round = 0; round < 5; round++) {
        const [member] = await participants(api, moderator, orgId, 1, `racing-member-${round}`);
        const [removal, borrow] = await Promise.all([
          api.http().delete(`/parking/org/${orgId}/participants/${member.id}`).set('Authorization', moderator.auth),
          api
            .http()
            .post('/parking/pass/borrow')
            .set('Authorization', member.auth)
            .send({ org_id: orgId, start_date: '2026-12-01', end_date: '2026-12-03' }),
        ]);
        expect(removal.status).toBe(204);
        expect([200, 403]).toContain(borrow.status);
        expect(await api.myRequests(member)).toEqual([]);
      }
    });

    it('a moderator who stops participating keeps moderating, without their requests', async () => {
      api.setNow('2026-11-22T10:00:00Z');
      const { orgId } = await everyDayOrg(api, moderator, { name: 'Demotions' });
      await api.participant(moderator, orgId, moderator);
      await api.borrow(moderator, { org_id: orgId, date: '2026-12-05' });
      await api.removeParticipant(moderator, orgId, moderator);
      expect((await api.myRequests(moderator)).filter((r) => r.org_id === orgId)).toEqual([]);
      expect((await api.loans(moderator, orgId, '2026-12-05')).requests).toEqual([]);
    });
  });
});

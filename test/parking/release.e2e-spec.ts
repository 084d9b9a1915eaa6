import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser, participants, passOwners } from './parking-helpers.js';

/**
 * A lender takes their pass back before the day: `POST /parking/pass/:id/release {date}`. The
 * borrower is told (`LoanReleased`), goes to the front of that date's queue with the priority the
 * loan cost them given back, and is matched again at once when another offer is free. The clock is
 * pinned to minutes of Sunday 22 November 2026 (UTC org, every day a parking day).
 */
describe('parking release', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let orgId: number;
  let stateId: number;
  let spot = 0;

  const at = (minute: number) => api.setNow(new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString());
  const owners = async (count: number, name: string) => {
    const result = await passOwners(api, moderator, orgId, stateId, count, name, spot + 1);
    spot += count;
    return result;
  };
  const release = (owner: ParkingTestUser, passId: number, body: Record<string, unknown>) =>
    api.http().post(`/parking/pass/${passId}/release`).set('Authorization', owner.auth).send(body);
  /** The borrowers queued on `day`, in queue order. */
  const queueOf = (day: string) => api.queueOf(moderator, orgId, day);
  /** Three consecutive dates of their own for each round of the two-loan tests, from 14 December on. */
  const threeDays = (round: number) =>
    [0, 1, 2].map((offset) => new Date(Date.UTC(2026, 11, 14 + 3 * round + offset)).toISOString().slice(0, 10));

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    at(0);
    moderator = await api.user('release-moderator');
    ({ orgId, stateId } = await everyDayOrg(api, moderator));
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('with another offer free, the borrower is matched with it at once, and told of both', async () => {
    const date = '2026-12-10';
    const [first, second] = await owners(2, 'release-free');
    const [ann] = await participants(api, moderator, orgId, 1, 'ann');
    at(1);
    await api.borrow(ann, { org_id: orgId, date });
    await api.lend(first, first.passId, { date });
    await api.lend(second, second.passId, { date });
    at(2);
    const locked = await api.lockIn(moderator, orgId, date);
    expect(locked.matches.map((m: { pass_id: number; borrower_id: number }) => [m.pass_id, m.borrower_id])).toEqual([
      [first.passId, ann.id],
    ]);

    at(3);
    const response = await release(first, first.passId, { date }).expect(200);
    expect(response.body).toEqual({ date, pass_id: first.passId, borrower_id: ann.id, rematched_pass_id: second.passId });
    expect((await api.myPasses(ann)).borrowed).toEqual([
      { pass_id: second.passId, org_id: orgId, date, state_id: stateId, spot_num: expect.any(Number) },
    ]);
    expect((await api.myPasses(first)).lent).toEqual([]);
    const released = (await api.eventsNamed('LoanReleased')).filter((event) => event.payload.date === date);
    expect(released.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        org_id: orgId,
        pass_id: first.passId,
        lender_id: first.id,
        borrower_id: ann.id,
        reason: 'released by the lender',
      }),
    ]);
    const matched = (await api.eventsNamed('LoanMatched')).filter((event) => event.payload.date === date);
    expect(matched.map((event) => event.payload.pass_id)).toEqual([first.passId, second.passId]);
  });

  it('with no offer free, the borrower waits at the front, with the priority the loan cost them given back', async () => {
    const date = '2026-12-11';
    const later = '2026-12-20';
    const [lender, another] = await owners(2, 'release-front');
    const [ann, ben] = await participants(api, moderator, orgId, 2, 'front');
    at(10);
    await api.borrow(ann, { org_id: orgId, date });
    await api.borrow(ann, { org_id: orgId, date: later });
    at(11);
    await api.borrow(ben, { org_id: orgId, date });
    await api.borrow(ben, { org_id: orgId, date: later });
    await api.lend(lender, lender.passId, { date });
    at(12);
    await api.lockIn(moderator, orgId, date);
    // Served on the 11th at minute 12: Ann now queues behind Ben for the 20th.
    expect(await queueOf(later)).toEqual([ben.id, ann.id]);

    at(13);
    const response = await release(lender, lender.passId, { date }).expect(200);
    expect(response.body).toEqual({ date, pass_id: lender.passId, borrower_id: ann.id, rematched_pass_id: null });
    // Her service undone, Ann is ahead of Ben again on the 20th, and at the front on the 11th.
    expect(await queueOf(later)).toEqual([ann.id, ben.id]);
    const requests = (await api.loans(moderator, orgId, date)).requests;
    expect(requests.map((r: { borrower_id: number; position: number; reason: string }) => [r.borrower_id, r.position, r.reason])).toEqual([
      [ann.id, 1, 'lost a loan: back at the front'],
      [ben.id, 2, 'first come, first served'],
    ]);
    // A new offer of that locked-in date goes to her first (same-day service).
    at(14);
    await api.lend(another, another.passId, { date });
    expect((await api.loans(moderator, orgId, date)).matches.map((m: { borrower_id: number }) => m.borrower_id)).toEqual([ann.id]);
  });

  /**
   * Ann served twice in a row (the first date at minute `base + 2`, then the second at `base + 3`,
   * whose loan remembers `base + 2` as the service before it), Ben queued behind her on a third
   * date by those services. Gives the two releases, and Ann's and Ben's ids.
   */
  async function twoServices(round: number) {
    const base = 30 + 10 * round;
    const [first, second, later] = threeDays(round);
    const [earlierLender, laterLender] = await owners(2, `release-two-${round}`);
    const [ann, ben] = await participants(api, moderator, orgId, 2, `two-${round}`);
    at(base);
    for (const date of [first, second, later]) await api.borrow(ann, { org_id: orgId, date });
    at(base + 1);
    await api.borrow(ben, { org_id: orgId, date: later });
    await api.lend(earlierLender, earlierLender.passId, { date: first });
    await api.lend(laterLender, laterLender.passId, { date: second });
    at(base + 2);
    await api.lockIn(moderator, orgId, first);
    at(base + 3);
    await api.lockIn(moderator, orgId, second);
    const queueOnLater = () => queueOf(later);
    expect(await queueOnLater()).toEqual([ben.id, ann.id]);
    at(base + 4);
    return {
      ann,
      ben,
      queueOnLater,
      releaseEarlier: () => release(earlierLender, earlierLender.passId, { date: first }).expect(200),
      releaseLater: () => release(laterLender, laterLender.passId, { date: second }).expect(200),
    };
  }

  // Whatever the order of the two releases, Ann ends with no service counted against her and is
  // ahead of Ben again on the third date.
  it('two loans of one borrower released, the earlier first: the priority both cost her is given back', async () => {
    const { ann, ben, queueOnLater, releaseEarlier, releaseLater } = await twoServices(0);
    await releaseEarlier();
    await releaseLater();
    expect((await api.myPasses(ann)).borrowed).toEqual([]);
    expect(await queueOnLater()).toEqual([ann.id, ben.id]);
  });

  it('two loans of one borrower released, the later first: the priority both cost her is given back', async () => {
    const { ann, ben, queueOnLater, releaseEarlier, releaseLater } = await twoServices(1);
    await releaseLater();
    await releaseEarlier();
    expect(await queueOnLater()).toEqual([ann.id, ben.id]);
  });

  // At once: the two share no date lock, so without the borrower's membership lock each could read
  // the chain of services before the other rewrote it. Six rounds, for the interleavings to vary.
  it('two loans of one borrower released at once, six times: the priority both cost her is given back', async () => {
    for (let round = 2; round < 8; round++) {
      const { ann, ben, queueOnLater, releaseEarlier, releaseLater } = await twoServices(round);
      await Promise.all(round % 2 ? [releaseEarlier(), releaseLater()] : [releaseLater(), releaseEarlier()]);
      expect(await queueOnLater()).toEqual([ann.id, ben.id]);
    }
  });

  // One request served on two dates at once (both locked in with a pass free): the two services
  // share one instant. Releasing one leaves the other counted; releasing both gives back the time
  // before them.
  it('two loans served at one instant: one released still counts the other, both released count none', async () => {
    const [first, second, later] = threeDays(8);
    const [earlierLender, laterLender] = await owners(2, 'release-tied');
    const [ann, ben] = await participants(api, moderator, orgId, 2, 'tied');
    at(120);
    await api.borrow(ann, { org_id: orgId, date: later });
    at(121);
    await api.borrow(ben, { org_id: orgId, date: later });
    await api.lend(earlierLender, earlierLender.passId, { date: first });
    await api.lend(laterLender, laterLender.passId, { date: second });
    await api.lockIn(moderator, orgId, first);
    await api.lockIn(moderator, orgId, second);
    at(122);
    await api.borrow(ann, { org_id: orgId, start_date: first, end_date: second });
    expect((await api.myPasses(ann)).borrowed.map((loan: { date: string }) => loan.date)).toEqual([first, second]);
    expect(await queueOf(later)).toEqual([ben.id, ann.id]);

    at(123);
    await release(earlierLender, earlierLender.passId, { date: first }).expect(200);
    expect(await queueOf(later)).toEqual([ben.id, ann.id]);
    await release(laterLender, laterLender.passId, { date: second }).expect(200);
    expect(await queueOf(later)).toEqual([ann.id, ben.id]);
  });

  it('refuses what cannot be released, changing nothing', async () => {
    const date = '2026-12-12';
    const [lender] = await owners(1, 'release-refused');
    const [stranger, borrower] = await participants(api, moderator, orgId, 2, 'refused');
    at(20);
    await api.lend(lender, lender.passId, { date });
    // Not matched yet: unlend is the way.
    expect((await release(lender, lender.passId, { date }).expect(409)).body.errors[0].message).toMatch(/not matched yet: unlend it/);
    await release(lender, lender.passId, { date: '2026-12-13' }).expect(409);
    await release(stranger, lender.passId, { date }).expect(403);
    await release(lender, 999999, { date }).expect(404);
    await release(lender, lender.passId, { date: '2026-12-32' }).expect(400);
    await release(lender, lender.passId, { date: '2027-12-12' }).expect(400);
    await api.borrow(borrower, { org_id: orgId, date });
    await api.lockIn(moderator, orgId, date);
    // The day has started in the org's zone: the loan stands.
    api.setNow('2026-12-12T00:30:00Z');
    const late = await release(lender, lender.passId, { date }).expect(409);
    expect(late.body.errors[0].message).toMatch(/already started/);
    expect((await api.myPasses(borrower)).borrowed).toHaveLength(1);
  });
});

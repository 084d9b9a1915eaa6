import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { ParkingApi, ParkingTestUser } from './parking-helpers.js';

describe('parking orgs, members, day states and schedules', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let member: ParkingTestUser;
  let outsider: ParkingTestUser;
  let orgId: number;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    api.setNow('2026-11-22T10:00:00Z');
    [moderator, member, outsider] = [await api.user('mod'), await api.user('member'), await api.user('outsider')];
  });
  afterAll(() => testApp.close());

  describe('POST /parking/org', () => {
    it('creates an org moderated by the caller: 201 {id} + Location', async () => {
      const response = await api
        .http()
        .post('/parking/org')
        .set('Authorization', moderator.auth)
        .send({ name: 'Lycée Victor Hugo', timezone: 'Europe/Paris', greeting: 'Bonjour', rules: 'Park nose in', lock_in: '19:30' })
        .expect(201);
      orgId = response.body.id;
      expect(response.body).toEqual({ id: expect.any(Number) });
      expect(response.headers.location).toBe(`/parking/org/${orgId}`);
    });

    it('refuses an unknown time zone, a bad lock_in and a missing name, field by field', async () => {
      const response = await api
        .http()
        .post('/parking/org')
        .set('Authorization', moderator.auth)
        .send({ timezone: 'Mars/Olympus', lock_in: '25:00' })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lock_in', 'name', 'timezone']);
    });

    it('401 without a token', async () => {
      await api.http().post('/parking/org').send({ name: 'x' }).expect(401);
    });
  });

  describe('GET /parking/org/:id and search', () => {
    it('shows {id, name} to anyone and the full view to members', async () => {
      await api.participant(moderator, orgId, member);
      const anonymous = await api.http().get(`/parking/org/${orgId}`).expect(200);
      expect(anonymous.body).toEqual({ id: orgId, name: 'Lycée Victor Hugo' });
      const stranger = await api.http().get(`/parking/org/${orgId}`).set('Authorization', outsider.auth).expect(200);
      expect(stranger.body).toEqual({ id: orgId, name: 'Lycée Victor Hugo' });
      const full = {
        id: orgId,
        name: 'Lycée Victor Hugo',
        timezone: 'Europe/Paris',
        greeting: 'Bonjour',
        rules: 'Park nose in',
        lock_in: '19:30',
      };
      expect((await api.http().get(`/parking/org/${orgId}`).set('Authorization', member.auth).expect(200)).body).toEqual(full);
      expect((await api.http().get(`/parking/org/${orgId}`).set('Authorization', moderator.auth).expect(200)).body).toEqual(full);
    });

    it('404 for an unknown org or a non-numeric id; 401 for an invalid token', async () => {
      await api.http().get('/parking/org/999999').expect(404);
      await api.http().get('/parking/org/abc').expect(404);
      await api.http().get(`/parking/org/${orgId}`).set('Authorization', 'Bearer not-a-token').expect(401);
    });

    it('searches names case-insensitively, at most 50, with LIKE wildcards taken literally', async () => {
      await api.org(moderator, { name: 'Collège Jean Moulin' });
      await api.org(moderator, { name: '100% parking' });
      const found = await api.http().get('/parking/org/search?q=VICTOR').expect(200);
      expect(found.body).toEqual([{ id: orgId, name: 'Lycée Victor Hugo' }]);
      expect((await api.http().get('/parking/org/search?q=%25').expect(200)).body).toEqual([
        { id: expect.any(Number), name: '100% parking' },
      ]);
      expect((await api.http().get('/parking/org/search?q=zzz').expect(200)).body).toEqual([]);
      for (let i = 0; i < 51; i++) await api.org(moderator, { name: `Many ${i}` });
      expect((await api.http().get('/parking/org/search?q=many').expect(200)).body).toHaveLength(50);
    });

    it('400 for an empty q', async () => {
      expect((await api.http().get('/parking/org/search?q=').expect(400)).body.errors[0].field).toBe('q');
      await api.http().get('/parking/org/search').expect(400);
    });
  });

  describe('PATCH /parking/org/:id', () => {
    it('lets a moderator change the org', async () => {
      const response = await api
        .http()
        .patch(`/parking/org/${orgId}`)
        .set('Authorization', moderator.auth)
        .send({ greeting: 'Salut', lock_in: '18:00' })
        .expect(200);
      expect(response.body).toMatchObject({ greeting: 'Salut', lock_in: '18:00', name: 'Lycée Victor Hugo' });
    });

    it('403 for a participant, 400 for bad fields', async () => {
      await api.http().patch(`/parking/org/${orgId}`).set('Authorization', member.auth).send({ name: 'Mine' }).expect(403);
      await api.http().patch(`/parking/org/${orgId}`).set('Authorization', moderator.auth).send({ timezone: 'Nowhere' }).expect(400);
    });
  });

  describe('participants and moderators', () => {
    it('adds a participant by e-mail, removes them, 404 when not one', async () => {
      const newcomer = await api.user('newcomer');
      await api
        .http()
        .post(`/parking/org/${orgId}/participants`)
        .set('Authorization', moderator.auth)
        .send({ email: newcomer.email.toUpperCase() })
        .expect(204);
      expect((await api.http().get(`/parking/org/${orgId}`).set('Authorization', newcomer.auth)).body.timezone).toBe('Europe/Paris');
      await api.http().delete(`/parking/org/${orgId}/participants/${newcomer.id}`).set('Authorization', moderator.auth).expect(204);
      expect((await api.http().get(`/parking/org/${orgId}`).set('Authorization', newcomer.auth)).body).toEqual({
        id: orgId,
        name: 'Lycée Victor Hugo',
      });
      await api.http().delete(`/parking/org/${orgId}/participants/${newcomer.id}`).set('Authorization', moderator.auth).expect(404);
    });

    it('refuses unknown users, both or neither reference, and non-moderators', async () => {
      await api
        .http()
        .post(`/parking/org/${orgId}/participants`)
        .set('Authorization', moderator.auth)
        .send({ user_id: 999999 })
        .expect(404);
      await api
        .http()
        .post(`/parking/org/${orgId}/participants`)
        .set('Authorization', moderator.auth)
        .send({ email: 'ghost@example.org' })
        .expect(404);
      await api.http().post(`/parking/org/${orgId}/participants`).set('Authorization', moderator.auth).send({}).expect(400);
      await api
        .http()
        .post(`/parking/org/${orgId}/participants`)
        .set('Authorization', moderator.auth)
        .send({ user_id: member.id, email: member.email })
        .expect(400);
      await api
        .http()
        .post(`/parking/org/${orgId}/participants`)
        .set('Authorization', member.auth)
        .send({ user_id: outsider.id })
        .expect(403);
    });

    it('adds a moderator, who may then moderate', async () => {
      const second = await api.user('second-mod');
      await api
        .http()
        .post(`/parking/org/${orgId}/moderators`)
        .set('Authorization', moderator.auth)
        .send({ user_id: second.id })
        .expect(204);
      await api.http().patch(`/parking/org/${orgId}`).set('Authorization', second.auth).send({ rules: 'New rules' }).expect(200);
      const me = await api.http().get('/parking/me').set('Authorization', second.auth).expect(200);
      expect(me.body.moderates).toEqual([{ id: orgId, name: 'Lycée Victor Hugo' }]);
    });
  });

  describe('day states and schedule', () => {
    let a: number;
    let b: number;

    it('moderators create day states, members list them', async () => {
      const created = await api
        .http()
        .post(`/parking/org/${orgId}/daystates`)
        .set('Authorization', moderator.auth)
        .send({ identifier: 'A', greeting: 'Today is an A day' })
        .expect(201);
      expect(created.body).toEqual({ id: expect.any(Number), identifier: 'A', greeting: 'Today is an A day' });
      a = created.body.id;
      b = await api.dayState(moderator, orgId, 'B');
      await api.http().post(`/parking/org/${orgId}/daystates`).set('Authorization', moderator.auth).send({ identifier: 'A' }).expect(409);
      await api.http().post(`/parking/org/${orgId}/daystates`).set('Authorization', member.auth).send({ identifier: 'C' }).expect(403);
      const list = await api.http().get(`/parking/org/${orgId}/daystates`).set('Authorization', member.auth).expect(200);
      expect(list.body.map((s: { identifier: string }) => s.identifier)).toEqual(['A', 'B']);
      await api.http().get(`/parking/org/${orgId}/daystates`).set('Authorization', outsider.auth).expect(403);
    });

    it('404 reading a schedule not set yet; no day state without one', async () => {
      await api.http().get(`/parking/org/${orgId}/schedule`).set('Authorization', member.auth).expect(404);
      const current = await api
        .http()
        .get(`/parking/org/${orgId}/daystates/current?date=2026-11-23`)
        .set('Authorization', member.auth)
        .expect(200);
      expect(current.body).toEqual({ date: '2026-11-23', daystate: null });
    });

    it('refuses an unsound schedule field by field, changing nothing', async () => {
      const response = await api
        .http()
        .put(`/parking/org/${orgId}/schedule`)
        .set('Authorization', moderator.auth)
        .send({ sequence: [a, 999], anchor: { date: '2026-11-02', daystate_id: a }, skip: ['caturday'], exceptions: [] })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['skip']);
      const second = await api
        .http()
        .put(`/parking/org/${orgId}/schedule`)
        .set('Authorization', moderator.auth)
        .send({
          sequence: [a, 999],
          anchor: { date: '2026-11-02', daystate_id: b + 1000 },
          skip: [],
          exceptions: [{ date: '2026-11-30', daystate_id: null }],
        })
        .expect(400);
      expect(second.body.errors.map((e: { field: string }) => e.field)).toEqual(['sequence[1]', 'anchor.daystate_id']);
      await api.http().get(`/parking/org/${orgId}/schedule`).set('Authorization', member.auth).expect(404);
    });

    it('A/B school days over two weeks, weekends skipped, across the DST change of 25 October in Paris', async () => {
      const schedule = {
        sequence: [a, b],
        anchor: { date: '2026-10-19', daystate_id: a },
        skip: ['saturday', 'sunday'],
        exceptions: [{ date: '2026-10-28', daystate_id: null }],
      };
      const put = await api.http().put(`/parking/org/${orgId}/schedule`).set('Authorization', moderator.auth).send(schedule).expect(200);
      expect(put.body).toEqual(schedule);
      expect((await api.http().get(`/parking/org/${orgId}/schedule`).set('Authorization', member.auth).expect(200)).body).toEqual(schedule);
      await api.http().put(`/parking/org/${orgId}/schedule`).set('Authorization', member.auth).send(schedule).expect(403);

      // Week 1: Mon 19 A … Fri 23 A; the weekend of the 25-hour Sunday; week 2 carries on (28th is a holiday).
      const expected: Record<string, string | null> = {
        '2026-10-19': 'A',
        '2026-10-20': 'B',
        '2026-10-21': 'A',
        '2026-10-22': 'B',
        '2026-10-23': 'A',
        '2026-10-24': null,
        '2026-10-25': null,
        '2026-10-26': 'B',
        '2026-10-27': 'A',
        '2026-10-28': null,
        '2026-10-29': 'B',
        '2026-10-30': 'A',
        '2026-10-31': null,
        '2026-11-01': null,
        '2026-11-02': 'B',
      };
      const seen: Record<string, string | null> = {};
      for (const date of Object.keys(expected)) {
        const response = await api
          .http()
          .get(`/parking/org/${orgId}/daystates/current?date=${date}`)
          .set('Authorization', member.auth)
          .expect(200);
        seen[date] = response.body.daystate?.identifier ?? null;
      }
      expect(seen).toEqual(expected);
      const aDay = await api
        .http()
        .get(`/parking/org/${orgId}/daystates/current?date=2026-10-19`)
        .set('Authorization', member.auth)
        .expect(200);
      expect(aDay.body).toEqual({ date: '2026-10-19', daystate: { id: a, identifier: 'A', greeting: 'Today is an A day' } });
    });

    it("defaults to today in the org's time zone", async () => {
      // 23:30 UTC on Sunday 22 November is already Monday 23 November in Paris.
      api.setNow('2026-11-22T23:30:00Z');
      const response = await api.http().get(`/parking/org/${orgId}/daystates/current`).set('Authorization', member.auth).expect(200);
      expect(response.body.date).toBe('2026-11-23');
      expect(response.body.daystate).not.toBeNull();
      api.setNow('2026-11-22T10:00:00Z');
    });

    it('400 for a bad date, 403 for outsiders', async () => {
      await api.http().get(`/parking/org/${orgId}/daystates/current?date=2026-13-01`).set('Authorization', member.auth).expect(400);
      await api.http().get(`/parking/org/${orgId}/daystates/current`).set('Authorization', outsider.auth).expect(403);
    });
  });
});

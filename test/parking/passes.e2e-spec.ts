import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { everyDayOrg, ParkingApi, ParkingTestUser } from './parking-helpers.js';

describe('parking passes', () => {
  let testApp: TestApp;
  let api: ParkingApi;
  let moderator: ParkingTestUser;
  let owner: ParkingTestUser;
  let other: ParkingTestUser;
  let outsider: ParkingTestUser;
  let orgId: number;
  let stateId: number;
  let otherStateId: number;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = new ParkingApi(testApp);
    api.setNow('2026-11-22T10:00:00Z');
    [moderator, owner, other, outsider] = [
      await api.user('mod'),
      await api.user('owner'),
      await api.user('other'),
      await api.user('outsider'),
    ];
    ({ orgId, stateId } = await everyDayOrg(api, moderator));
    otherStateId = await api.dayState(moderator, orgId, 'E');
    await api.participant(moderator, orgId, owner);
    await api.participant(moderator, orgId, other);
  });
  afterAll(() => testApp.close());

  it('POST /parking/org/:id/pass: a pending pass owned by the caller', async () => {
    const created = await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', owner.auth)
      .send({ state_id: stateId, spot_num: 3 })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(Number) });
    const pending = (await api.myPasses(owner)).pending;
    expect(pending).toEqual([
      expect.objectContaining({ id: created.body.id, requested_state_id: stateId, requested_spot_num: 3, verified: false, state_id: null }),
    ]);
  });

  it('refuses outsiders (403), a state of no such org (400) and bad fields (400)', async () => {
    await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', outsider.auth)
      .send({ state_id: stateId, spot_num: 3 })
      .expect(403);
    const foreign = await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', owner.auth)
      .send({ state_id: 999999, spot_num: 3 })
      .expect(400);
    expect(foreign.body.errors[0].field).toBe('state_id');
    const bad = await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', owner.auth)
      .send({ state_id: 'A', spot_num: -1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['spot_num', 'state_id']);
    await api.http().post('/parking/org/999999/pass').set('Authorization', owner.auth).send({ state_id: stateId, spot_num: 3 }).expect(404);
  });

  it('PUT /parking/pass/:id: a moderator verifies, possibly to another state and spot', async () => {
    const created = await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', other.auth)
      .send({ state_id: stateId, spot_num: 10 })
      .expect(201);
    await api.http().put(`/parking/pass/${created.body.id}`).set('Authorization', other.auth).send({}).expect(403);
    const verified = await api
      .http()
      .put(`/parking/pass/${created.body.id}`)
      .set('Authorization', moderator.auth)
      .send({ state_id: otherStateId, spot_num: 11 })
      .expect(200);
    expect(verified.body).toEqual({
      id: created.body.id,
      org_id: orgId,
      owner_id: other.id,
      requested_state_id: stateId,
      requested_spot_num: 10,
      state_id: otherStateId,
      spot_num: 11,
      verified: true,
      requested_at: expect.any(String),
      verified_at: '2026-11-22T10:00:00.000Z',
    });
    expect((await api.myPasses(other)).owned).toEqual([verified.body]);
  });

  it('409 when another verified pass holds the state and spot, also under parallel verification', async () => {
    const first = await api.verifiedPass(moderator, orgId, owner, stateId, 20);
    const second = await api
      .http()
      .post(`/parking/org/${orgId}/pass`)
      .set('Authorization', other.auth)
      .send({ state_id: stateId, spot_num: 20 })
      .expect(201);
    const conflict = await api.http().put(`/parking/pass/${second.body.id}`).set('Authorization', moderator.auth).send({}).expect(409);
    expect(conflict.body.errors[0].code).toBe(409);
    // The pass that holds the spot may be verified again on it.
    await api.http().put(`/parking/pass/${first}`).set('Authorization', moderator.auth).send({ spot_num: 20 }).expect(200);

    const racers = [];
    for (let i = 0; i < 6; i++) {
      racers.push(
        (
          await api
            .http()
            .post(`/parking/org/${orgId}/pass`)
            .set('Authorization', other.auth)
            .send({ state_id: stateId, spot_num: 30 })
            .expect(201)
        ).body.id,
      );
    }
    const statuses = (
      await Promise.all(racers.map((id) => api.http().put(`/parking/pass/${id}`).set('Authorization', moderator.auth).send({})))
    ).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const verified = await api.http().get(`/parking/org/${orgId}/passes?verified=true`).set('Authorization', moderator.auth).expect(200);
    expect(verified.body.filter((p: { spot_num: number }) => p.spot_num === 30)).toHaveLength(1);
  });

  it('GET /parking/org/:id/passes?verified=: moderators only', async () => {
    const all = await api.http().get(`/parking/org/${orgId}/passes`).set('Authorization', moderator.auth).expect(200);
    const verified = await api.http().get(`/parking/org/${orgId}/passes?verified=true`).set('Authorization', moderator.auth).expect(200);
    const pending = await api.http().get(`/parking/org/${orgId}/passes?verified=false`).set('Authorization', moderator.auth).expect(200);
    expect(verified.body.every((p: { verified: boolean }) => p.verified)).toBe(true);
    expect(pending.body.every((p: { verified: boolean }) => !p.verified)).toBe(true);
    expect(verified.body.length + pending.body.length).toBe(all.body.length);
    await api.http().get(`/parking/org/${orgId}/passes?verified=maybe`).set('Authorization', moderator.auth).expect(400);
    await api.http().get(`/parking/org/${orgId}/passes`).set('Authorization', owner.auth).expect(403);
  });

  it('DELETE /parking/pass/:id: owner or moderator, nobody else', async () => {
    const mine = await api.verifiedPass(moderator, orgId, owner, stateId, 40);
    await api.http().delete(`/parking/pass/${mine}`).set('Authorization', other.auth).expect(403);
    await api.http().delete(`/parking/pass/${mine}`).set('Authorization', owner.auth).expect(204);
    await api.http().delete(`/parking/pass/${mine}`).set('Authorization', owner.auth).expect(404);
    const byModerator = await api.verifiedPass(moderator, orgId, owner, stateId, 41);
    await api.http().delete(`/parking/pass/${byModerator}`).set('Authorization', moderator.auth).expect(204);
    // The spot is free again.
    await api.verifiedPass(moderator, orgId, other, stateId, 41);
  });

  it('404 for unknown passes and non-numeric ids', async () => {
    await api.http().put('/parking/pass/999999').set('Authorization', moderator.auth).send({}).expect(404);
    await api.http().put('/parking/pass/abc').set('Authorization', moderator.auth).send({}).expect(404);
    await api.http().delete('/parking/pass/999999').set('Authorization', moderator.auth).expect(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { ParkingApi } from './parking-helpers.js';

describe('parking users', () => {
  let testApp: TestApp;
  let api: ParkingApi;

  beforeAll(async () => {
    // Behind a proxy, so that a test can speak from a second client address (X-Forwarded-For).
    testApp = await createTestApp({ processors: false, env: { TRUST_PROXY: 'true' } });
    api = new ParkingApi(testApp);
  });
  afterAll(() => testApp.close());

  describe('POST /parking/user', () => {
    it('creates a user: 201 {id}', async () => {
      const response = await api
        .http()
        .post('/parking/user')
        .send({ first_name: 'Ada', last_name: 'Lovelace', email: 'Ada@Example.org', password: 'password123' })
        .expect(201);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({ id: expect.any(Number) });
    });

    it('409 when the e-mail is taken, whatever its case', async () => {
      const response = await api
        .http()
        .post('/parking/user')
        .send({ first_name: 'Ada', last_name: 'Again', email: 'ADA@example.ORG', password: 'password123' })
        .expect(409);
      expect(response.body.errors[0]).toMatchObject({ code: 409, field: 'email' });
    });

    it('one sign-up wins when the same e-mail is sent in parallel', async () => {
      const body = { first_name: 'Twin', last_name: 'Racer', email: 'twin@example.org', password: 'password123' };
      const statuses = (await Promise.all(Array.from({ length: 5 }, () => api.http().post('/parking/user').send(body)))).map(
        (r) => r.status,
      );
      expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('400 with one entry per faulty field, and nothing created', async () => {
      const response = await api
        .http()
        .post('/parking/user')
        .send({ first_name: '', email: 'nope', password: 'short', extra: 1 })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'email',
        'extra',
        'first_name',
        'last_name',
        'password',
      ]);
      await api.http().post('/parking/user/auth').send({ email: 'nope', password: 'short' }).expect(401);
    });
  });

  describe('POST /parking/user/auth', () => {
    it('answers a parking Bearer token', async () => {
      const response = await api.http().post('/parking/user/auth').send({ email: 'ada@example.org', password: 'password123' }).expect(200);
      expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    });

    it('401 with WWW-Authenticate for a wrong password or an unknown e-mail', async () => {
      for (const body of [
        { email: 'ada@example.org', password: 'wrong-password' },
        { email: 'nobody@example.org', password: 'password123' },
      ]) {
        const response = await api.http().post('/parking/user/auth').send(body).expect(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="parking"');
        expect(response.body.errors[0].code).toBe(401);
      }
    });
  });

  it('refuses the 11th sign-in attempt on one account within a minute with 429 and Retry-After, not other accounts elsewhere', async () => {
    await api
      .http()
      .post('/parking/user')
      .send({ first_name: 'Bru', last_name: 'Te', email: 'brute@example.org', password: 'password123' })
      .expect(201);
    // An address of its own: the earlier tests' sign-ins from 127.0.0.1 count in its window too.
    const BRUTE = '198.51.100.9';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push(
        (
          await api
            .http()
            .post('/parking/user/auth')
            .set('X-Forwarded-For', BRUTE)
            .send({ email: 'Brute@example.org', password: 'wrong-password' })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const refused = await api
      .http()
      .post('/parking/user/auth')
      .set('X-Forwarded-For', BRUTE)
      .send({ email: 'brute@example.org', password: 'password123' })
      .expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.errors[0].code).toBe(429);
    // This address has used its attempts too (LOGIN_RATE_LIMIT); another account from elsewhere has not.
    await api
      .http()
      .post('/parking/user/auth')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ email: 'ada@example.org', password: 'password123' })
      .expect(200);
  });

  describe('GET /parking/me and /parking/me/passes', () => {
    it('401 without a token', async () => {
      const response = await api.http().get('/parking/me').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="parking"');
      await api.http().get('/parking/me/passes').expect(401);
    });

    it('shows the user, the orgs they participate in and moderate, and their passes', async () => {
      const moderator = await api.user('mod');
      const member = await api.user('member');
      const orgId = await api.org(moderator, { name: 'Gare du Nord garage' });
      const stateId = await api.dayState(moderator, orgId, 'A');
      await api.participant(moderator, orgId, member);
      const pending = await api
        .http()
        .post(`/parking/org/${orgId}/pass`)
        .set('Authorization', member.auth)
        .send({ state_id: stateId, spot_num: 7 })
        .expect(201);

      const me = await api.http().get('/parking/me').set('Authorization', member.auth).expect(200);
      expect(me.body).toEqual({
        id: member.id,
        first_name: 'member',
        last_name: 'Tester',
        email: member.email,
        participates: [{ id: orgId, name: 'Gare du Nord garage' }],
        moderates: [],
        passes: {
          pending: [
            {
              id: pending.body.id,
              org_id: orgId,
              owner_id: member.id,
              requested_state_id: stateId,
              requested_spot_num: 7,
              state_id: null,
              spot_num: null,
              verified: false,
              requested_at: expect.stringMatching(/Z$/),
              verified_at: null,
            },
          ],
          owned: [],
          lent: [],
          borrowed: [],
        },
      });
      const moderatorView = await api.http().get('/parking/me').set('Authorization', moderator.auth).expect(200);
      expect(moderatorView.body.moderates).toEqual([{ id: orgId, name: 'Gare du Nord garage' }]);
      expect(moderatorView.body.participates).toEqual([]);
      const passes = await api.myPasses(member);
      expect(passes).toEqual(me.body.passes);
    });
  });

  describe('OpenAPI', () => {
    it('documents every parking route with the parking-jwt scheme and the response shapes', async () => {
      const document = (await api.http().get('/docs-json').expect(200)).body;
      const routes = Object.entries(document.paths as Record<string, Record<string, { security?: unknown[] }>>)
        .filter(([path]) => path.startsWith('/parking'))
        .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
      expect(routes).toHaveLength(29); // with GET /parking/me/requests and POST /parking/pass/{id}/release
      expect(document.paths['/parking/pass/borrow'].post.security).toEqual([{ 'parking-jwt': [] }]);
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining(['PassResponse', 'LoansResponse', 'ScheduleDto', 'BorrowDto', 'MyRequestResponse', 'ReleaseResponse']),
      );
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { bearer, CORS, membersApi, resetLoginRateLimit, signUp, USER_AGENT } from './members-helpers.js';

const MEMBER_KEYS = [
  'id',
  'username',
  'show_email',
  'email',
  'is_staff',
  'is_active',
  'site',
  'avatar_url',
  'biography',
  'sign',
  'email_for_answer',
  'last_visit',
  'date_joined',
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('members API', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof membersApi>;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = membersApi(testApp);
  });
  afterAll(() => testApp.close());

  describe('request rules and CORS', () => {
    let memberId: number;
    beforeAll(async () => {
      ({ id: memberId } = await signUp(testApp, { username: 'Rules' }));
    });

    it('400 without a User-Agent, or with an empty one, with the CORS headers', async () => {
      const missing = await testApp.http().get(`/v1/membres/${memberId}`).expect(400);
      expect(missing.body).toEqual({ errors: [{ code: 400, message: 'User-Agent header is required' }] });
      expect(missing.headers).toMatchObject(CORS);
      await testApp.http().get(`/v1/membres/${memberId}`).set('User-Agent', ' ').expect(400);
      await testApp.http().post('/v1/login').send({ username: 'Rules', password: 'x' }).expect(400);
    });

    it('406 when Accept does not admit JSON', async () => {
      for (const accept of ['text/html', 'application/xml, text/*', 'application/json;q=0', '*/*;q=0']) {
        const response = await api.get(`/v1/membres/${memberId}`).set('Accept', accept).expect(406);
        expect(response.body.errors[0].code).toBe(406);
        expect(response.headers).toMatchObject(CORS);
      }
    });

    it('admits JSON through application/json, application/*, */* and q-values', async () => {
      for (const accept of [
        'application/json',
        'application/*',
        '*/*',
        'text/html, application/json;q=0.9',
        'text/html;q=1, */*;q=0.1',
        'application/json; charset=utf-8; q=0.5',
        'application/*;q=0, application/json',
      ]) {
        await api.get(`/v1/membres/${memberId}`).set('Accept', accept).expect(200);
      }
    });

    it('406 for a body that is not application/json; charset parameters are fine', async () => {
      const response = await api.post('/v1/membres').set('Content-Type', 'text/plain').send('username=x').expect(406);
      expect(response.body.errors[0].code).toBe(406);
      expect(response.headers).toMatchObject(CORS);
      await api
        .post('/v1/membres')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('username=x&email=x@example.org&password=password-123')
        .expect(406);
      await api
        .post('/v1/membres')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ username: 'CharsetOk', email: 'charset@example.org', password: 'password-123' }))
        .expect(201);
    });

    it('CORS headers on success, unknown /v1 routes and 405s; nothing outside /v1', async () => {
      const ok = await api.get(`/v1/membres/${memberId}`).expect(200);
      expect(ok.headers).toMatchObject(CORS);
      const unknown = await api.get('/v1/nothing-here').expect(404);
      expect(unknown.headers).toMatchObject(CORS);
      expect(unknown.body.errors[0].code).toBe(404);
      const wrongMethod = await api.get('/v1/login').expect(405);
      expect(wrongMethod.headers).toMatchObject(CORS);
      expect(wrongMethod.headers.allow).toContain('POST');
      const health = await testApp.http().get('/health').expect(200);
      expect(health.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('OPTIONS preflights answer 204 with the allowed methods and headers', async () => {
      const expectations: Array<[string, string[]]> = [
        ['/v1/membres', ['GET', 'POST', 'PUT', 'OPTIONS']],
        [`/v1/membres/${memberId}`, ['GET', 'OPTIONS']],
        ['/v1/membres/monprofil', ['GET', 'OPTIONS']],
        ['/v1/login', ['POST', 'OPTIONS']],
      ];
      for (const [path, methods] of expectations) {
        const response = await testApp
          .http()
          .options(path)
          .set('Origin', 'https://app.example.org')
          .set('Access-Control-Request-Method', methods[0])
          .expect(204);
        expect(response.headers).toMatchObject(CORS);
        const allowed = response.headers['access-control-allow-methods'].split(', ');
        for (const method of methods) expect(allowed).toContain(method);
        expect(response.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, If-None-Match, If-Match');
        expect(response.text).toBe('');
      }
    });
  });

  describe('the representation and GET /v1/membres/:id', () => {
    it('POST answers 201, Location and the own profile: every field, e-mail shown, dates in UTC, no password', async () => {
      const response = await api
        .post('/v1/membres')
        .send({
          username: '  Clem  ',
          email: 'Clem@Example.org',
          password: 'password-123',
          biography: 'Hello',
          site: 'https://example.org',
        })
        .expect(201);
      expect(response.headers.location).toBe(`/v1/membres/${response.body.id}`);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Object.keys(response.body)).toEqual(MEMBER_KEYS);
      expect(response.body).toMatchObject({
        username: 'Clem',
        show_email: false,
        email: 'Clem@Example.org',
        is_staff: false,
        is_active: true,
        site: 'https://example.org',
        avatar_url: null,
        biography: 'Hello',
        sign: null,
        email_for_answer: false,
        last_visit: null,
      });
      expect(response.body.id).toBeGreaterThan(0);
      expect(response.body.date_joined).toMatch(ISO_UTC);
      expect(response.text).not.toMatch(/password|hash/i);
    });

    it('omits email when show_email is false, shows it when true', async () => {
      const hidden = await signUp(testApp, { username: 'Hidden', show_email: false });
      const shown = await signUp(testApp, { username: 'Shown', show_email: true });
      const hiddenBody = (await api.get(`/v1/membres/${hidden.id}`).expect(200)).body;
      expect(hiddenBody).not.toHaveProperty('email');
      expect(Object.keys(hiddenBody)).toEqual(MEMBER_KEYS.filter((key) => key !== 'email'));
      const shownBody = (await api.get(`/v1/membres/${shown.id}`).expect(200)).body;
      expect(shownBody.email).toBe('shown@example.org');
      expect(JSON.stringify(shownBody)).not.toMatch(/password/);
    });

    it('400 for an id that is not a positive integer, 404 for one that does not exist', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '1e3', '01']) {
        const response = await api.get(`/v1/membres/${id}`).expect(400);
        expect(response.body.errors[0].code).toBe(400);
      }
      for (const id of ['999999', '99999999999', '9007199254740993']) {
        const response = await api.get(`/v1/membres/${id}`);
        if (id === '9007199254740993') {
          expect(response.status).toBe(400);
          continue;
        }
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ errors: [{ code: 404, message: 'member does not exist' }] });
        expect(response.headers).toMatchObject(CORS);
      }
    });
  });

  describe('POST /v1/membres', () => {
    it('400 with one entry per faulty field', async () => {
      const response = await api.post('/v1/membres').send({ username: 'bad/name', email: 'not-an-email', password: 'short' }).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'password', 'username']);
      for (const error of response.body.errors) expect(error.code).toBe(400);
    });

    it('400 for a body that is not a JSON object, with the CORS headers', async () => {
      for (const body of ['{"username":', '[]', '"text"', 'null', '42']) {
        const response = await api.post('/v1/membres').set('Content-Type', 'application/json').send(body);
        expect(response.status).toBe(400);
        expect(response.body.errors[0].code).toBe(400);
        expect(response.headers).toMatchObject(CORS);
      }
    });

    it('refuses usernames with a comma, blank or longer than 30 characters', async () => {
      for (const username of ['a,b', '   ', '', 'x'.repeat(31)]) {
        const response = await api.post('/v1/membres').send({ username, email: 'u@example.org', password: 'password-123' }).expect(400);
        expect(response.body.errors[0].field).toBe('username');
      }
      await api
        .post('/v1/membres')
        .send({ username: 'é'.repeat(30), email: 'thirty@example.org', password: 'password-123' })
        .expect(201);
    });

    it('refuses read-only fields and unknown ones, and creates nothing', async () => {
      for (const field of ['is_staff', 'is_active', 'id', 'last_visit', 'date_joined']) {
        const response = await api
          .post('/v1/membres')
          .send({ username: 'Sneaky', email: 'sneaky@example.org', password: 'password-123', [field]: true })
          .expect(400);
        expect(response.body.errors).toEqual([{ code: 400, field, message: `${field} is read-only` }]);
      }
      await api
        .post('/v1/membres')
        .send({ username: 'Sneaky', email: 'sneaky@example.org', password: 'password-123', role: 'x' })
        .expect(400);
      const count = await testApp.sql(`SELECT count(*) AS n FROM members WHERE username_key = 'sneaky'`);
      expect(Number(count[0].n)).toBe(0);
    });

    it('409 for a username or e-mail taken, ignoring case (accents included)', async () => {
      await signUp(testApp, { username: 'Émile', email: 'emile@example.org' });
      const username = await api
        .post('/v1/membres')
        .send({ username: 'éMILE', email: 'other@example.org', password: 'password-123' })
        .expect(409);
      expect(username.body.errors).toEqual([{ code: 409, field: 'username', message: 'this username is already taken' }]);
      const email = await api
        .post('/v1/membres')
        .send({ username: 'Emile2', email: 'EMILE@example.ORG', password: 'password-123' })
        .expect(409);
      expect(email.body.errors[0]).toMatchObject({ code: 409, field: 'email' });
      // The same name typed with a combining accent is the same name.
      await api.post('/v1/membres').send({ username: 'E\u0301mile', email: 'combining@example.org', password: 'password-123' }).expect(409);
    });

    it('parallel identical sign-ups: exactly one account, the others 409', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          api.post('/v1/membres').send({ username: i % 2 ? 'RACER' : 'racer', email: 'racer@example.org', password: 'password-123' }),
        ),
      );
      const statuses = attempts.map((response) => response.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(11);
      const rows = await testApp.sql(`SELECT count(*) AS n FROM members WHERE email_key = 'racer@example.org'`);
      expect(Number(rows[0].n)).toBe(1);
    });
  });

  describe('POST /v1/login', () => {
    let memberId: number;
    beforeAll(async () => {
      ({ id: memberId } = await signUp(testApp, { username: 'LoginUser', email: 'login.user@example.org', password: 'secret-password' }));
    });
    beforeEach(() => resetLoginRateLimit(testApp));

    it('issues a member JWT by username (any case) or e-mail, and sets last_visit', async () => {
      const before = (await api.get(`/v1/membres/${memberId}`).expect(200)).body;
      expect(before.last_visit).toBeNull();
      const response = await api.post('/v1/login').send({ username: 'loginuser', password: 'secret-password' }).expect(200);
      expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
      expect(response.headers).toMatchObject(CORS);
      const profile = await api.get('/v1/membres/monprofil').set('Authorization', `Bearer ${response.body.access_token}`).expect(200);
      expect(profile.body.id).toBe(memberId);
      expect(profile.body.last_visit).toMatch(ISO_UTC);
      await api.post('/v1/login').send({ email: 'LOGIN.USER@example.org', password: 'secret-password' }).expect(200);
    });

    it('the same 401 for an unknown account and a wrong password', async () => {
      const wrong = await api.post('/v1/login').send({ username: 'LoginUser', password: 'wrong-password' }).expect(401);
      const unknown = await api.post('/v1/login').send({ username: 'NobodyAtAll', password: 'wrong-password' }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.errors[0].code).toBe(401);
      expect(wrong.headers['www-authenticate']).toBe('Bearer realm="members"');
      expect(wrong.headers).toMatchObject(CORS);
    });

    it('400 without username/email or password, or with both username and email', async () => {
      const response = await api.post('/v1/login').send({ password: 'x' }).expect(400);
      expect(response.body.errors[0].field).toBe('username');
      await api.post('/v1/login').send({ username: 'LoginUser' }).expect(400);
      await api.post('/v1/login').send({ username: 'LoginUser', email: 'login.user@example.org', password: 'secret-password' }).expect(400);
    });

    it('403 for an inactive account (with the right password only)', async () => {
      const { id } = await signUp(testApp, { username: 'Sleeper', password: 'secret-password' });
      await testApp.sql('UPDATE members SET is_active = $1 WHERE id = $2', [false, id]);
      const response = await api.post('/v1/login').send({ username: 'Sleeper', password: 'secret-password' }).expect(403);
      expect(response.body.errors[0].code).toBe(403);
      await api.post('/v1/login').send({ username: 'Sleeper', password: 'wrong-password' }).expect(401);
    });

    it('the 11th attempt within a minute, successful or not, is 429 with Retry-After', async () => {
      for (let attempt = 1; attempt <= 10; attempt++) {
        const password = attempt % 2 ? 'secret-password' : 'wrong-password';
        const response = await api.post('/v1/login').send({ username: 'LoginUser', password });
        expect(response.status).toBe(attempt % 2 ? 200 : 401);
      }
      const refused = await api.post('/v1/login').send({ username: 'LoginUser', password: 'secret-password' }).expect(429);
      expect(refused.body.errors[0].code).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers).toMatchObject(CORS);
    });
  });

  describe('GET /v1/membres/monprofil and PUT /v1/membres', () => {
    let memberId: number;
    let auth: string;
    beforeAll(async () => {
      ({ id: memberId } = await signUp(testApp, {
        username: 'Owner',
        email: 'owner@example.org',
        password: 'owner-password',
        show_email: false,
      }));
      auth = await bearer(testApp, memberId);
    });

    it('monprofil: 401 without a valid token, the e-mail even when hidden', async () => {
      const refused = await api.get('/v1/membres/monprofil').expect(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="members"');
      expect(refused.headers).toMatchObject(CORS);
      await api.get('/v1/membres/monprofil').set('Authorization', 'Bearer not.a.token').expect(401);
      const own = await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200);
      expect(own.body).toMatchObject({ id: memberId, show_email: false, email: 'owner@example.org' });
      expect(Object.keys(own.body)).toEqual(MEMBER_KEYS);
    });

    it('PUT updates the own profile; null or "" clears optional text fields', async () => {
      await api
        .put('/v1/membres')
        .set('Authorization', auth)
        .send({ site: 'https://owner.example.org', biography: 'Bio', sign: 'Sig', avatar_url: 'https://owner.example.org/a.png' })
        .expect(200);
      const response = await api
        .put('/v1/membres')
        .set('Authorization', auth)
        .send({ site: null, biography: '', sign: '   ', show_email: true, email_for_answer: true })
        .expect(200);
      expect(response.body).toMatchObject({
        id: memberId,
        username: 'Owner',
        email: 'owner@example.org',
        site: null,
        biography: null,
        sign: null,
        avatar_url: 'https://owner.example.org/a.png',
        show_email: true,
        email_for_answer: true,
      });
      const stored = (await api.get(`/v1/membres/${memberId}`).expect(200)).body;
      expect(stored).toMatchObject({ site: null, biography: null, sign: null, email: 'owner@example.org' });
    });

    it('PUT refuses read-only fields and required fields set to null, changing nothing', async () => {
      for (const field of ['id', 'is_staff', 'is_active', 'last_visit', 'date_joined']) {
        const response = await api
          .put('/v1/membres')
          .set('Authorization', auth)
          .send({ biography: 'changed', [field]: false })
          .expect(400);
        expect(response.body.errors).toEqual([{ code: 400, field, message: `${field} is read-only` }]);
      }
      for (const field of ['username', 'email', 'show_email']) {
        const response = await api
          .put('/v1/membres')
          .set('Authorization', auth)
          .send({ [field]: null })
          .expect(400);
        expect(response.body.errors[0].field).toBe(field);
      }
      const own = (await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200)).body;
      expect(own.biography).toBeNull();
      expect(own.is_staff).toBe(false);
    });

    it('PUT without a valid token is 401', async () => {
      await api.put('/v1/membres').send({ biography: 'x' }).expect(401);
    });

    it('a password change needs the right current_password', async () => {
      const missing = await api.put('/v1/membres').set('Authorization', auth).send({ password: 'new-password-1' }).expect(400);
      expect(missing.body.errors).toEqual([{ code: 400, field: 'current_password', message: expect.any(String) }]);
      const wrong = await api
        .put('/v1/membres')
        .set('Authorization', auth)
        .send({ password: 'new-password-1', current_password: 'not-it-at-all' })
        .expect(400);
      expect(wrong.body.errors[0].field).toBe('current_password');
      await resetLoginRateLimit(testApp);
      await api.post('/v1/login').send({ username: 'Owner', password: 'owner-password' }).expect(200);
      await api
        .put('/v1/membres')
        .set('Authorization', auth)
        .send({ password: 'new-password-1', current_password: 'owner-password' })
        .expect(200);
      await api.post('/v1/login').send({ username: 'Owner', password: 'owner-password' }).expect(401);
      const fresh = await api.post('/v1/login').send({ username: 'Owner', password: 'new-password-1' }).expect(200);
      // The change revoked every token issued before it, the one that made it included.
      await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(401);
      auth = `Bearer ${fresh.body.access_token}`;
      await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200);
    });

    it('409 when renaming to a taken username or e-mail, ignoring case', async () => {
      await signUp(testApp, { username: 'Taken', email: 'taken@example.org' });
      const response = await api.put('/v1/membres').set('Authorization', auth).send({ username: 'TAKEN' }).expect(409);
      expect(response.body.errors[0]).toMatchObject({ code: 409, field: 'username' });
      await api.put('/v1/membres').set('Authorization', auth).send({ email: 'Taken@Example.org' }).expect(409);
      // Changing the case of one's own name is not a conflict.
      const renamed = await api.put('/v1/membres').set('Authorization', auth).send({ username: 'OWNER' }).expect(200);
      expect(renamed.body.username).toBe('OWNER');
    });

    it('If-Match: a stale tag is 412 and changes nothing; the current tag or * passes', async () => {
      const current = await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200);
      const tag = current.headers.etag;
      const updated = await api.put('/v1/membres').set('Authorization', auth).set('If-Match', tag).send({ sign: 'v2' }).expect(200);
      expect(updated.headers.etag).toBeDefined();
      expect(updated.headers.etag).not.toBe(tag);
      const stale = await api.put('/v1/membres').set('Authorization', auth).set('If-Match', tag).send({ sign: 'v3' }).expect(412);
      expect(stale.body.errors[0].code).toBe(412);
      expect(stale.headers).toMatchObject(CORS);
      expect((await api.get('/v1/membres/monprofil').set('Authorization', auth)).body.sign).toBe('v2');
      // The PUT answer's tag is the profile's current tag: it chains.
      await api.put('/v1/membres').set('Authorization', auth).set('If-Match', updated.headers.etag).send({ sign: 'v3' }).expect(200);
      await api.put('/v1/membres').set('Authorization', auth).set('If-Match', '*').send({ sign: 'v4' }).expect(200);
      await api.put('/v1/membres').set('Authorization', auth).set('If-Match', `W/${tag}`).send({ sign: 'v5' }).expect(412);
    });

    it('parallel PUTs with the same If-Match: exactly one wins', async () => {
      const tag = (await api.get('/v1/membres/monprofil').set('Authorization', auth)).headers.etag;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          api
            .put('/v1/membres')
            .set('Authorization', auth)
            .set('If-Match', tag)
            .send({ sign: `race-${i}` }),
        ),
      );
      const statuses = results.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 412)).toHaveLength(5);
    });

    it('parallel PUTs without If-Match all apply (the fields sent win)', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          api
            .put('/v1/membres')
            .set('Authorization', auth)
            .send({ sign: `free-${i}` }),
        ),
      );
      expect(results.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const own = (await api.get('/v1/membres/monprofil').set('Authorization', auth)).body;
      expect(own.sign).toMatch(/^free-\d$/);
    });

    it('a login between reading the tag and the PUT makes the tag stale (last_visit shows in the profile)', async () => {
      const tag = (await api.get('/v1/membres/monprofil').set('Authorization', auth)).headers.etag;
      await resetLoginRateLimit(testApp);
      await api.post('/v1/login').send({ username: 'OWNER', password: 'new-password-1' }).expect(200);
      await api.put('/v1/membres').set('Authorization', auth).set('If-Match', tag).send({ sign: 'late' }).expect(412);
    });
  });

  describe('ETag and conditional GET', () => {
    let memberId: number;
    let auth: string;
    beforeAll(async () => {
      ({ id: memberId } = await signUp(testApp, { username: 'Tagged', show_email: false }));
      auth = await bearer(testApp, memberId);
    });

    it('304 round trip: the ETag, the CORS headers, no body; a stale tag gets 200 and the new tag', async () => {
      const first = await api.get(`/v1/membres/${memberId}`).expect(200);
      const tag = first.headers.etag;
      expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const notModified = await api.get(`/v1/membres/${memberId}`).set('If-None-Match', tag).expect(304);
      expect(notModified.headers.etag).toBe(tag);
      expect(notModified.headers).toMatchObject(CORS);
      expect(notModified.text ?? '').toBe('');
      await api.get(`/v1/membres/${memberId}`).set('If-None-Match', `"other", ${tag}`).expect(304);
      await api.get(`/v1/membres/${memberId}`).set('If-None-Match', '*').expect(304);
      const stale = await api.get(`/v1/membres/${memberId}`).set('If-None-Match', '"stale"').expect(200);
      expect(stale.headers.etag).toBe(tag);
    });

    it('HEAD carries the same ETag without a body, and answers 304 too', async () => {
      const tag = (await api.get(`/v1/membres/${memberId}`).expect(200)).headers.etag;
      const head = await testApp.http().head(`/v1/membres/${memberId}`).set('User-Agent', 'head-test').expect(200);
      expect(head.headers.etag).toBe(tag);
      expect(head.headers).toMatchObject(CORS);
      await testApp.http().head(`/v1/membres/${memberId}`).set('User-Agent', 'head-test').set('If-None-Match', tag).expect(304);
    });

    it('a PUT invalidates the tags of every response showing the member', async () => {
      const profileTag = (await api.get(`/v1/membres/${memberId}`).expect(200)).headers.etag;
      const ownTag = (await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200)).headers.etag;
      const listTag = (await api.get('/v1/membres?search=Tagged').expect(200)).headers.etag;
      await api.put('/v1/membres').set('Authorization', auth).send({ biography: 'changed' }).expect(200);
      const profile = await api.get(`/v1/membres/${memberId}`).set('If-None-Match', profileTag).expect(200);
      expect(profile.body.biography).toBe('changed');
      expect(profile.headers.etag).not.toBe(profileTag);
      await api.get('/v1/membres/monprofil').set('Authorization', auth).set('If-None-Match', ownTag).expect(200);
      await api.get('/v1/membres?search=Tagged').set('If-None-Match', listTag).expect(200);
    });

    it('callers who see different representations get different tags', async () => {
      const publicTag = (await api.get(`/v1/membres/${memberId}`).expect(200)).headers.etag;
      const own = await api.get('/v1/membres/monprofil').set('Authorization', auth).expect(200);
      expect(own.body.email).toBeDefined();
      expect(own.headers.etag).not.toBe(publicTag);
      await api.get('/v1/membres/monprofil').set('Authorization', auth).set('If-None-Match', publicTag).expect(200);
    });
  });

  it('the OpenAPI document describes every members route with its security', async () => {
    const document = (await testApp.http().get('/docs-json').expect(200)).body;
    // CORS preflights (OPTIONS) are served but are not operations: the document leaves them out.
    expect(Object.keys(document.paths['/v1/membres']).sort()).toEqual(['get', 'post', 'put']);
    expect(document.paths['/v1/membres'].put.security).toEqual([{ 'member-jwt': [] }]);
    expect(document.paths['/v1/membres/monprofil'].get.security).toEqual([{ 'member-jwt': [] }]);
    expect(document.paths['/v1/membres/{id}'].get).toBeDefined();
    expect(document.paths['/v1/login'].post).toBeDefined();
    void USER_AGENT;
  });
});

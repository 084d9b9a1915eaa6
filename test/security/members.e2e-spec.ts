import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { PasswordHasher } from '../../src/common/auth/password-hasher.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/test-app.js';
import { CORS, USER_AGENT } from '../members/members-helpers.js';
import { createBike, PARIS } from '../mobility/mobility-fixtures.js';
import { forgeJwt, OLD_DEVELOPMENT_SECRET, realClaims } from './forge.js';

/**
 * The member realm as an attacker sees it: forged and stale tokens, revocation, every limit on
 * credential routes, the request rules behind encoded paths, Host injection, look-alike usernames.
 * Behind a trusted proxy, so each test speaks from a client address of its own (X-Forwarded-For).
 */
describe('security: the member realm', () => {
  let testApp: TestApp;
  let second: TestApp;
  let addresses = 0;
  /** A client address no other test used: its login window is its own. */
  const newAddress = () => `198.51.100.${++addresses}`;
  const api = (address = '203.0.113.1', app = () => testApp) => ({
    get: (path: string) => app().http().get(path).set('User-Agent', USER_AGENT).set('X-Forwarded-For', address),
    post: (path: string) => app().http().post(path).set('User-Agent', USER_AGENT).set('X-Forwarded-For', address),
    put: (path: string) => app().http().put(path).set('User-Agent', USER_AGENT).set('X-Forwarded-For', address),
  });
  let accounts = 0;
  const newMember = async (password = 'correct-password') => {
    const username = `sec${++accounts}`;
    const created = await api(newAddress())
      .post('/v1/membres')
      .send({ username, email: `${username}@example.org`, password })
      .expect(201);
    const login = await api(newAddress()).post('/v1/login').send({ username, password }).expect(200);
    return { id: created.body.id as number, username, password, auth: `Bearer ${login.body.access_token}` };
  };
  const profile = (auth: string, app = () => testApp) => api(newAddress(), app).get('/v1/membres/monprofil').set('Authorization', auth);

  beforeAll(async () => {
    const env = { TRUST_PROXY: 'true', SIGNUP_RATE_LIMIT: '1000/60', AUTH_FAILURE_RATE_LIMIT: '3/60', SESSION_CACHE_MS: '400' };
    testApp = await createTestApp({ processors: false, env });
    // A second API process on the same database and Redis.
    second = await createTestApp({ processors: false, env, shareStorageWith: testApp });
  });
  afterAll(async () => {
    await second.close();
    await testApp.close();
  });

  describe('tokens', () => {
    it('refuses a token signed with the old development secret or any other string, with valid claims', async () => {
      const member = await newMember();
      await profile(`Bearer ${forgeJwt(realClaims('member', member.id), OLD_DEVELOPMENT_SECRET)}`).expect(401);
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 64 }), async (secret) => {
          fc.pre(secret !== TEST_JWT_SECRET);
          const response = await profile(`Bearer ${forgeJwt(realClaims('member', member.id), secret)}`);
          expect(response.status).toBe(401);
          expect(response.headers['www-authenticate']).toBe('Bearer realm="members"');
        }),
        { numRuns: 25 },
      );
      // The same claims under the real secret pass: the refusals above are the signature's.
      await profile(`Bearer ${forgeJwt(realClaims('member', member.id), TEST_JWT_SECRET)}`).expect(200);
    });

    it('refuses a token without exp, with several audiences, from another realm, or of an older session version', async () => {
      const member = await newMember();
      const forged = (overrides: Record<string, unknown>) =>
        `Bearer ${forgeJwt(realClaims('member', member.id, overrides), TEST_JWT_SECRET)}`;
      await profile(forged({ exp: undefined })).expect(401);
      await profile(forged({ aud: ['citymove:member', 'citymove:parking'] })).expect(401);
      await profile(forged({ aud: ['citymove:member'] })).expect(401);
      await profile(forged({ aud: 'citymove:parking' })).expect(401);
      await profile(forged({ ver: undefined })).expect(401);
      await profile(forged({ ver: 1 })).expect(401);
      await profile(forged({ exp: Math.floor(Date.now() / 1000) - 10 })).expect(401);
      await profile(forged({})).expect(200);
    });
  });

  describe('revocation', () => {
    it('POST /v1/logout revokes every token issued before it, in this process at once and in another within SESSION_CACHE_MS', async () => {
      const member = await newMember();
      const other = await api(newAddress()).post('/v1/login').send({ username: member.username, password: member.password }).expect(200);
      const otherAuth = `Bearer ${other.body.access_token}`;
      await profile(member.auth, () => second).expect(200);
      const loggedOut = await api().post('/v1/logout').set('Authorization', member.auth).expect(204);
      expect(loggedOut.headers).toMatchObject(CORS);
      await profile(member.auth).expect(401);
      await profile(otherAuth).expect(401);
      await new Promise((resolve) => setTimeout(resolve, 450));
      await profile(member.auth, () => second).expect(401);
      await api().post('/v1/logout').set('Authorization', member.auth).expect(401);
      // A new login opens a new session.
      const again = await api(newAddress()).post('/v1/login').send({ username: member.username, password: member.password }).expect(200);
      await profile(`Bearer ${again.body.access_token}`).expect(200);
    });

    it('a password change revokes the earlier tokens, the one that made the change included', async () => {
      const member = await newMember();
      await api()
        .put('/v1/membres')
        .set('Authorization', member.auth)
        .send({ password: 'a-new-password', current_password: member.password })
        .expect(200);
      await profile(member.auth).expect(401);
      await api(newAddress()).post('/v1/login').send({ username: member.username, password: 'a-new-password' }).expect(200);
    });

    it('a deactivated member is refused within SESSION_CACHE_MS: profile, updates, bike trips', async () => {
      const member = await newMember();
      const bike = await createBike(testApp, PARIS.lon, PARIS.lat);
      await profile(member.auth).expect(200);
      await testApp.sql('UPDATE members SET is_active = $1 WHERE id = $2', [false, member.id]);
      await new Promise((resolve) => setTimeout(resolve, 450));
      await profile(member.auth).expect(401);
      await api().put('/v1/membres').set('Authorization', member.auth).send({ biography: 'still here' }).expect(401);
      await testApp.http().post('/mobility/trips').set('Authorization', member.auth).send({ bike_id: bike.id }).expect(401);
      const stored = await testApp.sql('SELECT biography FROM members WHERE id = $1', [member.id]);
      expect(stored[0].biography).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('login: the 11th attempt from one address within a minute is 429, whatever the accounts named', async () => {
      const address = newAddress();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        statuses.push(
          (
            await api(address)
              .post('/v1/login')
              .send({ username: `nobody${attempt}`, password: 'guess-password' })
          ).status,
        );
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
    });

    it('login: the 11th attempt naming one account within a minute is 429, from whatever addresses', async () => {
      const member = await newMember();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        statuses.push(
          (
            await api(newAddress())
              .post('/v1/login')
              .send({ username: member.username.toUpperCase(), password: `guess-${attempt}` })
          ).status,
        );
      }
      // newMember's own sign-in was the first attempt naming this account.
      expect(statuses).toEqual([...Array(9).fill(401), 429, 429]);
      const refused = await api(newAddress()).post('/v1/login').send({ username: member.username, password: member.password }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toEqual({ errors: [{ code: 429, message: expect.stringMatching(/^too many requests/) }] });
    });

    it('current_password: after AUTH_FAILURE_RATE_LIMIT wrong ones, even the right one is 429 and nothing changes', async () => {
      const member = await newMember();
      for (let attempt = 0; attempt < 3; attempt++) {
        await api(newAddress())
          .put('/v1/membres')
          .set('Authorization', member.auth)
          .send({ sign: 'x', current_password: `guess-${attempt}` })
          .expect(400);
      }
      const refused = await api(newAddress())
        .put('/v1/membres')
        .set('Authorization', member.auth)
        .send({ password: 'stolen-password', current_password: member.password })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await api(newAddress()).post('/v1/login').send({ username: member.username, password: member.password }).expect(200);
    });

    it('sign-up: past SIGNUP_RATE_LIMIT from one address, 429; a taken name costs no bcrypt hash', async () => {
      const limited = await createTestApp({ processors: false, env: { SIGNUP_RATE_LIMIT: '2/60' } });
      try {
        const signUp = (username: string) =>
          limited
            .http()
            .post('/v1/membres')
            .set('User-Agent', USER_AGENT)
            .send({ username, email: `${username}@example.org`, password: 'password-123' });
        await signUp('first').expect(201);
        const hash = jest.spyOn(limited.app.get(PasswordHasher), 'hash');
        await signUp('FIRST').expect(409);
        expect(hash).not.toHaveBeenCalled();
        const refused = await signUp('third').expect(429);
        expect(refused.headers['retry-after']).toBeDefined();
      } finally {
        await limited.close();
      }
    });
  });

  describe('HTTP policy and links', () => {
    it('a percent-encoded path gets the same request rules and CORS headers as the plain one', async () => {
      const member = await newMember();
      for (const path of [`/v1/membres/${member.id}`, `/%761/membres/${member.id}`, `/v1/%6Dembres/${member.id}`]) {
        const noAgent = await testApp.http().get(path).expect(400);
        expect(noAgent.body.errors[0].message).toBe('User-Agent header is required');
        expect(noAgent.headers).toMatchObject(CORS);
        const ok = await api().get(path).expect(200);
        expect(ok.headers.etag).toBeDefined();
        expect(ok.headers).toMatchObject(CORS);
        await api().get(path).set('Accept', 'text/html').expect(406);
      }
    });

    it('the 405 mirror matches what the router matches: // is an unknown route, not a wrong method', async () => {
      const response = await api().put('//v1/membres/1');
      expect(response.status).toBe(404);
      expect(response.headers.allow).toBeUndefined();
      expect((await api().put('/v1/membres/1')).status).toBe(405);
    });

    it('refuses a Host that is not host[:port] (400, members format) instead of copying it into Link', async () => {
      const plain = await testApp.http().get('/v1/membres').set('User-Agent', USER_AGENT);
      expect(plain.status).toBe(200);
      expect(plain.headers.link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/v1\/membres\?page=1>; rel="first"/);
      for (const host of ['evil.example>; rel="next", <http://evil.example', 'a b', 'x/y']) {
        const response = await testApp.http().get('/v1/membres').set('User-Agent', USER_AGENT).set('Host', host);
        expect(response.status).toBe(400);
        expect(response.body.errors[0]).toMatchObject({ code: 400, field: 'Host' });
        expect(response.headers.link).toBeUndefined();
        expect(response.headers).toMatchObject(CORS);
      }
    });

    it('PUBLIC_URL gives the links whatever the Host; X-Forwarded-Host counts only under TRUST_PROXY', async () => {
      const configured = await createTestApp({ processors: false, env: { PUBLIC_URL: 'https://api.example.org/city/' } });
      const untrusted = await createTestApp({ processors: false });
      try {
        const viaPublicUrl = await configured.http().get('/v1/membres').set('User-Agent', USER_AGENT).set('Host', 'other.example');
        expect(viaPublicUrl.headers.link).toMatch(/^<https:\/\/api\.example\.org\/city\/v1\/membres\?page=1>; rel="first"/);
        const gbfs = await configured.http().get('/mobility/gbfs/gbfs.json').expect(200);
        const feeds = gbfs.body.data.feeds as Array<{ name: string; url: string }>;
        expect(feeds.find((feed) => feed.name === 'system_information')?.url).toBe(
          'https://api.example.org/city/mobility/gbfs/system_information.json',
        );
        const forwarded = await untrusted.http().get('/v1/membres').set('User-Agent', USER_AGENT).set('X-Forwarded-Host', 'evil.example');
        expect(forwarded.headers.link).not.toContain('evil.example');
        const trusted = await api().get('/v1/membres').set('X-Forwarded-Host', 'proxy.example').set('X-Forwarded-Proto', 'https');
        expect(trusted.headers.link).toMatch(/^<https:\/\/proxy\.example\/v1\/membres/);
      } finally {
        await untrusted.close();
        await configured.close();
      }
    });
  });

  describe('usernames', () => {
    const signUp = (username: string, email: string) =>
      api(newAddress()).post('/v1/membres').send({ username, email, password: 'password-123' });

    it('refuses any format character (Unicode Cf): zero-width, bidi overrides, soft hyphen…', async () => {
      const formatCharacters = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202E', '\u2066', '\u00AD', '\u061C'];
      await fc.assert(
        // Inside the name: trimming already drops a leading or trailing U+FEFF, which JS counts as white space.
        fc.asyncProperty(fc.constantFrom(...formatCharacters), fc.integer({ min: 1, max: 4 }), async (invisible, at) => {
          const username = `ali${++accounts}ce`;
          const response = await signUp(`${username.slice(0, at)}${invisible}${username.slice(at)}`, `cf${accounts}@example.org`);
          expect(response.status).toBe(400);
          expect(response.body.errors[0].field).toBe('username');
        }),
        { numRuns: 20 },
      );
    });

    it('compares names NFKC-normalised and case-folded: look-alikes of a taken name are 409', async () => {
      await signUp('Straße', 'strasse@example.org').expect(201);
      for (const [lookAlike, email] of [
        ['STRASSE', 'b1@example.org'],
        ['strasse', 'b2@example.org'],
        ['Ｓｔｒａßｅ', 'b3@example.org'],
      ]) {
        const response = await signUp(lookAlike, email);
        expect(response.status).toBe(409);
        expect(response.body.errors[0]).toMatchObject({ code: 409, field: 'username' });
      }
      const login = await api(newAddress()).post('/v1/login').send({ username: 'STRASSE', password: 'password-123' }).expect(200);
      expect(login.body.access_token).toBeDefined();
    });
  });
});

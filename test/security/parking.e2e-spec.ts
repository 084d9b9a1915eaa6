import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { PasswordHasher } from '../../src/common/auth/password-hasher.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/test-app.js';
import { forgeJwt, OLD_DEVELOPMENT_SECRET, realClaims } from './forge.js';

/**
 * The parking realm as an attacker sees it: forged tokens, sign-out, sign-in limits per address
 * (password spraying across accounts) and per account (from many addresses), sign-up limits and
 * their cost. Behind a trusted proxy, so each test speaks from addresses of its own.
 */
describe('security: the parking realm', () => {
  let testApp: TestApp;
  let addresses = 0;
  const newAddress = () => `198.51.100.${++addresses}`;
  const http = (address = newAddress()) => ({
    get: (path: string) => testApp.http().get(path).set('X-Forwarded-For', address),
    post: (path: string) => testApp.http().post(path).set('X-Forwarded-For', address),
  });
  let accounts = 0;
  const newUser = async (password = 'correct-password') => {
    const email = `parker${++accounts}@example.org`;
    const created = await http().post('/parking/user').send({ first_name: 'P', last_name: 'U', email, password }).expect(201);
    const token = await http().post('/parking/user/auth').send({ email, password }).expect(200);
    return { id: created.body.id as number, email, password, auth: `Bearer ${token.body.access_token}` };
  };
  const me = (auth: string) => http().get('/parking/me').set('Authorization', auth);

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { TRUST_PROXY: 'true', SIGNUP_RATE_LIMIT: '1000/60' } });
  });
  afterAll(() => testApp.close());

  it('refuses tokens signed with the old development secret or any other string, and tokens without exp or with several audiences', async () => {
    const user = await newUser();
    await me(`Bearer ${forgeJwt(realClaims('parking', user.id), OLD_DEVELOPMENT_SECRET)}`).expect(401);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 64 }), async (secret) => {
        fc.pre(secret !== TEST_JWT_SECRET);
        const response = await me(`Bearer ${forgeJwt(realClaims('parking', user.id), secret)}`);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="parking"');
      }),
      { numRuns: 25 },
    );
    const forged = (overrides: Record<string, unknown>) => `Bearer ${forgeJwt(realClaims('parking', user.id, overrides), TEST_JWT_SECRET)}`;
    await me(forged({ exp: undefined })).expect(401);
    await me(forged({ aud: ['citymove:parking', 'citymove:member'] })).expect(401);
    // Optional-auth routes refuse a bad token rather than treating the caller as anonymous.
    await http()
      .get('/parking/org/search?q=x')
      .set('Authorization', forged({ exp: undefined }))
      .expect(401);
    await me(forged({})).expect(200);
  });

  it('POST /parking/user/logout revokes every token issued before it; a token of a deleted user is refused', async () => {
    const user = await newUser();
    const second = await http().post('/parking/user/auth').send({ email: user.email, password: user.password }).expect(200);
    await me(user.auth).expect(200);
    await http().post('/parking/user/logout').set('Authorization', user.auth).expect(204);
    await me(user.auth).expect(401);
    await me(`Bearer ${second.body.access_token}`).expect(401);
    await http().post('/parking/user/logout').set('Authorization', user.auth).expect(401);
    const again = await http().post('/parking/user/auth').send({ email: user.email, password: user.password }).expect(200);
    await me(`Bearer ${again.body.access_token}`).expect(200);

    const gone = await newUser();
    await testApp.sql('DELETE FROM parking_users WHERE id = $1', [gone.id]);
    await me(gone.auth).expect(401);
  });

  it('sign-in: the 11th attempt from one address within a minute is 429 even when each names another account', async () => {
    const address = newAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push(
        (
          await http(address)
            .post('/parking/user/auth')
            .send({ email: `victim${attempt}@example.org`, password: 'Summer2026!' })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('sign-in: the 11th attempt naming one account within a minute is 429, from whatever addresses, the right password included', async () => {
    const user = await newUser();
    const statuses: number[] = [];
    // newUser's own sign-in was the first attempt naming this account.
    for (let attempt = 0; attempt < 10; attempt++) {
      statuses.push(
        (
          await http()
            .post('/parking/user/auth')
            .send({ email: user.email.toUpperCase(), password: `guess-${attempt}` })
        ).status,
      );
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429]);
    const refused = await http().post('/parking/user/auth').send({ email: user.email, password: user.password }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sign-up: past SIGNUP_RATE_LIMIT from one address, 429; a taken e-mail costs no bcrypt hash', async () => {
    const limited = await createTestApp({ processors: false, env: { SIGNUP_RATE_LIMIT: '2/60' } });
    try {
      const signUp = (email: string) =>
        limited.http().post('/parking/user').send({ first_name: 'A', last_name: 'B', email, password: 'password123' });
      await signUp('taken@example.org').expect(201);
      const hash = jest.spyOn(limited.app.get(PasswordHasher), 'hash');
      await signUp('TAKEN@example.org').expect(409);
      expect(hash).not.toHaveBeenCalled();
      const refused = await signUp('third@example.org').expect(429);
      expect(refused.body.errors[0].code).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

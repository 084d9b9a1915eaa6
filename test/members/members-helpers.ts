import { DataSource } from 'typeorm';
import { TokenService } from '../../src/common/auth/token.service.js';
import { RedisConnection } from '../../src/queue/redis-connection.js';
import { deleteRedisKeys } from '../helpers/redis-keys.js';
import type { TestApp } from '../helpers/test-app.js';

/** Every members request must carry one (spec: request rules). */
export const USER_AGENT = 'citymove-members-tests/1.0';

export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Link',
  'access-control-allow-credentials': 'true',
};

/** supertest calls with a User-Agent already set. */
export function membersApi(testApp: TestApp) {
  return {
    get: (path: string) => testApp.http().get(path).set('User-Agent', USER_AGENT),
    post: (path: string) => testApp.http().post(path).set('User-Agent', USER_AGENT),
    put: (path: string) => testApp.http().put(path).set('User-Agent', USER_AGENT),
    options: (path: string) => testApp.http().options(path).set('User-Agent', USER_AGENT),
  };
}

export async function signUp(
  testApp: TestApp,
  account: { username: string; email?: string; password?: string; [field: string]: unknown },
): Promise<{ id: number; body: Record<string, unknown> }> {
  const response = await membersApi(testApp)
    .post('/v1/membres')
    .send({ email: `${account.username.toLowerCase()}@example.org`, password: 'password-123', ...account });
  if (response.status !== 201) throw new Error(`sign-up of ${account.username} failed: ${response.status} ${response.text}`);
  return { id: response.body.id, body: response.body };
}

/** A member token without going through the rate-limited login. */
export async function bearer(testApp: TestApp, memberId: number): Promise<string> {
  const token = await testApp.app.get(TokenService).issue('member', memberId);
  return `Bearer ${token.access_token}`;
}

/** Bulk setup in one statement (PostgreSQL): `username_<i>`, joined one second apart, newest last. */
export async function insertMembers(testApp: TestApp, count: number, prefix = 'bulk'): Promise<void> {
  if (count === 0) return;
  await testApp.app.get(DataSource).query(
    `INSERT INTO members (username, username_key, email, email_key, password_hash, date_joined)
     SELECT $1 || '_' || i, lower($1) || '_' || i, $1 || '_' || i || '@example.org', lower($1) || '_' || i || '@example.org',
            'not-a-bcrypt-hash', now() - (($2 - i) || ' seconds')::interval
     FROM generate_series(1, $2::int) AS i`,
    [prefix, count],
  );
}

export async function deleteAllMembers(testApp: TestApp): Promise<void> {
  await testApp.app.get(DataSource).query('DELETE FROM members');
}

/** Forgets the login attempts of this app's clients, so each test starts with a fresh window. */
export async function resetLoginRateLimit(testApp: TestApp): Promise<void> {
  const redis = testApp.app.get(RedisConnection);
  await deleteRedisKeys(redis.client, `${redis.key('rate-limit', 'members-login')}:`);
}

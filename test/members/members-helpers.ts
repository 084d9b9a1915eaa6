import { sqliteInstantText } from '../../src/database/column-types.js';
import { isSqliteRun } from '../helpers/sql.js';
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
  const token = await testApp.app.get(TokenService).issue('member', memberId, 0);
  return `Bearer ${token.access_token}`;
}

/**
 * Makes sure a member with this very id exists, for tests that need a token of some member: a
 * token's session is checked against its member, so a token for nobody is refused.
 */
export async function ensureMember(testApp: TestApp, id: number): Promise<void> {
  const name = `member_${id}`;
  await testApp.sql(
    `INSERT INTO members (id, username, username_key, username_fold, email, email_key, password_hash, date_joined)
     VALUES ($1, $2, $2, $2, $3, $3, 'not-a-bcrypt-hash', $4)
     ON CONFLICT (id) DO NOTHING`,
    [id, name, `${name}@example.org`, storedInstant(Date.now())],
  );
}

/** Bulk setup, 500 rows a statement: `username_<i>`, joined one second apart, newest last. */
export async function insertMembers(testApp: TestApp, count: number, prefix = 'bulk'): Promise<void> {
  const now = Date.now();
  for (let first = 1; first <= count; first += 500) {
    const rows: string[] = [];
    const params: unknown[] = [];
    for (let i = first; i <= Math.min(count, first + 499); i++) {
      const at = params.length;
      rows.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, 'not-a-bcrypt-hash', $${at + 5})`);
      params.push(
        `${prefix}_${i}`,
        `${prefix.toLowerCase()}_${i}`,
        `${prefix}_${i}@example.org`,
        `${prefix.toLowerCase()}_${i}@example.org`,
        storedInstant(now - (count - i) * 1000),
      );
    }
    await testApp.sql(
      `INSERT INTO members (username, username_key, email, email_key, password_hash, date_joined) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/** An instant as each dialect stores it: a Date for PostgreSQL, TypeORM's UTC text on SQLite. */
export function storedInstant(epochMs: number): Date | string {
  const date = new Date(epochMs);
  return isSqliteRun() ? sqliteInstantText(date) : date;
}

export async function deleteAllMembers(testApp: TestApp): Promise<void> {
  await testApp.sql('DELETE FROM members');
}

/** Forgets the login attempts of this app's clients, so each test starts with a fresh window. */
export async function resetLoginRateLimit(testApp: TestApp): Promise<void> {
  const redis = testApp.app.get(RedisConnection);
  await deleteRedisKeys(redis.client, `${redis.key('rate-limit', 'members-login')}:`);
  await deleteRedisKeys(redis.client, `${redis.key('rate-limit', 'members-login-account')}:`);
}

import { createHmac } from 'node:crypto';

/** The fixed development secret that shipped in the public source before issue 13. */
export const OLD_DEVELOPMENT_SECRET = 'citymove-development-secret-do-not-use-in-production';

/**
 * An HS256 JWT signed by hand, as an attacker would: any claims, any secret. Written here rather
 * than through the application's TokenService, so nothing of ours shapes the forgery.
 */
export function forgeJwt(claims: Record<string, unknown>, secret: string | Buffer): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** The claims a real token of `realm` carries, for account `id`: valid for an hour from now. */
export function realClaims(realm: 'member' | 'parking', id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { realm, ver: 0, sub: String(id), aud: `citymove:${realm}`, iss: 'citymove', iat: now, exp: now + 3600, ...overrides };
}

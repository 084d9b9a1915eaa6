import { describe, expect, it } from '@jest/globals';
import { securityHeadersOf } from './security-headers.js';

describe('securityHeadersOf', () => {
  it("reads helmet's headers once, options applied", () => {
    const headers = securityHeadersOf({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    expect(headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self';"),
      'cross-origin-resource-policy': 'cross-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    // Lower case, as Fastify keeps names: the same strings on every request.
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('refuses options that would compute a header per request', () => {
    expect(() => securityHeadersOf({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } } })).toThrow(
      'options must not compute values per request',
    );
  });
});

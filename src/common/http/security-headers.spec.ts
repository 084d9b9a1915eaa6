import { describe, expect, it } from '@jest/globals';
import { securityHeadersOf } from './security-headers.js';

describe('securityHeadersOf', () => {
  it("reads helmet's headers once, options applied", () => {
    const headers = securityHeadersOf({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
    expect(headers).toMatchObject({
      'Content-Security-Policy': expect.stringContaining("default-src 'self';"),
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
    });
    expect(headers['Content-Security-Policy']).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('refuses options that would compute a header per request', () => {
    expect(() => securityHeadersOf({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } } })).toThrow(
      'options must not compute values per request',
    );
  });
});

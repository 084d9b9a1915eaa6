import { describe, expect, it } from '@jest/globals';
import { constantTimeEqual, generateOpaqueToken, hashOpaqueToken, matchesSecretDigest, secretDigest } from './secrets.js';

describe('secrets', () => {
  it('compares secrets of any length', () => {
    expect(constantTimeEqual('s3cret', 's3cret')).toBe(true);
    expect(constantTimeEqual('s3cret', 's3cret!')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });

  it('compares against a digest taken once', () => {
    const digest = secretDigest('pa:ss:word');
    expect(matchesSecretDigest('pa:ss:word', digest)).toBe(true);
    expect(matchesSecretDigest('pa:ss:wor', digest)).toBe(false);
    expect(matchesSecretDigest('', digest)).toBe(false);
  });

  it('generates distinct URL-safe tokens whose hash is stable', () => {
    const a = generateOpaqueToken();
    const b = generateOpaqueToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashOpaqueToken(a)).toBe(hashOpaqueToken(a));
    expect(hashOpaqueToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in time that depends on neither: both sides are hashed first, so even their
 * lengths leak nothing.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  return matchesSecretDigest(given, secretDigest(expected));
}

/**
 * A secret's SHA-256 digest, for `matchesSecretDigest`: a secret checked on every request (a Basic
 * password) is hashed once, at start-up, rather than on each comparison.
 */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** `constantTimeEqual` against a secret already hashed by `secretDigest`. */
export function matchesSecretDigest(given: string, expected: Buffer): boolean {
  return timingSafeEqual(secretDigest(given), expected);
}

/** A random, URL-safe token for one-time display (the taxi driver token). */
export function generateOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Opaque tokens have 256 bits of entropy, so a fast hash is enough to store them safely (bcrypt's
 * cost protects low-entropy passwords, not random tokens) and lets a lookup by hash stay indexed.
 */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

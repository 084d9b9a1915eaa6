import { describe, expect, it } from '@jest/globals';
import { assertRedisReachable, redactUrl } from './redis-preflight.js';

describe('assertRedisReachable', () => {
  it('fails within 5 s with one line naming the URL and how to start Redis', async () => {
    const started = Date.now();
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    await expect(assertRedisReachable('redis://127.0.0.1:1')).rejects.toThrow(
      'citymove: cannot reach Redis at redis://127.0.0.1:1 (REDIS_URL); start one with "docker compose up -d redis"',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not print a password', () => {
    expect(redactUrl('redis://:hunter2@cache:6379')).toBe('redis://:***@cache:6379');
  });
});

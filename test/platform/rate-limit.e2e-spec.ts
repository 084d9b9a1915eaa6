import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RateLimit, RateLimitGuard } from '../../src/common/http/rate-limit.guard.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';

@Controller('probe-limited')
class LimitedController {
  @Get()
  @RateLimit({ name: 'probe', limit: 3, windowSeconds: 60 })
  @UseGuards(RateLimitGuard)
  hit() {
    return { ok: true };
  }
}

@Module({ controllers: [LimitedController] })
class LimitedModule {}

describe('RateLimitGuard', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp({ imports: [LimitedModule], processors: false });
    // A second API process on the same Redis prefix: the limit is one, not one per process.
    second = await createTestApp({ imports: [LimitedModule], processors: false, shareStorageWith: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('admits the limit across processes, then answers 429 with Retry-After', async () => {
    await first.http().get('/probe-limited').expect(200);
    await second.http().get('/probe-limited').expect(200);
    await first.http().get('/probe-limited').expect(200);
    const refused = await second.http().get('/probe-limited').expect(429);
    expect(refused.body).toEqual({ errors: [{ code: 429, message: expect.stringMatching(/^too many requests/) }] });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('refuses parallel bursts beyond the limit exactly', async () => {
    const fresh = await createTestApp({ imports: [LimitedModule], processors: false });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () =>
          fresh
            .http()
            .get('/probe-limited')
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    } finally {
      await fresh.close();
    }
  });
});

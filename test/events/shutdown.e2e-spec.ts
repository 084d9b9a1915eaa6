import { describe, expect, it } from '@jest/globals';
import { createTestApp } from '../helpers/test-app.js';
import { append, consume, jsonBody } from './events-helpers.js';

describe('events at shutdown', () => {
  it('answers held long polls with [] at once instead of holding the shutdown for their wait', async () => {
    const testApp = await createTestApp({ processors: false });
    try {
      await append(testApp.http(), 'quiet', 'shop-1').expect(200);
      const held = consume(testApp.http(), 'quiet', 'reader', { eventName: 'NeverSent', limit: 10, wait: 30 }).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await testApp.stop();
      const response = await held;
      expect(response.status).toBe(200);
      expect(jsonBody(response)).toEqual([]);
      // The poll asked for 30 s; the app stops in well under that.
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await testApp.close();
    }
  });
});

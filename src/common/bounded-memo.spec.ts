import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once while it is kept, never holds more than its bound, and answers what was computed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 200 }), (max, keys) => {
        const memo = new BoundedMemo<number, string>(max);
        const kept = new Set<number>();
        for (const key of keys) {
          let computed = false;
          const value = memo.get(key, () => {
            computed = true;
            return `value ${key}`;
          });
          expect(value).toBe(`value ${key}`);
          // Recomputed exactly when the key was not kept; a full memo forgets everything first.
          expect(computed).toBe(!kept.has(key));
          if (computed) {
            if (kept.size >= max) kept.clear();
            kept.add(key);
          }
          expect(kept.size).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});

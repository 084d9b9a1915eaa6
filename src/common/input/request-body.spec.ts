import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { jsonDepthExceeds } from './request-body.js';

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonDepthExceeds', () => {
  it('agrees with the depth of the parsed value, whatever the strings hold (brackets, quotes, escapes)', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', '\u00e9') });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(text, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        expect(jsonDepthExceeds(Buffer.from(JSON.stringify(value)), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at the first level past the limit of a body far deeper', () => {
    expect(jsonDepthExceeds(Buffer.from('['.repeat(500_000)), 32)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from(`${'['.repeat(32)}${']'.repeat(32)}`), 32)).toBe(false);
  });
});

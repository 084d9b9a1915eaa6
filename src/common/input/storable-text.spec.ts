import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isStorableText, unstorableTextPath } from './storable-text.js';

describe('unstorableTextPath', () => {
  it('names the first key or string holding NUL or a lone surrogate, in document order', () => {
    expect(unstorableTextPath({ a: 'ok', b: [{ c: 'x\u0000' }, 'y\ud800'] })).toBe('b[0].c');
    expect(unstorableTextPath({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(unstorableTextPath('a\udc00', 'q')).toBe('q');
    expect(unstorableTextPath({ emoji: '😀', text: 'é\u200b\u202e' })).toBeUndefined();
  });

  it('finds a fault wherever it is put in a storable value', () => {
    const storable = fc.jsonValue().filter((value) => unstorableTextPath(value) === undefined);
    fc.assert(
      fc.property(storable, fc.constantFrom('\u0000', '\ud800', '\udfff'), (value, bad) => {
        expect(unstorableTextPath({ ok: value, bad: [value, `x${bad}`] })).toBe('bad[1]');
        expect(isStorableText(`a${bad}b`)).toBe(false);
      }),
    );
  });
});

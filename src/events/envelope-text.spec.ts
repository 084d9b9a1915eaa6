import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { envelopeBlockTexts } from './envelope-text.js';

/** JSON text of `value` with random whitespace between its tokens (outside strings). */
function spaced(value: unknown, gaps: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const text = JSON.stringify(value);
  return fc.array(gaps, { minLength: text.length + 1, maxLength: text.length + 1 }).map((spaces) => {
    let out = spaces[0];
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      out += char;
      if (inString) {
        if (char === '\\') out += text[++i];
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      if (!inString && ',:{}[]'.includes(char)) out += spaces[i + 1];
    }
    return out;
  });
}

describe('envelopeBlockTexts', () => {
  it('cuts out each block exactly as sent: JSON.parse of the cut equals the parsed value, the text is a slice of the body', () => {
    const gaps = fc.constantFrom('', ' ', '\n', '\t', '  \r\n');
    const block = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(
        fc
          .record({ event: block, system: block, trigger: block, payload: block })
          .chain((envelope) => spaced(envelope, gaps).map((text) => ({ envelope, text }))),
        ({ envelope, text }) => {
          const blocks = envelopeBlockTexts(text);
          expect(blocks).toBeDefined();
          const parsed = JSON.parse(text) as Record<string, unknown>;
          for (const name of ['system', 'trigger', 'payload'] as const) {
            expect(JSON.parse(blocks![name])).toEqual(parsed[name]);
            expect(text).toContain(blocks![name]);
          }
          expect(JSON.stringify(JSON.parse(blocks!.payload))).toBe(JSON.stringify(envelope.payload));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps numbers, key order and duplicate keys; takes the last of a repeated top-level key, as JSON.parse does', () => {
    const payload = '{"n": 12345678901234567890123, "p": 1.10, "b": 1, "a": 2, "b": 3, "s": "}\\"{"}';
    const text = `{"payload": {"old": true}, "system": {"id": "x"} , "trigger":{"t":[1,{"]":"["}]},"payload":${payload}}`;
    expect(envelopeBlockTexts(text)).toEqual({ system: '{"id": "x"}', trigger: '{"t":[1,{"]":"["}]}', payload });
  });

  it('undefined when a block is missing or the text is not an object', () => {
    expect(envelopeBlockTexts('{"system": {}, "trigger": {}}')).toBeUndefined();
    expect(envelopeBlockTexts('[{"system": {}, "trigger": {}, "payload": {}}]')).toBeUndefined();
    expect(envelopeBlockTexts('{}')).toBeUndefined();
    expect(envelopeBlockTexts('')).toBeUndefined();
  });
});

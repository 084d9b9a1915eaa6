import { describe, expect, it } from '@jest/globals';
import { ifMatchMatches, ifNoneMatchMatches, parseEntityTags, strongEtag } from './etag.js';

describe('etag', () => {
  it('is a quoted hash of the exact bytes', () => {
    expect(strongEtag('{"a":1}')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag('{"a":1}')).toBe(strongEtag(Buffer.from('{"a":1}')));
    expect(strongEtag('{"a":1}')).not.toBe(strongEtag('{"a": 1}'));
  });

  it('parses tag lists, weak tags and *', () => {
    expect(parseEntityTags('*')).toBe('*');
    expect(parseEntityTags('"a", W/"b"')).toEqual([
      { weak: false, opaque: '"a"' },
      { weak: true, opaque: '"b"' },
    ]);
  });

  it('If-None-Match compares weakly; * matches', () => {
    expect(ifNoneMatchMatches('"x", "a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('"b"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches(undefined, '"a"')).toBe(false);
  });

  it('If-Match compares strongly; absent or * passes', () => {
    expect(ifMatchMatches('"a"', '"a"')).toBe(true);
    expect(ifMatchMatches('W/"a"', '"a"')).toBe(false);
    expect(ifMatchMatches('"b"', '"a"')).toBe(false);
    expect(ifMatchMatches('*', '"a"')).toBe(true);
    expect(ifMatchMatches(undefined, '"a"')).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isValidHost, linkSafePath } from './public-origin.js';

describe('isValidHost', () => {
  it('accepts names, IPv4 and bracketed IPv6, with an optional port', () => {
    for (const host of ['example.org', 'api.example.org:8443', '127.0.0.1:3000', 'localhost', '[::1]:3000', 'a-b.c', 'example.org.']) {
      expect(isValidHost(host)).toBe(true);
    }
  });

  it('refuses what could inject into a Link header or a URL', () => {
    for (const host of ['evil.org>; rel="next"', 'a b', 'a/b', 'a@b', 'a?b', 'x:99999', '-a.org', 'a.org:', '', 'a..b', 'ex"ample']) {
      expect(isValidHost(host)).toBe(false);
    }
  });

  it('never accepts a host holding a character that ends or splits a URI reference', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('<', '>', '"', ',', ';', ' ', '/', '\\', '#', '?', '@'),
        fc.string(),
        (before, bad, after) => {
          expect(isValidHost(`${before}${bad}${after}`)).toBe(false);
        },
      ),
    );
  });
});

describe('linkSafePath', () => {
  it('escapes what may not stand in a URL path, keeps the rest', () => {
    expect(linkSafePath('/v1/membres')).toBe('/v1/membres');
    expect(linkSafePath('/v1/x>; rel="evil"')).toBe('/v1/x%3E;%20rel=%22evil%22');
  });

  it('never leaves a character that could close <…> in a Link header', () => {
    fc.assert(fc.property(fc.string(), (path) => expect(linkSafePath(path)).not.toMatch(/[<>"\s]/)));
  });
});

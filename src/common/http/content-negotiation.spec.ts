import { describe, expect, it } from '@jest/globals';
import { accepts, isJsonContentType, parseAccept, qualityOf } from './content-negotiation.js';

describe('content negotiation', () => {
  it('parses media ranges, parameters and q-values', () => {
    expect(parseAccept('text/html;level=1, application/json;q=0.5, */*;q=0')).toEqual([
      { type: 'text', subtype: 'html', params: { level: '1' }, q: 1 },
      { type: 'application', subtype: 'json', params: {}, q: 0.5 },
      { type: '*', subtype: '*', params: {}, q: 0 },
    ]);
    expect(parseAccept('garbage, application/json')).toHaveLength(1);
    expect(parseAccept('application/json;q=2')[0].q).toBe(0);
  });

  it('the most specific range decides', () => {
    expect(qualityOf('application/*;q=0.2, application/json;q=0.7', 'application/json')).toBe(0.7);
    expect(qualityOf('*/*;q=0.1, application/*', 'application/json')).toBe(1);
    expect(qualityOf('application/json;q=0, */*', 'application/json')).toBe(0);
    expect(qualityOf('text/html', 'application/json')).toBe(0);
  });

  it('accepts: no or empty header admits anything', () => {
    expect(accepts(undefined, 'application/json')).toBe(true);
    expect(accepts('', 'application/json')).toBe(true);
    expect(accepts('APPLICATION/JSON', 'application/json')).toBe(true);
    expect(accepts('text/plain', 'application/json')).toBe(false);
  });

  it('ranges of separators only admit nothing, rather than throwing (found by the API fuzz)', () => {
    expect(accepts(';;;', 'application/json')).toBe(false);
    expect(accepts('application/json, ;', 'application/json')).toBe(true);
  });

  it('JSON content types, with parameters', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { assertPageExists, lastPage, parsePageRequest, setPaginationHeaders } from './pagination.js';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected an error');
}

describe('parsePageRequest', () => {
  it('defaults to page 1 of 50', () => {
    expect(parsePageRequest({})).toEqual({ page: 1, perPage: 50, offset: 0 });
  });

  it('reads page and perPage', () => {
    expect(parsePageRequest({ page: '3', perPage: '20' })).toEqual({ page: 3, perPage: 20, offset: 40 });
  });

  it.each(['0', '-1', '1.5', 'abc', '', '01x'])('refuses page=%p with 400 code 4001', (page) => {
    const error = errorOf(() => parsePageRequest({ page }));
    expect(error.status).toBe(400);
    expect(error.errors[0].code).toBe(4001);
  });

  it.each(['0', 'abc', '101', '-5', '2.5'])('refuses perPage=%p with 400 code 4003', (perPage) => {
    const error = errorOf(() => parsePageRequest({ perPage }));
    expect(error.status).toBe(400);
    expect(error.errors[0]).toMatchObject({ code: 4003, message: 'perPage must be an integer between 1 and 100' });
  });

  it('refuses a repeated parameter', () => {
    expect(errorOf(() => parsePageRequest({ page: ['1', '2'] })).errors[0].code).toBe(4001);
  });
});

describe('assertPageExists', () => {
  it('accepts page 1 of an empty list and refuses beyond the last page with 404 code 4002', () => {
    expect(lastPage(0, 50)).toBe(1);
    expect(() => assertPageExists({ page: 1, perPage: 50, offset: 0 }, 0)).not.toThrow();
    expect(() => assertPageExists({ page: 2, perPage: 50, offset: 50 }, 51)).not.toThrow();
    const error = errorOf(() => assertPageExists({ page: 3, perPage: 50, offset: 100 }, 100));
    expect(error.status).toBe(404);
    expect(error.errors[0].code).toBe(4002);
  });
});

describe('setPaginationHeaders', () => {
  function headersFor(url: string, page: number, perPage: number, total: number) {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => (headers[name] = value) } as unknown as FastifyReply;
    const request = { url, protocol: 'http', host: 'example.org:3000' } as FastifyRequest;
    setPaginationHeaders(request, reply, { page, perPage, offset: (page - 1) * perPage }, total);
    return headers;
  }

  it('links first, prev, next and last, keeping the other parameters', () => {
    const headers = headersFor('/v1/membres?search=andr&perPage=10&page=2', 2, 10, 35);
    expect(headers['X-Total-Count']).toBe('35');
    expect(headers.Link).toBe(
      [
        '<http://example.org:3000/v1/membres?search=andr&perPage=10&page=1>; rel="first"',
        '<http://example.org:3000/v1/membres?search=andr&perPage=10&page=1>; rel="prev"',
        '<http://example.org:3000/v1/membres?search=andr&perPage=10&page=3>; rel="next"',
        '<http://example.org:3000/v1/membres?search=andr&perPage=10&page=4>; rel="last"',
      ].join(', '),
    );
  });

  it('has no prev on page 1 and no next on the last page', () => {
    const headers = headersFor('/v1/membres', 1, 50, 50);
    expect(headers.Link).toBe(
      '<http://example.org:3000/v1/membres?page=1>; rel="first", <http://example.org:3000/v1/membres?page=1>; rel="last"',
    );
  });
});

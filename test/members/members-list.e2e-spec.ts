import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { CORS, deleteAllMembers, insertMembers, storedInstant, membersApi, signUp } from './members-helpers.js';

const INVALID_PAGE = { code: 4001, message: "le paramètre indiqué pour la pagination n'est pas un nombre entier valide", field: 'page' };
const PAGE_NOT_FOUND = { code: 4002, message: "la page indiquée n'existe pas", field: 'page' };
const INVALID_PER_PAGE = { code: 4003, message: 'perPage must be an integer between 1 and 100', field: 'perPage' };

/** `Link` as `{rel: url}`. */
function links(header: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (header ?? '').split(', ')) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match) result[match[2]] = match[1];
  }
  return result;
}

describe('members list: pagination, search, filters, ordering', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof membersApi>;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = membersApi(testApp);
  });
  afterAll(() => testApp.close());

  describe('page boundaries', () => {
    it('0 members: page 1 is an empty array, page 2 does not exist', async () => {
      await deleteAllMembers(testApp);
      const response = await api.get('/v1/membres').expect(200);
      expect(response.body).toEqual([]);
      expect(response.headers['x-total-count']).toBe('0');
      expect(response.headers).toMatchObject(CORS);
      expect(Object.keys(links(response.headers.link)).sort()).toEqual(['first', 'last']);
      expect(links(response.headers.link).last).toMatch(/\/v1\/membres\?page=1$/);
      const beyond = await api.get('/v1/membres?page=2').expect(404);
      expect(beyond.body).toEqual({ errors: [PAGE_NOT_FOUND] });
      expect(beyond.headers).toMatchObject(CORS);
    });

    it('50 members: one full page', async () => {
      await deleteAllMembers(testApp);
      await insertMembers(testApp, 50);
      const response = await api.get('/v1/membres').expect(200);
      expect(response.body).toHaveLength(50);
      expect(response.headers['x-total-count']).toBe('50');
      expect(Object.keys(links(response.headers.link)).sort()).toEqual(['first', 'last']);
      await api.get('/v1/membres?page=2').expect(404);
    });

    it('51 members: a second page of one, with prev and without next', async () => {
      await deleteAllMembers(testApp);
      await insertMembers(testApp, 51);
      const first = await api.get('/v1/membres').expect(200);
      expect(first.body).toHaveLength(50);
      const firstLinks = links(first.headers.link);
      expect(Object.keys(firstLinks).sort()).toEqual(['first', 'last', 'next']);
      expect(firstLinks.next).toMatch(/[?&]page=2$/);
      expect(firstLinks.last).toMatch(/[?&]page=2$/);
      const second = await api.get('/v1/membres?page=2').expect(200);
      expect(second.body).toHaveLength(1);
      // Newest first: the last page holds the oldest member.
      expect(second.body[0].username).toBe('bulk_1');
      const secondLinks = links(second.headers.link);
      expect(Object.keys(secondLinks).sort()).toEqual(['first', 'last', 'prev']);
      expect(secondLinks.prev).toMatch(/[?&]page=1$/);
      await api.get('/v1/membres?page=3').expect(404);
    });

    it('101 members: three pages (the last of one), two at perPage=100, every member exactly once', async () => {
      await deleteAllMembers(testApp);
      await insertMembers(testApp, 101);
      const pages = await Promise.all([1, 2, 3].map((page) => api.get(`/v1/membres?page=${page}`).expect(200)));
      expect(pages.map((page) => page.body.length)).toEqual([50, 50, 1]);
      const ids = pages.flatMap((page) => page.body.map((member: { id: number }) => member.id));
      expect(new Set(ids).size).toBe(101);
      const middle = links(pages[1].headers.link);
      expect(Object.keys(middle).sort()).toEqual(['first', 'last', 'next', 'prev']);
      expect(pages[2].headers['x-total-count']).toBe('101');
      await api.get('/v1/membres?page=4').expect(404);
      const big = await api.get('/v1/membres?perPage=100&page=2').expect(200);
      expect(big.body).toHaveLength(1);
      expect(links(big.headers.link).last).toMatch(/[?&]page=2$/);
    });

    it('Link URLs are absolute and keep search, perPage and every other parameter', async () => {
      const response = await api.get('/v1/membres?search=bulk&perPage=20&page=2&flavour=x').expect(200);
      expect(response.headers['x-total-count']).toBe('101');
      const rels = links(response.headers.link);
      expect(Object.keys(rels).sort()).toEqual(['first', 'last', 'next', 'prev']);
      for (const url of Object.values(rels)) {
        const parsed = new URL(url);
        expect(parsed.protocol).toBe('http:');
        expect(parsed.pathname).toBe('/v1/membres');
        expect(parsed.searchParams.get('search')).toBe('bulk');
        expect(parsed.searchParams.get('perPage')).toBe('20');
        expect(parsed.searchParams.get('flavour')).toBe('x');
      }
      expect(new URL(rels.first).searchParams.get('page')).toBe('1');
      expect(new URL(rels.prev).searchParams.get('page')).toBe('1');
      expect(new URL(rels.next).searchParams.get('page')).toBe('3');
      expect(new URL(rels.last).searchParams.get('page')).toBe('6');
    });

    it('page that is not a positive integer: 400 code 4001', async () => {
      for (const page of ['0', '-1', '1.5', 'abc', '', '1e2']) {
        const response = await api.get(`/v1/membres?page=${page}`).expect(400);
        expect(response.body).toEqual({ errors: [INVALID_PAGE] });
        expect(response.headers).toMatchObject(CORS);
      }
    });

    it('perPage outside 1..100: 400 code 4003', async () => {
      for (const perPage of ['0', 'abc', '101', '-5', '2.5']) {
        const response = await api.get(`/v1/membres?perPage=${perPage}`).expect(400);
        expect(response.body).toEqual({ errors: [INVALID_PER_PAGE] });
      }
      await api.get('/v1/membres?perPage=1').expect(200);
      await api.get('/v1/membres?perPage=100').expect(200);
    });

    it('the list has a strong ETag and answers 304 while unchanged', async () => {
      const first = await api.get('/v1/membres?perPage=10').expect(200);
      const notModified = await api.get('/v1/membres?perPage=10').set('If-None-Match', first.headers.etag).expect(304);
      expect(notModified.headers).toMatchObject(CORS);
      expect(notModified.headers.etag).toBe(first.headers.etag);
      await signUp(testApp, { username: 'Newcomer' });
      const changed = await api.get('/v1/membres?perPage=10').set('If-None-Match', first.headers.etag).expect(200);
      expect(changed.body[0].username).toBe('Newcomer');
    });
  });

  describe('search, filters and ordering', () => {
    const names = ['andr', 'Andromède', 'andré', 'MisterAndrew', 'alexandre', 'dragon', 'Radon'];
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      await deleteAllMembers(testApp);
      for (const [index, username] of names.entries()) {
        const { id } = await signUp(testApp, { username, email: `ranked-${index}@example.org` });
        ids[username] = id;
      }
    });

    const usernames = (body: Array<{ username: string }>) => body.map((member) => member.username);

    it('search=andr ranks exact, starts with, starts with ignoring case, contains, contains ignoring case', async () => {
      const response = await api.get('/v1/membres?search=andr').expect(200);
      expect(usernames(response.body)).toEqual(['andr', 'andré', 'Andromède', 'alexandre', 'MisterAndrew']);
      expect(response.headers['x-total-count']).toBe('5');
    });

    it('search=Andr puts the exact match ignoring case first', async () => {
      const response = await api.get('/v1/membres?search=Andr').expect(200);
      expect(usernames(response.body)).toEqual(['andr', 'Andromède', 'andré', 'MisterAndrew', 'alexandre']);
    });

    it('accented and upper-case searches match ignoring case', async () => {
      expect(usernames((await api.get(`/v1/membres?search=${encodeURIComponent('ANDRÉ')}`).expect(200)).body)).toEqual(['andré']);
      expect(usernames((await api.get(`/v1/membres?search=${encodeURIComponent('MÈDE')}`).expect(200)).body)).toEqual(['Andromède']);
      expect(usernames((await api.get('/v1/membres?search=don').expect(200)).body)).toEqual(['Radon']);
      expect(usernames((await api.get('/v1/membres?search=ra').expect(200)).body)).toEqual(['Radon', 'dragon', 'MisterAndrew']);
    });

    it('LIKE wildcards are plain characters', async () => {
      expect((await api.get('/v1/membres?search=%25').expect(200)).body).toEqual([]);
      expect((await api.get('/v1/membres?search=_').expect(200)).body).toEqual([]);
    });

    it('default order is newest first; ordering by id, username, date_joined, last_visit, ascending or descending', async () => {
      const byDefault = usernames((await api.get('/v1/membres').expect(200)).body);
      expect(byDefault).toEqual([...names].reverse());
      expect(usernames((await api.get('/v1/membres?ordering=id').expect(200)).body)).toEqual(names);
      expect(usernames((await api.get('/v1/membres?ordering=-id').expect(200)).body)).toEqual([...names].reverse());
      expect(usernames((await api.get('/v1/membres?ordering=date_joined').expect(200)).body)).toEqual(names);
      expect(usernames((await api.get('/v1/membres?ordering=username').expect(200)).body)).toEqual(
        // Code-point order of the lower-cased names, on every database: 'o' (U+006F) before 'é' (U+00E9).
        ['alexandre', 'andr', 'Andromède', 'andré', 'dragon', 'MisterAndrew', 'Radon'],
      );
      expect(usernames((await api.get('/v1/membres?ordering=-username').expect(200)).body)[0]).toBe('Radon');
      // Only dragon and Radon have visited; never-visited members come last either way.
      await testApp.sql('UPDATE members SET last_visit = $1 WHERE id = $2', [storedInstant(Date.now() - 86_400_000), ids.dragon]);
      await testApp.sql('UPDATE members SET last_visit = $1 WHERE id = $2', [storedInstant(Date.now()), ids.Radon]);
      expect(usernames((await api.get('/v1/membres?ordering=last_visit').expect(200)).body).slice(0, 2)).toEqual(['dragon', 'Radon']);
      expect(usernames((await api.get('/v1/membres?ordering=-last_visit').expect(200)).body).slice(0, 2)).toEqual(['Radon', 'dragon']);
      // An explicit ordering applies to search results too.
      expect(usernames((await api.get('/v1/membres?search=andr&ordering=id').expect(200)).body)).toEqual([
        'andr',
        'Andromède',
        'andré',
        'MisterAndrew',
        'alexandre',
      ]);
    });

    it('unknown ordering: 400 code 400', async () => {
      for (const ordering of ['email', '-password', 'id,username', '']) {
        const response = await api.get(`/v1/membres?ordering=${ordering}`).expect(400);
        expect(response.body.errors).toEqual([
          { code: 400, field: 'ordering', message: expect.stringContaining('ordering must be one of') },
        ]);
      }
    });

    it('is_active and is_staff filter; other values are 400', async () => {
      await testApp.sql('UPDATE members SET is_active = $1 WHERE id = $2', [false, ids.dragon]);
      await testApp.sql('UPDATE members SET is_staff = $1 WHERE id = $2', [true, ids.Radon]);
      expect(usernames((await api.get('/v1/membres?is_active=false').expect(200)).body)).toEqual(['dragon']);
      expect((await api.get('/v1/membres?is_active=true').expect(200)).body).toHaveLength(6);
      expect(usernames((await api.get('/v1/membres?is_staff=true').expect(200)).body)).toEqual(['Radon']);
      expect(usernames((await api.get('/v1/membres?is_staff=false&is_active=true&search=r&ordering=id').expect(200)).body)).toEqual([
        'andr',
        'Andromède',
        'andré',
        'MisterAndrew',
        'alexandre',
      ]);
      for (const query of ['is_active=yes', 'is_staff=1', 'is_active=TRUE']) {
        const response = await api.get(`/v1/membres?${query}`).expect(400);
        expect(response.body.errors[0]).toMatchObject({ code: 400, field: query.split('=')[0] });
      }
    });

    it('every query, in any order, gets its own page: page statements kept built never answer another query', async () => {
      // The oracle: the stored members, filtered, ordered by id and paged in the test.
      const stored = await testApp.sql<{ id: number; username: string; is_active: boolean | number; is_staff: boolean | number }>(
        'SELECT id, username, is_active, is_staff FROM members',
      );
      const query = fc.record(
        {
          search: fc.constantFrom('andr', 'Andr', 'ra', 'R', 'x'),
          is_active: fc.constantFrom('true', 'false'),
          is_staff: fc.constantFrom('true', 'false'),
          ordering: fc.constantFrom('id', '-id'),
          page: fc.integer({ min: 1, max: 3 }),
          perPage: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: ['ordering', 'page', 'perPage'] },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(query, { minLength: 1, maxLength: 12 }), async (queries) => {
          for (const asked of queries) {
            const matching = stored
              .filter((member) => asked.search === undefined || member.username.toLowerCase().includes(asked.search.toLowerCase()))
              .filter((member) => asked.is_active === undefined || Boolean(member.is_active) === (asked.is_active === 'true'))
              .filter((member) => asked.is_staff === undefined || Boolean(member.is_staff) === (asked.is_staff === 'true'))
              .sort((a, b) => (asked.ordering === 'id' ? a.id - b.id : b.id - a.id))
              .map((member) => member.username);
            const expected = matching.slice((asked.page - 1) * asked.perPage, asked.page * asked.perPage);
            const response = await api.get(
              `/v1/membres?${new URLSearchParams(Object.entries(asked).map(([name, value]): [string, string] => [name, String(value)])).toString()}`,
            );
            if (expected.length === 0 && asked.page > 1) {
              expect(response.status).toBe(404);
              continue;
            }
            expect(response.status).toBe(200);
            expect(usernames(response.body)).toEqual(expected);
            expect(response.headers['x-total-count']).toBe(String(matching.length));
          }
        }),
        { numRuns: 25 },
      );
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MembersService } from '../../src/members/members.service.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { CORS, deleteAllMembers, insertMembers, membersApi, signUp, storedInstant } from './members-helpers.js';

/**
 * The list's ETag is known without building the page (the list's version, moved by triggers in
 * every write that can change a page, and the page's query): it must still change whenever a
 * page's bytes change, whoever writes (the app, or SQL by hand), and a 304 must read no page.
 */
const QUERIES = [
  '/v1/membres?perPage=5',
  '/v1/membres?perPage=5&page=2',
  '/v1/membres?is_active=true&ordering=username',
  '/v1/membres?search=m&ordering=-last_visit',
];

type Write =
  | { kind: 'signUp'; name: number }
  | { kind: 'updateProfile'; target: number; biography: string; showEmail: boolean }
  | { kind: 'setActive'; target: number; active: boolean }
  | { kind: 'logout'; target: number }
  | { kind: 'sqlLastVisit'; target: number; minutesAgo: number }
  | { kind: 'sqlStaff'; target: number; staff: boolean }
  | { kind: 'sqlSessionOnly'; target: number }
  | { kind: 'sqlPasswordOnly'; target: number }
  | { kind: 'sqlDelete'; target: number }
  | { kind: 'nothing' };

const target = fc.nat(40);
const writeArbitrary: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('signUp' as const), name: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant('updateProfile' as const), target, biography: fc.string({ maxLength: 20 }), showEmail: fc.boolean() }),
  fc.record({ kind: fc.constant('setActive' as const), target, active: fc.boolean() }),
  fc.record({ kind: fc.constant('logout' as const), target }),
  fc.record({ kind: fc.constant('sqlLastVisit' as const), target, minutesAgo: fc.nat(10_000) }),
  fc.record({ kind: fc.constant('sqlStaff' as const), target, staff: fc.boolean() }),
  fc.record({ kind: fc.constant('sqlSessionOnly' as const), target }),
  fc.record({ kind: fc.constant('sqlPasswordOnly' as const), target }),
  fc.record({ kind: fc.constant('sqlDelete' as const), target }),
  fc.constant({ kind: 'nothing' as const }),
);

/** Writes that set no column a list shows, filters or sorts on: they must leave every tag as it was. */
const UNLISTED = new Set<Write['kind']>(['logout', 'sqlSessionOnly', 'sqlPasswordOnly', 'nothing']);

describe('members list: the version tag', () => {
  let testApp: TestApp;
  let api: ReturnType<typeof membersApi>;
  let members: MembersService;
  let signUps = 0;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    api = membersApi(testApp);
    members = testApp.app.get(MembersService);
  });
  afterAll(() => testApp.close());

  /** The member at position `index` (by id) among those left, if any. */
  async function memberAt(index: number): Promise<{ id: number; username: string } | undefined> {
    const rows = await testApp.sql<{ id: number; username: string }>('SELECT id, username FROM members ORDER BY id');
    return rows.length === 0 ? undefined : rows[index % rows.length];
  }

  async function apply(write: Write): Promise<void> {
    if (write.kind === 'nothing') return;
    if (write.kind === 'signUp') {
      signUps++;
      await signUp(testApp, { username: `m${signUps}_${write.name}`.slice(0, 30) });
      return;
    }
    const member = await memberAt(write.target);
    if (member === undefined) return;
    switch (write.kind) {
      case 'updateProfile':
        await members.updateOwnProfile(member.id, { biography: write.biography, show_email: write.showEmail }, undefined);
        break;
      case 'setActive':
        await members.setActive(member.username, write.active);
        break;
      case 'logout':
        await members.logout(member.id);
        break;
      case 'sqlLastVisit':
        await testApp.sql('UPDATE members SET last_visit = $1 WHERE id = $2', [
          storedInstant(Date.now() - write.minutesAgo * 60_000),
          member.id,
        ]);
        break;
      case 'sqlStaff':
        await testApp.sql('UPDATE members SET is_staff = $1 WHERE id = $2', [write.staff, member.id]);
        break;
      case 'sqlSessionOnly':
        await testApp.sql('UPDATE members SET session_version = session_version + 1 WHERE id = $1', [member.id]);
        break;
      case 'sqlPasswordOnly':
        await testApp.sql(`UPDATE members SET password_hash = 'another-hash' WHERE id = $1`, [member.id]);
        break;
      case 'sqlDelete':
        await testApp.sql('DELETE FROM members WHERE id = $1', [member.id]);
        break;
    }
  }

  /** Each query's bytes and tag now (a page past the end has neither). */
  async function snapshot(): Promise<Map<string, { text: string; etag: string } | undefined>> {
    const pages = new Map<string, { text: string; etag: string } | undefined>();
    for (const query of QUERIES) {
      const response = await api.get(query);
      expect([200, 404]).toContain(response.status);
      pages.set(query, response.status === 200 ? { text: response.text, etag: String(response.headers.etag) } : undefined);
    }
    return pages;
  }

  it('after any sequence of writes, a page whose bytes changed has a new tag, and an unchanged tag answers 304', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArbitrary, { minLength: 1, maxLength: 6 }), async (writes) => {
        await deleteAllMembers(testApp);
        await insertMembers(testApp, 8, 'seed');
        let before = await snapshot();
        for (const write of writes) {
          await apply(write);
          const after = await snapshot();
          for (const query of QUERIES) {
            const [old, now] = [before.get(query), after.get(query)];
            if (old === undefined || now === undefined) continue;
            if (now.text !== old.text) expect(now.etag).not.toBe(old.etag);
            if (UNLISTED.has(write.kind)) expect(now.etag).toBe(old.etag);
            // The old tag: 304 exactly when it is still the tag, with the tag and the CORS headers.
            const conditional = await api.get(query).set('If-None-Match', old.etag);
            expect(conditional.status).toBe(now.etag === old.etag ? 304 : 200);
            if (conditional.status === 304) {
              expect(conditional.text).toBe('');
              expect(conditional.headers.etag).toBe(old.etag);
              expect(conditional.headers).toMatchObject(CORS);
            }
          }
          before = after;
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('tags differ between pages and queries, and stay put while nothing is written', async () => {
    await deleteAllMembers(testApp);
    await insertMembers(testApp, 12, 'stable');
    const first = await snapshot();
    const second = await snapshot();
    const tags = QUERIES.map((query) => first.get(query)?.etag);
    expect(new Set(tags).size).toBe(QUERIES.length);
    for (const query of QUERIES) expect(second.get(query)?.etag).toBe(first.get(query)?.etag);
  });

  it('a 304 reads no page: the page query does not run', async () => {
    await deleteAllMembers(testApp);
    await insertMembers(testApp, 3, 'quiet');
    const page = await api.get('/v1/membres').expect(200);
    const repository = testApp.app.get<MembersService, { members: { findPage: (...args: unknown[]) => unknown } }>(MembersService);
    const findPage = repository.members.findPage;
    let pagesBuilt = 0;
    repository.members.findPage = (...args: unknown[]) => {
      pagesBuilt++;
      return findPage.apply(repository.members, args);
    };
    try {
      await api.get('/v1/membres').set('If-None-Match', String(page.headers.etag)).expect(304);
      expect(pagesBuilt).toBe(0);
      // `*` asks whether any current page exists: only building it can tell.
      await api.get('/v1/membres?page=9').set('If-None-Match', '*').expect(404);
      await api.get('/v1/membres').set('If-None-Match', '*').expect(304);
      expect(pagesBuilt).toBe(2);
    } finally {
      repository.members.findPage = findPage;
    }
  });

  it('HEAD answers 304 the same way', async () => {
    const page = await api.get('/v1/membres').expect(200);
    const head = await testApp.http().head('/v1/membres').set('User-Agent', 'x').set('If-None-Match', String(page.headers.etag));
    expect(head.status).toBe(304);
  });
});

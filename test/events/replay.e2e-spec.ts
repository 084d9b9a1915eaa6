import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { acknowledge, alice, append, consume, envelope, jsonBody } from './events-helpers.js';

type Delivered = { event: { name: string; id: string; sequence: number }; payload: Record<string, unknown>; position?: number };

/** Seek, one event by id, the whole stream by position, strict numbers and lengths (issue 18), on both databases. */
describe('replay', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  const named = (name: string, payload: Record<string, unknown> = {}) => envelope({ event: { name, version: 1 }, payload });
  const seek = (stream: string, consumer: string, eventName: string, body: unknown) =>
    http()
      .put(
        `/api/v1/streams/${encodeURIComponent(stream)}/consumers/${encodeURIComponent(consumer)}/offsets/${encodeURIComponent(eventName)}`,
      )
      .set('Authorization', alice())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const readAll = (stream: string, query: string) =>
    http()
      .get(`/api/v1/streams/${encodeURIComponent(stream)}/all?${query}`)
      .set('Authorization', alice());
  const sequencesOf = async (stream: string, consumer: string) =>
    (jsonBody(await consume(http(), stream, consumer).expect(200)) as Delivered[]).map((event) => event.event.sequence);

  async function appendAll(stream: string, bodies: unknown[]): Promise<string[]> {
    const ids: string[] = [];
    for (const body of bodies) ids.push(jsonBody(await append(http(), stream, 'shop-1', body).expect(200)) as string);
    return ids;
  }

  describe('PUT …/consumers/:consumerId/offsets/:eventName', () => {
    it('rewinds, seeks and skips to the end; the next read follows the offset', async () => {
      const ids = await appendAll(
        'seek',
        Array.from({ length: 5 }, () => envelope()),
      );
      await acknowledge(http(), 'seek', ids[3], 'billing').expect(200);
      expect(await sequencesOf('seek', 'billing')).toEqual([5]);

      const rewind = await seek('seek', 'billing', 'OrderPlaced', { offset: 0 }).expect(200);
      expect(jsonBody(rewind)).toBe('OK');
      expect(await sequencesOf('seek', 'billing')).toEqual([1, 2, 3, 4, 5]);
      await seek('seek', 'billing', 'OrderPlaced', { offset: 2 }).expect(200);
      expect(await sequencesOf('seek', 'billing')).toEqual([3, 4, 5]);
      await seek('seek', 'billing', 'OrderPlaced', { offset: 5 }).expect(200);
      expect(await sequencesOf('seek', 'billing')).toEqual([]);
      // ACK stays cumulative after a seek: an older event does not move the offset back.
      await acknowledge(http(), 'seek', ids[0], 'billing').expect(200);
      expect(await sequencesOf('seek', 'billing')).toEqual([]);
      // The consumers listing shows the moved offset.
      const consumers = jsonBody(await http().get('/api/v1/streams/seek/consumers').set('Authorization', alice()).expect(200));
      expect(consumers).toEqual([expect.objectContaining({ consumerId: 'billing', eventName: 'OrderPlaced', offset: 5, behind: 0 })]);
      // Another consumer is untouched.
      expect(await sequencesOf('seek', 'audit')).toEqual([1, 2, 3, 4, 5]);
    });

    it('beyond the head: 400, the offset unchanged', async () => {
      await appendAll('seek-head', [envelope(), envelope()]);
      await seek('seek-head', 'billing', 'OrderPlaced', { offset: 1 }).expect(200);
      const response = await seek('seek-head', 'billing', 'OrderPlaced', { offset: 3 }).expect(400);
      expect(jsonBody(response)).toBe('Bad Request - offset: must be at most 2, the last sequence of OrderPlaced');
      expect(jsonBody(await seek('seek-head', 'billing', 'NeverWritten', { offset: 1 }).expect(400))).toBe(
        'Bad Request - offset: must be at most 0, the last sequence of NeverWritten',
      );
      expect(await sequencesOf('seek-head', 'billing')).toEqual([2]);
    });

    it.each([
      [{ offset: -1 }, 'Bad Request - offset: must be an integer from 0 to 9007199254740991'],
      [{ offset: '1' }, 'Bad Request - offset: must be an integer from 0 to 9007199254740991'],
      [{ offset: 1.5 }, 'Bad Request - offset: must be an integer from 0 to 9007199254740991'],
      [{}, 'Bad Request - offset: is required'],
      [{ offset: 0, extra: 1 }, 'Bad Request - extra: unknown field'],
    ])('refuses the body %j with 400', async (body, message) => {
      await appendAll('seek-bad', [envelope()]);
      expect(jsonBody(await seek('seek-bad', 'billing', 'OrderPlaced', body).expect(400))).toBe(message);
    });

    it('404 for a stream never written, 400 for a bad consumer id, 401 without credentials', async () => {
      expect(jsonBody(await seek('seek-none', 'billing', 'OrderPlaced', { offset: 0 }).expect(404))).toBe(
        'Not Found - stream seek-none does not exist',
      );
      await appendAll('seek-ids', [envelope()]);
      expect(jsonBody(await seek('seek-ids', 'bad consumer', 'OrderPlaced', { offset: 0 }).expect(400))).toMatch(
        /^Bad Request - consumerId: /,
      );
      await http().put('/api/v1/streams/seek-ids/consumers/billing/offsets/OrderPlaced').send({ offset: 0 }).expect(401);
    });
  });

  describe('GET …/events/:eventId', () => {
    it('reads one event with its sequence and stream position; 404 for an id of another stream', async () => {
      const [first, second] = await appendAll('one', [named('A', { n: 1 }), named('B', { n: 2 })]);
      const read = jsonBody(
        await http().get(`/api/v1/streams/one/events/${second}`).set('Authorization', alice()).expect(200),
      ) as Delivered;
      expect(read).toMatchObject({ event: { name: 'B', id: second, sequence: 1 }, payload: { n: 2 }, position: 2 });
      await appendAll('other', [envelope()]);
      expect(jsonBody(await http().get(`/api/v1/streams/other/events/${first}`).set('Authorization', alice()).expect(404))).toBe(
        `Not Found - event ${first} does not exist in stream other`,
      );
      expect(jsonBody(await http().get('/api/v1/streams/one/events/not-a-uuid').set('Authorization', alice()).expect(400))).toBe(
        'Bad Request - eventId: must be a UUID',
      );
    });
  });

  describe('GET …/all', () => {
    it('every name in commit order by a gapless stream position, paged with after and limit', async () => {
      const names = ['A', 'B', 'A', 'C', 'B', 'A'];
      const ids = await appendAll(
        'whole',
        names.map((name, i) => named(name, { i })),
      );
      const page1 = jsonBody(await readAll('whole', 'limit=4').expect(200)) as Delivered[];
      expect(page1.map((event) => [event.position, event.event.id, event.event.name])).toEqual(
        names.slice(0, 4).map((name, i) => [i + 1, ids[i], name]),
      );
      const page2 = jsonBody(await readAll('whole', 'after=4&limit=100').expect(200)) as Delivered[];
      expect(page2.map((event) => event.position)).toEqual([5, 6]);
      expect(page2.map((event) => event.event.sequence)).toEqual([2, 3]);
      expect(jsonBody(await readAll('whole', 'after=6&limit=10').expect(200))).toEqual([]);
    });

    it('positions stay gapless and unique per stream under parallel appends of many names', async () => {
      await append(http(), 'whole-race', 'shop-1').expect(200);
      await Promise.all(Array.from({ length: 40 }, (_, i) => append(http(), 'whole-race', 'shop-1', named(`N${i % 4}`)).expect(200)));
      const rows = await testApp.sql<{ p: number | string }>(
        'SELECT stream_position AS p FROM events WHERE stream = $1 ORDER BY stream_position',
        ['whole-race'],
      );
      expect(rows.map((row) => Number(row.p))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      const all = jsonBody(await readAll('whole-race', 'limit=1000').expect(200)) as Delivered[];
      // Within each name, position order is sequence order.
      for (let n = 0; n < 4; n++) {
        const sequences = all.filter((event) => event.event.name === `N${n}`).map((event) => event.event.sequence);
        expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      }
    });

    it('404 for a stream never written; limit is required', async () => {
      expect(jsonBody(await readAll('whole-none', 'limit=1').expect(404))).toBe('Not Found - stream whole-none does not exist');
      await appendAll('whole-limit', [envelope()]);
      expect(jsonBody(await readAll('whole-limit', '').expect(400))).toBe('Bad Request - limit: is required');
    });
  });

  describe('numbers and lengths', () => {
    it.each([['1e2'], ['0x10'], [' 5'], ['5 '], ['+5'], ['5.0'], [''], ['-1'], ['0'], ['1001'], ['Infinity'], ['0b1']])(
      'limit=%j: 400 on consume and /all',
      async (limit) => {
        await appendAll('numbers', [envelope()]);
        const consumeResponse = await consume(http(), 'numbers', 'c', { eventName: 'OrderPlaced', limit }).expect(400);
        expect(jsonBody(consumeResponse)).toBe('Bad Request - limit: must be an integer from 1 to 1000');
        const allResponse = await readAll('numbers', `limit=${encodeURIComponent(limit)}`).expect(400);
        expect(jsonBody(allResponse)).toBe('Bad Request - limit: must be an integer from 1 to 1000');
      },
    );

    it('any plain decimal from 1 to 1000 is a limit, leading zeros included; wait and after alike', async () => {
      await appendAll('numbers-ok', [envelope()]);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.boolean(), async (limit, padded) => {
          const text = padded ? `00${limit}` : String(limit);
          await consume(http(), 'numbers-ok', 'c', { eventName: 'OrderPlaced', limit: text }).expect(200);
        }),
        { numRuns: 25 },
      );
      expect(jsonBody(await consume(http(), 'numbers-ok', 'c', { eventName: 'OrderPlaced', limit: 1, wait: '1e1' }).expect(400))).toBe(
        'Bad Request - wait: must be an integer from 1 to 30',
      );
      expect(jsonBody(await readAll('numbers-ok', 'after=0x1&limit=1').expect(400))).toBe(
        'Bad Request - after: must be an integer from 0 to 9007199254740991',
      );
    });

    it('stream and event names are measured in characters (code points): 200 astral characters pass, 201 do not', async () => {
      const astral = '😀'.repeat(200);
      await append(http(), astral, 'shop-1', named(astral)).expect(200);
      const read = jsonBody(await consume(http(), astral, 'c', { eventName: astral, limit: 10 }).expect(200)) as Delivered[];
      expect(read).toHaveLength(1);
      const longer = '😀'.repeat(201);
      expect(jsonBody(await append(http(), longer, 'shop-1').expect(400))).toBe('Bad Request - streamName: must be at most 200 characters');
      expect(jsonBody(await append(http(), 'names', 'shop-1', named(longer)).expect(400))).toBe(
        'Bad Request - event.name: must be at most 200 characters',
      );
      expect(jsonBody(await consume(http(), astral, 'c', { eventName: longer, limit: 10 }).expect(400))).toBe(
        'Bad Request - eventName: must be at most 200 characters',
      );
    });
  });

  it('the migration backfills positions of events stored before it, in write order, and the counter goes on after them', async () => {
    const dataSource = testApp.app.get(DataSource);
    const migration = dataSource.migrations.find((candidate) => candidate.name === 'EventStoreReplayAndIdempotency1795450000000');
    expect(migration).toBeDefined();
    const runner = dataSource.createQueryRunner();
    try {
      await migration!.down(runner);
      // Events as the schema before it held them: no position.
      const before = new Date('2026-01-01T00:00:00Z');
      for (const [i, name] of ['X', 'Y', 'X'].entries()) {
        const at = new Date(before.getTime() + i * 1000);
        await testApp.sql(
          `INSERT INTO events (id, stream, event_name, sequence, version, system, "trigger", payload, created_at)
           VALUES ($1, 'backfill', $2, $3, 1, '{}', '{}', '{}', $4)`,
          [
            `00000000-0000-4000-8000-00000000000${i}`,
            name,
            i === 2 ? 2 : 1,
            testApp.databaseUrl.startsWith('postgres') ? at : at.toISOString().replace('T', ' ').replace('Z', ''),
          ],
        );
      }
      await testApp.sql("INSERT INTO event_streams (name, producer_id, created_at) VALUES ('backfill', 'shop-1', $1)", [
        testApp.databaseUrl.startsWith('postgres') ? before : before.toISOString().replace('T', ' ').replace('Z', ''),
      ]);
      await testApp.sql(
        "INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at) VALUES ('backfill', 'X', 2, $1), ('backfill', 'Y', 1, $1)",
        [testApp.databaseUrl.startsWith('postgres') ? before : before.toISOString().replace('T', ' ').replace('Z', '')],
      );
      await migration!.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await testApp.sql<{ id: string; p: number | string }>(
      'SELECT id, stream_position AS p FROM events WHERE stream = $1 ORDER BY stream_position',
      ['backfill'],
    );
    expect(rows.map((row) => [row.id.slice(-1), Number(row.p)])).toEqual([
      ['0', 1],
      ['1', 2],
      ['2', 3],
    ]);
    await append(http(), 'backfill', 'shop-1').expect(200);
    const all = jsonBody(await readAll('backfill', 'after=3&limit=10').expect(200)) as Delivered[];
    expect(all.map((event) => event.position)).toEqual([4]);
  });
});

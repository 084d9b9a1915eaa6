import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { basic, createTestApp, TestApp } from '../helpers/test-app.js';
import { acknowledge, alice, append, bob, consume, envelope, jsonBody } from './events-helpers.js';

const UNSTORABLE = 'must not contain the NUL character or unpaired surrogates';

/** A payload of objects and arrays nested `levels` deep. */
function nested(levels: number): Record<string, unknown> {
  let value: unknown = 'bottom';
  for (let level = 1; level < levels; level++) value = level % 2 === 0 ? [value] : { deeper: value };
  return { deeper: value };
}

/** Every row of the spec's tables, route by route, against PostgreSQL. */
describe('events API', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  async function appendOk(stream: string, producer: string, body: unknown = envelope()): Promise<string> {
    const response = await append(http(), stream, producer, body).expect(200);
    const id = jsonBody(response);
    expect(id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    return id as string;
  }

  describe('authentication', () => {
    it.each([
      ['no credentials', undefined],
      ['a wrong password', basic('alice', 'wrong')],
      ['an unknown client', basic('mallory', 'alice-secret')],
      ['another realm (admin)', basic('admin', 'admin-secret')],
    ])('answers 401 "Unauthorized" with a Basic challenge for %s', async (_case, authorization) => {
      for (const request of [
        http().get('/api/v1/streams'),
        http().post('/api/v1/streams/a/events').set('X-Producer-ID', 'p').send(envelope()),
        http().get('/api/v1/streams/a/events?eventName=A&limit=1').set('X-Consumer-ID', 'c'),
        http()
          .post('/api/v1/streams/a/events/0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e')
          .set('X-Consumer-ID', 'c')
          .type('form')
          .send('action=ACK'),
        http().get('/api/v1/streams/a/consumers'),
      ]) {
        if (authorization) request.set('Authorization', authorization);
        const response = await request.expect(401);
        expect(jsonBody(response)).toBe('Unauthorized');
        expect(response.headers['www-authenticate']).toMatch(/^Basic realm="events"/);
      }
    });
  });

  describe('POST /api/v1/streams/:streamName/events', () => {
    it('answers 200 with the new event id as a JSON string', async () => {
      const id = await appendOk('append-ok', 'shop-1');
      const [event] = jsonBody(await consume(http(), 'append-ok', 'reader').expect(200)) as Array<{ event: { id: string } }>;
      expect(event.event.id).toBe(id);
    });

    it('lets the owner append from any Basic client: ownership is the producer id alone', async () => {
      await appendOk('owned-by-id', 'shop-1');
      await append(http(), 'owned-by-id', 'shop-1', envelope(), bob()).expect(200);
      const response = await append(http(), 'owned-by-id', 'shop-2', envelope(), alice()).expect(423);
      expect(jsonBody(response)).toBe('Locked - Second writers not allowed');
    });

    it('answers 423 to a second producer and stores nothing', async () => {
      await appendOk('single-writer', 'shop-1');
      const response = await append(http(), 'single-writer', 'intruder').expect(423);
      expect(jsonBody(response)).toBe('Locked - Second writers not allowed');
      const events = jsonBody(await consume(http(), 'single-writer', 'reader').expect(200)) as unknown[];
      expect(events).toHaveLength(1);
    });

    it.each([
      ['a missing X-Producer-ID', undefined, 'X-Producer-ID: required header'],
      ['an X-Producer-ID with a space', 'shop 1', 'X-Producer-ID: must be'],
      ['an X-Producer-ID of 129 characters', 'p'.repeat(129), 'X-Producer-ID: must be'],
    ])('answers 400 for %s', async (_case, producer, message) => {
      const request = http().post('/api/v1/streams/bad-headers/events').set('Authorization', alice()).send(envelope());
      if (producer !== undefined) request.set('X-Producer-ID', producer);
      const response = await request.expect(400);
      expect(jsonBody(response)).toEqual(expect.stringContaining(`Bad Request - ${message}`));
    });

    it.each([
      ['text/plain', 'Bad Request - Content-Type: must be application/json'],
      ['application/xml', 'Bad Request - Content-Type: must be application/json'],
      ['application/x-www-form-urlencoded', 'Bad Request - Content-Type: must be application/json'],
    ])('answers 400 (not 415) for Content-Type %s', async (contentType, message) => {
      const response = await http()
        .post('/api/v1/streams/bad-type/events')
        .set('Authorization', alice())
        .set('X-Producer-ID', 'shop-1')
        .set('Content-Type', contentType)
        .send('event=x')
        .expect(400);
      expect(jsonBody(response)).toBe(message);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await http()
        .post('/api/v1/streams/bad-json/events')
        .set('Authorization', alice())
        .set('X-Producer-ID', 'shop-1')
        .set('Content-Type', 'application/json')
        .send('{"event": ')
        .expect(400);
      expect(jsonBody(response)).toEqual(expect.stringMatching(/^Bad Request - .*not valid JSON/));
    });

    it.each([
      ['event.name', { event: { version: 1 } }, 'Bad Request - event.name: must be a non-empty string'],
      ['event.version', { event: { name: 'A', version: 0 } }, 'Bad Request - event.version: must be an integer of at least 1'],
      [
        'event.id',
        { event: { name: 'A', version: 1, id: '0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e' } },
        'Bad Request - event.id: is assigned by the server and must not be sent',
      ],
      [
        'system.time',
        { system: { id: 'a', name: 'b', time: 'noon', timezone: 'UTC' } },
        'Bad Request - system.time: must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss',
      ],
      [
        'system.timezone',
        { system: { id: 'a', name: 'b', time: '2017-09-06 13:58:12', timezone: 'Berlin' } },
        'Bad Request - system.timezone: must be an IANA time zone name such as Europe/Berlin',
      ],
      ['trigger', { trigger: undefined }, 'Bad Request - trigger: is required'],
      ['payload', { payload: [1] }, 'Bad Request - payload: must be a JSON object'],
      // What PostgreSQL would refuse at insert time (a 500 then, and a whole batch failing with it).
      ['event.name', { event: { name: 'Order\u0000Placed', version: 1 } }, `Bad Request - event.name: ${UNSTORABLE}`],
      [
        'system.name',
        { system: { id: 'a', name: 'b\ud800', time: '2017-09-06 13:58:12', timezone: 'UTC' } },
        `Bad Request - system.name: ${UNSTORABLE}`,
      ],
      ['payload', { payload: { note: 'a\u0000b' } }, `Bad Request - payload: ${UNSTORABLE}`],
      ['payload', { payload: { ['key\u0000']: 1 } }, `Bad Request - payload: ${UNSTORABLE}`],
      ['payload', { payload: nested(600) }, 'Bad Request - payload: must not nest objects and arrays more than 512 levels deep'],
      ['event.version', { event: { name: 'A', version: 2 ** 31 } }, 'Bad Request - event.version: must be an integer from 1 to 2147483647'],
    ])('answers 400 naming %s, and stores nothing', async (_field, overrides, message) => {
      const response = await append(http(), 'bad-fields', 'shop-1', envelope(overrides)).expect(400);
      expect(jsonBody(response)).toBe(message);
      // Bad input changes nothing: not even the stream exists.
      expect(jsonBody(await consume(http(), 'bad-fields', 'reader').expect(404))).toBe('Not Found - stream bad-fields does not exist');
    });

    it('accepts a name of 200 characters, URL-encoded, and refuses 201 or more with 400', async () => {
      const name = `${'é'.repeat(100)}${'x'.repeat(99)} `;
      expect(name).toHaveLength(200);
      await appendOk(name, 'shop-1');
      const listed = jsonBody(await http().get('/api/v1/streams').set('Authorization', alice()).expect(200)) as Array<{ name: string }>;
      expect(listed.map((stream) => stream.name)).toContain(name);

      const tooLong = await append(http(), 'y'.repeat(201), 'shop-1').expect(400);
      expect(jsonBody(tooLong)).toBe('Bad Request - streamName: must be at most 200 characters');
      const longer = await append(http(), 'z'.repeat(500), 'shop-1').expect(400);
      expect(jsonBody(longer)).toBe('Bad Request - streamName: must be at most 200 characters');
      // 201 accented characters percent-encode to 2,412: still the module's own 400, not a 414.
      const encodedLong = await append(http(), 'é'.repeat(201), 'shop-1').expect(400);
      expect(jsonBody(encodedLong)).toBe('Bad Request - streamName: must be at most 200 characters');
      const slash = await append(http(), 'a/b', 'shop-1').expect(400);
      expect(jsonBody(slash)).toBe("Bad Request - streamName: must not contain '/'");
      const nul = await append(http(), 'a\u0000b', 'shop-1').expect(400);
      expect(jsonBody(nul)).toBe(`Bad Request - streamName: ${UNSTORABLE}`);
    });

    it('answers 413 "Payload Too Large" beyond 1 MiB and accepts just under it', async () => {
      const big = envelope({ payload: { blob: 'x'.repeat(1024 * 1024) } });
      const response = await append(http(), 'big', 'shop-1', big).expect(413);
      expect(jsonBody(response)).toBe('Payload Too Large');
      await appendOk('big', 'shop-1', envelope({ payload: { blob: 'x'.repeat(1024 * 1024 - 400) } }));
    });
  });

  describe('GET /api/v1/streams/:streamName/events', () => {
    it('returns the stored envelopes past the offset, ascending, with id, sequence and createdAt', async () => {
      const ids = [];
      for (let i = 1; i <= 3; i += 1) ids.push(await appendOk('consume', 'shop-1', envelope({ payload: { n: i } })));
      await appendOk('consume', 'shop-1', envelope({ event: { name: 'OrderPaid', version: 2 } }));

      const events = jsonBody(await consume(http(), 'consume', 'reader', { eventName: 'OrderPlaced', limit: 2 }).expect(200)) as Array<
        Record<string, unknown> & { event: Record<string, unknown> }
      >;
      expect(events).toHaveLength(2);
      expect(events[0]).toEqual({
        event: { name: 'OrderPlaced', version: 1, id: ids[0], sequence: 1 },
        system: { id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' },
        trigger: { type: 'system', name: '/path/to/script.php' },
        payload: { n: 1 },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(events[1].event).toMatchObject({ id: ids[1], sequence: 2 });

      // Sequences count per event name.
      const paid = jsonBody(await consume(http(), 'consume', 'reader', { eventName: 'OrderPaid', limit: 10 }).expect(200)) as Array<{
        event: Record<string, unknown>;
      }>;
      expect(paid.map((e) => e.event)).toEqual([expect.objectContaining({ name: 'OrderPaid', version: 2, sequence: 1 })]);
    });

    it('keeps returning unacknowledged events (at-least-once) and answers [] for a name never written', async () => {
      await appendOk('redeliver', 'shop-1');
      for (let i = 0; i < 2; i += 1) {
        expect(jsonBody(await consume(http(), 'redeliver', 'reader').expect(200))).toHaveLength(1);
      }
      expect(jsonBody(await consume(http(), 'redeliver', 'reader', { eventName: 'Nothing', limit: 5 }).expect(200))).toEqual([]);
    });

    it('answers 404 for a stream never written to', async () => {
      const response = await consume(http(), 'nowhere', 'reader').expect(404);
      expect(jsonBody(response)).toBe('Not Found - stream nowhere does not exist');
    });

    it.each([
      ['a missing eventName', { limit: 10 }, 'Bad Request - eventName: is required'],
      ['a missing limit', { eventName: 'OrderPlaced' }, 'Bad Request - limit: is required'],
      ['limit=0', { eventName: 'OrderPlaced', limit: 0 }, 'Bad Request - limit: must be an integer from 1 to 1000'],
      ['limit=1001', { eventName: 'OrderPlaced', limit: 1001 }, 'Bad Request - limit: must be an integer from 1 to 1000'],
      ['limit=abc', { eventName: 'OrderPlaced', limit: 'abc' }, 'Bad Request - limit: must be an integer from 1 to 1000'],
      ['wait=0', { eventName: 'OrderPlaced', limit: 1, wait: 0 }, 'Bad Request - wait: must be an integer from 1 to 30'],
      ['wait=31', { eventName: 'OrderPlaced', limit: 1, wait: 31 }, 'Bad Request - wait: must be an integer from 1 to 30'],
      ['a NUL in eventName', { eventName: 'Order\u0000Placed', limit: 1 }, `Bad Request - eventName: ${UNSTORABLE}`],
    ])('answers 400 for %s', async (_case, query, message) => {
      await appendOk('consume-400', 'shop-1');
      expect(jsonBody(await consume(http(), 'consume-400', 'reader', query).expect(400))).toBe(message);
    });

    it('answers 400 without X-Consumer-ID', async () => {
      const response = await http().get('/api/v1/streams/consume-400/events?eventName=A&limit=1').set('Authorization', alice()).expect(400);
      expect(jsonBody(response)).toEqual(expect.stringContaining('Bad Request - X-Consumer-ID: required header'));
    });

    it('long poll: answers as soon as an event arrives, or [] when the time is up', async () => {
      await appendOk('long-poll', 'shop-1', envelope({ event: { name: 'Other', version: 1 } }));
      const started = Date.now();
      const empty = await consume(http(), 'long-poll', 'reader', { eventName: 'OrderPlaced', limit: 10, wait: 1 }).expect(200);
      expect(jsonBody(empty)).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);

      const held = consume(http(), 'long-poll', 'reader', { eventName: 'OrderPlaced', limit: 10, wait: 10 }).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const appendedAt = Date.now();
      const id = await appendOk('long-poll', 'shop-1');
      const response = await held;
      expect(response.status).toBe(200);
      expect((jsonBody(response) as Array<{ event: { id: string } }>).map((e) => e.event.id)).toEqual([id]);
      // Well before the 10 s wait is up (the margin absorbs a busy test machine).
      expect(Date.now() - appendedAt).toBeLessThan(3000);
    });
  });

  describe('POST /api/v1/streams/:streamName/events/:eventId', () => {
    it('acknowledges cumulatively, idempotently, per consumer, form or JSON', async () => {
      const ids = [];
      for (let i = 0; i < 5; i += 1) ids.push(await appendOk('ack', 'shop-1'));

      // ACK of the third event acknowledges the first two as well.
      expect(jsonBody(await acknowledge(http(), 'ack', ids[2], 'billing').expect(200))).toBe('OK');
      let left = jsonBody(await consume(http(), 'ack', 'billing').expect(200)) as Array<{ event: { sequence: number } }>;
      expect(left.map((e) => e.event.sequence)).toEqual([4, 5]);

      // Re-ACK, and ACK of an earlier event: 200, nothing moves.
      expect(jsonBody(await acknowledge(http(), 'ack', ids[2], 'billing').expect(200))).toBe('OK');
      expect(jsonBody(await acknowledge(http(), 'ack', ids[0], 'billing').expect(200))).toBe('OK');
      left = jsonBody(await consume(http(), 'ack', 'billing').expect(200)) as Array<{ event: { sequence: number } }>;
      expect(left.map((e) => e.event.sequence)).toEqual([4, 5]);

      // Another consumer is independent.
      const other = jsonBody(await consume(http(), 'ack', 'shipping').expect(200)) as unknown[];
      expect(other).toHaveLength(5);

      // A JSON body is accepted too.
      const response = await http()
        .post(`/api/v1/streams/ack/events/${ids[4]}`)
        .set('Authorization', alice())
        .set('X-Consumer-ID', 'billing')
        .send({ action: 'ACK' })
        .expect(200);
      expect(jsonBody(response)).toBe('OK');
      expect(jsonBody(await consume(http(), 'ack', 'billing').expect(200))).toEqual([]);
    });

    it.each([
      ['action missing', 'other=1', 'Bad Request - other: unknown field; action: is required'],
      ['action not ACK', 'action=NACK', 'Bad Request - action: must be ACK'],
    ])('answers 400 for %s', async (_case, body, message) => {
      const id = await appendOk('ack-400', 'shop-1');
      const response = await http()
        .post(`/api/v1/streams/ack-400/events/${id}`)
        .set('Authorization', alice())
        .set('X-Consumer-ID', 'billing')
        .type('form')
        .send(body)
        .expect(400);
      expect(jsonBody(response)).toBe(message);
    });

    it('answers 400 without a consumer id, for a malformed event id, and for a text body', async () => {
      const id = await appendOk('ack-400b', 'shop-1');
      const noConsumer = await http()
        .post(`/api/v1/streams/ack-400b/events/${id}`)
        .set('Authorization', alice())
        .type('form')
        .send('action=ACK')
        .expect(400);
      expect(jsonBody(noConsumer)).toEqual(expect.stringContaining('Bad Request - X-Consumer-ID: required header'));
      const malformed = await acknowledge(http(), 'ack-400b', 'not-a-uuid', 'billing').expect(400);
      expect(jsonBody(malformed)).toBe('Bad Request - eventId: must be a UUID');
      const text = await http()
        .post(`/api/v1/streams/ack-400b/events/${id}`)
        .set('Authorization', alice())
        .set('X-Consumer-ID', 'billing')
        .set('Content-Type', 'text/plain')
        .send('action=ACK')
        .expect(400);
      expect(jsonBody(text)).toBe('Bad Request - Content-Type: must be application/x-www-form-urlencoded or application/json');
    });

    it('answers 404 for an unknown stream, or an event of another stream', async () => {
      const id = await appendOk('ack-404', 'shop-1');
      await appendOk('ack-404-other', 'shop-1');
      expect(jsonBody(await acknowledge(http(), 'ack-missing', id, 'billing').expect(404))).toBe(
        'Not Found - stream ack-missing does not exist',
      );
      const unknown = '0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e';
      expect(jsonBody(await acknowledge(http(), 'ack-404', unknown, 'billing').expect(404))).toBe(
        `Not Found - event ${unknown} does not exist in stream ack-404`,
      );
      expect(jsonBody(await acknowledge(http(), 'ack-404-other', id, 'billing').expect(404))).toBe(
        `Not Found - event ${id} does not exist in stream ack-404-other`,
      );
    });
  });

  describe('GET /api/v1/streams and /consumers', () => {
    it('lists streams with owner, count, names and last append', async () => {
      await appendOk('listed', 'shop-9');
      await appendOk('listed', 'shop-9');
      await appendOk('listed', 'shop-9', envelope({ event: { name: 'OrderPaid', version: 1 } }));
      const streams = jsonBody(await http().get('/api/v1/streams').set('Authorization', alice()).expect(200)) as Array<
        Record<string, unknown>
      >;
      expect(streams.find((s) => s.name === 'listed')).toEqual({
        name: 'listed',
        producerId: 'shop-9',
        events: 3,
        eventNames: ['OrderPaid', 'OrderPlaced'],
        lastEventAt: expect.stringMatching(/Z$/),
      });
    });

    it('lists each consumer offset per event name with how far behind it is', async () => {
      const ids = [];
      for (let i = 0; i < 4; i += 1) ids.push(await appendOk('positions', 'shop-1'));
      await acknowledge(http(), 'positions', ids[0], 'billing').expect(200);
      await acknowledge(http(), 'positions', ids[3], 'shipping').expect(200);
      const consumers = jsonBody(await http().get('/api/v1/streams/positions/consumers').set('Authorization', bob()).expect(200));
      expect(consumers).toEqual([
        { consumerId: 'billing', eventName: 'OrderPlaced', offset: 1, behind: 3, movedAt: expect.stringMatching(/Z$/) },
        { consumerId: 'shipping', eventName: 'OrderPlaced', offset: 4, behind: 0, movedAt: expect.stringMatching(/Z$/) },
      ]);
      expect(jsonBody(await http().get('/api/v1/streams/nowhere/consumers').set('Authorization', bob()).expect(404))).toBe(
        'Not Found - stream nowhere does not exist',
      );
    });
  });

  describe('wire format', () => {
    it('answers unknown routes and wrong methods under /api/v1/ as JSON strings', async () => {
      const missing = await http().get('/api/v1/nothing').set('Authorization', alice()).expect(404);
      expect(jsonBody(missing)).toBe('Not Found - no route for GET /api/v1/nothing');
      const wrongMethod = await http().delete('/api/v1/streams').set('Authorization', alice()).expect(405);
      expect(jsonBody(wrongMethod)).toEqual(expect.stringMatching(/^Method Not Allowed - /));
      expect(wrongMethod.headers.allow).toContain('GET');
    });

    it('answers a failure as "Internal Server Error - <request id>", without internals', async () => {
      await appendOk('broken', 'shop-1');
      const dataSource = testApp.app.get(DataSource);
      await dataSource.query('ALTER TABLE events RENAME TO events_elsewhere');
      try {
        const response = await consume(http(), 'broken', 'reader').expect(500);
        expect(jsonBody(response)).toBe(`Internal Server Error - ${response.headers['x-request-id']}`);
      } finally {
        await dataSource.query('ALTER TABLE events_elsewhere RENAME TO events');
      }
    });

    it('describes every route in Swagger with the events-basic scheme', async () => {
      const document = (await http().get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { security?: unknown[]; tags?: string[] }>>;
      };
      const routes = [
        ['/api/v1/streams/{streamName}/events', 'post'],
        ['/api/v1/streams/{streamName}/events', 'get'],
        ['/api/v1/streams/{streamName}/events/{eventId}', 'post'],
        ['/api/v1/streams', 'get'],
        ['/api/v1/streams/{streamName}/consumers', 'get'],
      ];
      for (const [path, method] of routes) {
        expect(document.paths[path]?.[method]?.security).toEqual([{ 'events-basic': [] }]);
        expect(document.paths[path][method].tags).toEqual(['events']);
      }
    });
  });
});

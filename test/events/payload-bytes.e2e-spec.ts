import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { alice, consume, envelope, jsonBody } from './events-helpers.js';

/** The page bound these tests boot with (the default is 4 MiB). */
const PAGE_MAX_BYTES = 8 * 1024;

/** Payloads kept byte for byte, pages cut by bytes (issue 18), on both databases. */
describe('payload bytes', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { EVENTS_PAGE_MAX_BYTES: String(PAGE_MAX_BYTES) } });
  });
  afterAll(() => testApp.close());

  /** Posts an envelope's exact text. */
  const appendText = (stream: string, text: string) =>
    http()
      .post(`/api/v1/streams/${encodeURIComponent(stream)}/events`)
      .set('Authorization', alice())
      .set('X-Producer-ID', 'shop-1')
      .set('Content-Type', 'application/json')
      .send(text);

  const SYSTEM = '{"name": "codello alvine", "id":"alv123", "time":"2017-09-06 13:58:12","timezone":"Europe/Berlin"}';
  const TRIGGER = '{ "name" : "/path/to/script.php" , "type" : "system" }';
  const PAYLOAD = '{"z": 12345678901234567890123, "price": 1.10, "a": {"y": 1e2, "b": [1.0, -0.0]}, "dup": 1, "dup": 2, "s": "\\u00e9\\n"}';
  const BODY = `{"event": {"name": "OrderPlaced", "version": 1}, "system": ${SYSTEM}, "trigger": ${TRIGGER}, "payload": ${PAYLOAD}}`;

  it('a 23-digit integer, 1.10, key order, a duplicate key and escapes come back as sent, from every read', async () => {
    const id = jsonBody(await appendText('bytes', BODY).expect(200)) as string;
    const expected = `"system":${SYSTEM},"trigger":${TRIGGER},"payload":${PAYLOAD},`;

    const consumed = await consume(http(), 'bytes', 'c').expect(200);
    expect(consumed.text).toContain(expected);
    const one = await http().get(`/api/v1/streams/bytes/events/${id}`).set('Authorization', alice()).expect(200);
    expect(one.text).toContain(expected);
    const all = await http().get('/api/v1/streams/bytes/all?limit=10').set('Authorization', alice()).expect(200);
    expect(all.text).toContain(expected);
    // Still valid JSON, as the contract gives it (the duplicate key reads as its last value).
    expect((jsonBody(consumed) as Array<{ payload: Record<string, unknown> }>)[0].payload).toMatchObject({ dup: 2, price: 1.1 });
    // Stored as that text.
    const [row] = await testApp.sql<{ payload: string }>('SELECT payload FROM events WHERE id = $1', [id]);
    expect(row.payload).toBe(PAYLOAD);
  });

  it('any JSON payload text is answered byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })), fc.boolean(), async (payload, pretty) => {
        const text = pretty ? JSON.stringify(payload, null, 2) : JSON.stringify(payload);
        const body = JSON.stringify(envelope()).replace('"payload":{}', () => `"payload":${text}`);
        const id = jsonBody(await appendText('bytes-any', body).expect(200)) as string;
        const one = await http().get(`/api/v1/streams/bytes-any/events/${id}`).set('Authorization', alice()).expect(200);
        expect(one.text).toContain(`"payload":${text},"createdAt"`);
      }),
      { numRuns: 30 },
    );
  });

  it('a page stops before EVENTS_PAGE_MAX_BYTES; one event larger than the bound still comes alone', async () => {
    const filler = 'x'.repeat(1500);
    for (let i = 0; i < 10; i++) await appendText('bytes-page', JSON.stringify(envelope({ payload: { i, filler } }))).expect(200);
    const page = await consume(http(), 'bytes-page', 'c', { eventName: 'OrderPlaced', limit: 100 }).expect(200);
    const events = jsonBody(page) as Array<{ payload: { i: number } }>;
    expect(events.length).toBeGreaterThan(1);
    expect(events.length).toBeLessThan(10);
    expect(Buffer.byteLength(page.text)).toBeLessThanOrEqual(PAGE_MAX_BYTES);
    expect(events.map((event) => event.payload.i)).toEqual(events.map((_, i) => i));
    const all = jsonBody(
      await http().get('/api/v1/streams/bytes-page/all?limit=100').set('Authorization', alice()).expect(200),
    ) as unknown[];
    expect(all).toHaveLength(events.length);

    await appendText('bytes-big', JSON.stringify(envelope({ payload: { big: 'y'.repeat(3 * PAGE_MAX_BYTES) } }))).expect(200);
    await appendText('bytes-big', JSON.stringify(envelope())).expect(200);
    const big = jsonBody(await consume(http(), 'bytes-big', 'c').expect(200)) as unknown[];
    expect(big).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { append, envelope, jsonBody } from './events-helpers.js';

/** Idempotency-Key and X-Expected-Sequence on the append (issue 18), on both databases. */
describe('idempotent and conditional appends', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(() => testApp.close());

  const keyed = (stream: string, key: string, body: unknown = envelope()) =>
    append(http(), stream, 'shop-1', body).set('Idempotency-Key', key);
  const expecting = (stream: string, sequence: string, body: unknown = envelope()) =>
    append(http(), stream, 'shop-1', body).set('X-Expected-Sequence', sequence);

  async function storedEvents(stream: string): Promise<Array<{ id: string; sequence: number }>> {
    const rows = await testApp.sql<{ id: string; sequence: number | string }>(
      'SELECT id, sequence FROM events WHERE stream = $1 ORDER BY sequence',
      [stream],
    );
    return rows.map((row) => ({ id: row.id, sequence: Number(row.sequence) }));
  }

  describe('Idempotency-Key', () => {
    it('20 parallel identical retries creating a stream: one event, every answer its id', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => keyed('idem-new', 'retry-1')));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const ids = new Set(responses.map((response) => jsonBody(response)));
      const stored = await storedEvents('idem-new');
      expect(stored).toHaveLength(1);
      expect([...ids]).toEqual([stored[0].id]);
      expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    });

    it('20 parallel identical retries on an existing stream (the batched path): one event', async () => {
      await append(http(), 'idem-known', 'shop-1').expect(200);
      const responses = await Promise.all(Array.from({ length: 20 }, () => keyed('idem-known', 'retry-2')));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const stored = await storedEvents('idem-known');
      expect(stored).toHaveLength(2);
      expect(new Set(responses.map((response) => jsonBody(response)))).toEqual(new Set([stored[1].id]));
    });

    it('distinct keys in parallel each append once, gapless; repeating all of them appends nothing', async () => {
      await append(http(), 'idem-many', 'shop-1').expect(200);
      const keys = Array.from({ length: 30 }, (_, i) => `k-${i}`);
      const first = await Promise.all(keys.map((key) => keyed('idem-many', key).expect(200)));
      const again = await Promise.all(keys.map((key) => keyed('idem-many', key).expect(200)));
      expect(again.map((response) => jsonBody(response))).toEqual(first.map((response) => jsonBody(response)));
      const stored = await storedEvents('idem-many');
      expect(stored.map((event) => event.sequence)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    });

    it('a later repeat answers the first id with 200 and stores nothing; another stream is another key space', async () => {
      const first = jsonBody(await keyed('idem-later', 'order-42').expect(200));
      const repeat = await keyed('idem-later', 'order-42').expect(200);
      expect(jsonBody(repeat)).toBe(first);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(await storedEvents('idem-later')).toHaveLength(1);
      const elsewhere = jsonBody(await keyed('idem-later-2', 'order-42').expect(200));
      expect(elsewhere).not.toBe(first);
    });

    it('the same key with a different body: 422, nothing stored', async () => {
      await keyed('idem-mismatch', 'k').expect(200);
      const response = await keyed('idem-mismatch', 'k', envelope({ payload: { other: true } })).expect(422);
      expect(jsonBody(response)).toBe('Unprocessable Entity - Idempotency-Key: was already used for a different request to this stream');
      expect(await storedEvents('idem-mismatch')).toHaveLength(1);
    });

    it('a key past its retention (24 h) is forgotten: the append is written again, and the purge drops old keys', async () => {
      const first = jsonBody(await keyed('idem-expiry', 'old').expect(200));
      const dayAndMore = new Date(Date.now() - 25 * 3_600_000);
      await testApp.sql('UPDATE event_idempotency_keys SET created_at = $1 WHERE stream = $2', [
        testApp.databaseUrl.startsWith('postgres') ? dayAndMore : dayAndMore.toISOString().replace('T', ' ').replace('Z', ''),
        'idem-expiry',
      ]);
      const second = jsonBody(await keyed('idem-expiry', 'old').expect(200));
      expect(second).not.toBe(first);
      expect(await storedEvents('idem-expiry')).toHaveLength(2);
      // Within the retention, the new one is remembered.
      expect(jsonBody(await keyed('idem-expiry', 'old').expect(200))).toBe(second);

      await keyed('idem-expiry', 'to-purge').expect(200);
      await testApp.sql('UPDATE event_idempotency_keys SET created_at = $1 WHERE idempotency_key = $2', [
        testApp.databaseUrl.startsWith('postgres') ? dayAndMore : dayAndMore.toISOString().replace('T', ' ').replace('Z', ''),
        'to-purge',
      ]);
      const { EventsService } = await import('../../src/events/events.service.js');
      await testApp.app.get(EventsService).purgeExpiredKeys();
      const left = await testApp.sql<{ idempotency_key: string }>('SELECT idempotency_key FROM event_idempotency_keys WHERE stream = $1', [
        'idem-expiry',
      ]);
      expect(left.map((row) => row.idempotency_key)).toEqual(['old']);
    });

    it.each([[''], ['x'.repeat(256)], ['has space'], ['é']])('refuses the key %j with 400, storing nothing', async (key) => {
      const response = await keyed('idem-bad', key).expect(400);
      expect(jsonBody(response)).toBe('Bad Request - Idempotency-Key: must be 1 to 255 visible ASCII characters');
      expect(await storedEvents('idem-bad')).toHaveLength(0);
    });
  });

  describe('X-Expected-Sequence', () => {
    it('10 producers expecting the same sequence: one 200, nine 409 naming where the stream is', async () => {
      await append(http(), 'cond-race', 'shop-1').expect(200);
      const responses = await Promise.all(Array.from({ length: 10 }, () => expecting('cond-race', '1')));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(409)]);
      for (const response of responses.filter((candidate) => candidate.status === 409)) {
        expect(jsonBody(response)).toBe('Conflict - expected sequence 1, stream is at 2');
      }
      expect((await storedEvents('cond-race')).map((event) => event.sequence)).toEqual([1, 2]);
    });

    it('0 for a name never written: the first wins, creating the stream too; then the next sequence', async () => {
      const responses = await Promise.all(Array.from({ length: 5 }, () => expecting('cond-new', '0')));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409]);
      await expecting('cond-new', '1').expect(200);
      const stale = await expecting('cond-new', '1').expect(409);
      expect(jsonBody(stale)).toBe('Conflict - expected sequence 1, stream is at 2');
      // Another event name counts on its own.
      await expecting('cond-new', '0', envelope({ event: { name: 'OrderPaid', version: 1 } })).expect(200);
      expect(await storedEvents('cond-new')).toHaveLength(3);
    });

    it('a retry of a conditional append that succeeded, with its key, answers its id (not 409)', async () => {
      await append(http(), 'cond-keyed', 'shop-1').expect(200);
      const first = await expecting('cond-keyed', '1').set('Idempotency-Key', 'c-1').expect(200);
      const retry = await expecting('cond-keyed', '1').set('Idempotency-Key', 'c-1').expect(200);
      expect(jsonBody(retry)).toBe(jsonBody(first));
      expect(await storedEvents('cond-keyed')).toHaveLength(2);
    });

    it.each([['1e2'], ['0x10'], ['5 5'], ['-1'], ['1.0'], ['+1']])('refuses %j with 400, storing nothing', async (value) => {
      const response = await expecting('cond-bad', value).expect(400);
      expect(jsonBody(response)).toBe('Bad Request - X-Expected-Sequence: must be an integer from 0 to 9007199254740991');
      expect(await storedEvents('cond-bad')).toHaveLength(0);
    });
  });
});

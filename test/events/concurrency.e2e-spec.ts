import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { acknowledge, alice, append, consume, envelope, jsonBody } from './events-helpers.js';

interface Delivered {
  event: { id: string; sequence: number };
}

/**
 * The guarantees that only show under races, proven on both databases: PostgreSQL's concurrent
 * writers, and SQLite's one queue of transactions (where a write outside it would break them).
 */
describe('events under concurrency', () => {
  let testApp: TestApp;
  const http = () => testApp.http();

  /** A second app on the same database, for the readers of the ordering test. */
  let readerApp: TestApp | undefined;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
  });
  afterAll(async () => {
    await readerApp?.stop();
    await testApp.close();
  });

  it('single writer: of 20 producers creating one stream at once, exactly one wins', async () => {
    const producers = Array.from({ length: 20 }, (_, i) => `producer-${i}`);
    const responses = await Promise.all(producers.map((producer) => append(http(), 'race', producer)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(423)]);
    for (const response of responses.filter((r) => r.status === 423)) {
      expect(jsonBody(response)).toBe('Locked - Second writers not allowed');
    }
    const winner = producers[responses.findIndex((response) => response.status === 200)];

    const events = jsonBody(await consume(http(), 'race', 'auditor').expect(200)) as Delivered[];
    expect(events).toHaveLength(1);
    const streams = jsonBody(await http().get('/api/v1/streams').set('Authorization', alice()).expect(200)) as Array<{
      name: string;
      producerId: string;
      events: number;
    }>;
    expect(streams.find((stream) => stream.name === 'race')).toMatchObject({ producerId: winner, events: 1 });
  });

  it('one producer racing itself to create a stream gets every event in', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => append(http(), 'self-race', 'solo')));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const events = jsonBody(await consume(http(), 'self-race', 'auditor').expect(200)) as Delivered[];
    expect(events.map((e) => e.event.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gapless, commit-ordered sequences: 200 parallel appends while a consumer polls and ACKs', async () => {
    // The readers run in a second app on the same database, as another process would: in the
    // appending app their queries would queue behind the 200 appends for a pool connection and
    // mostly run after them, when there is no race left to see.
    readerApp = await createTestApp({ processors: false, shareStorageWith: testApp });
    const reader = () => (readerApp as TestApp).http();
    await append(http(), 'ordered', 'shop-1', envelope({ event: { name: 'Warmup', version: 1 } })).expect(200);
    const total = 200;
    const seen: number[] = [];
    let appendsDone = false;

    // The consumer reads past its offset and ACKs the last event of each page; a sequence
    // committed after a higher one was read would be skipped for ever, so any skip shows here.
    const consumer = (async () => {
      const deadline = Date.now() + 45_000;
      while (seen.length < total && Date.now() < deadline) {
        const page = jsonBody(
          await consume(reader(), 'ordered', 'follower', { eventName: 'OrderPlaced', limit: 37 }).expect(200),
        ) as Delivered[];
        if (page.length === 0) {
          if (appendsDone && seen.length < total) {
            // Nothing left to read although appends finished: read once more, then give up.
            const last = jsonBody(
              await consume(reader(), 'ordered', 'follower', { eventName: 'OrderPlaced', limit: 37 }).expect(200),
            ) as Delivered[];
            if (last.length === 0) break;
            seen.push(...last.map((e) => e.event.sequence));
            await acknowledge(reader(), 'ordered', last[last.length - 1].event.id, 'follower').expect(200);
          }
          continue;
        }
        seen.push(...page.map((e) => e.event.sequence));
        await acknowledge(reader(), 'ordered', page[page.length - 1].event.id, 'follower').expect(200);
      }
    })();

    // Readers that never ACK: every read must be exactly 1..n, a prefix with no hole. A hole is an
    // event committed after a later one, which the offset above would skip.
    const holes: number[][] = [];
    let prefixReads = 0;
    const prefixReaders = Array.from({ length: 3 }, async (_, index) => {
      while (!appendsDone) {
        const page = jsonBody(
          await consume(reader(), 'ordered', `prefix-${index}`, { eventName: 'OrderPlaced', limit: 1000 }).expect(200),
        ) as Delivered[];
        const sequences = page.map((e) => e.event.sequence);
        prefixReads += 1;
        if (sequences.some((sequence, i) => sequence !== i + 1)) holes.push(sequences);
      }
    });

    const responses = await Promise.all(
      Array.from({ length: total }, (_, i) => append(http(), 'ordered', 'shop-1', envelope({ payload: { n: i } }))),
    );
    appendsDone = true;
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await Promise.all([consumer, ...prefixReaders]);
    expect(prefixReads).toBeGreaterThan(0);
    expect(holes).toEqual([]);

    const expected = Array.from({ length: total }, (_, i) => i + 1);
    expect(seen).toEqual(expected);
    const all = jsonBody(
      await consume(reader(), 'ordered', 'fresh-reader', { eventName: 'OrderPlaced', limit: 1000 }).expect(200),
    ) as Delivered[];
    expect(all.map((e) => e.event.sequence)).toEqual(expected);
    expect(new Set(all.map((e) => e.event.id)).size).toBe(total);
    expect(new Set(all.map((e) => e.event.id))).toEqual(new Set(responses.map((response) => JSON.parse(response.text))));
  });

  it('parallel ACKs never move an offset backwards', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) ids.push(jsonBody(await append(http(), 'acks', 'shop-1').expect(200)) as string);
    const shuffled = [...ids].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(shuffled.map((id) => acknowledge(http(), 'acks', id, 'billing')));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(jsonBody(await consume(http(), 'acks', 'billing').expect(200))).toEqual([]);

    // Late, lower ACKs racing each other change nothing.
    await Promise.all(ids.slice(0, 20).map((id) => acknowledge(http(), 'acks', id, 'billing').expect(200)));
    const positions = jsonBody(await http().get('/api/v1/streams/acks/consumers').set('Authorization', alice()).expect(200));
    expect(positions).toEqual([expect.objectContaining({ consumerId: 'billing', offset: 40, behind: 0 })]);
  });
});

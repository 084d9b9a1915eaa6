import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import type { AppendedEvent, EventToAppend } from '../../src/events/event-envelope.js';
import { EventAppendBatcher } from '../../src/events/event-append.batcher.js';
import { isSqliteRun, onPostgresOnly } from '../helpers/sql.js';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { append } from './events-helpers.js';

function envelopeOf(name: string, payload: Record<string, unknown> = {}): EventToAppend {
  return {
    name,
    version: 1,
    system: JSON.stringify({ id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' }),
    trigger: JSON.stringify({ type: 'system', name: '/path/to/script.php' }),
    payload: JSON.stringify(payload),
  };
}

/**
 * Group commit: appends submitted in one turn of the event loop share one batch (one statement on
 * PostgreSQL, one transaction on SQLite, one commit). What a batch must keep of the single append,
 * proven against the database.
 */
describe('batched appends', () => {
  let testApp: TestApp;
  let batches: { append: (stream: string, event: EventToAppend) => Promise<AppendedEvent> };
  let dataSource: DataSource;

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false });
    const batcher = testApp.app.get(EventAppendBatcher);
    // Appends without an Idempotency-Key: each one answers its own event.
    batches = {
      append: async (stream: string, event: EventToAppend) => {
        const outcome = await batcher.append(stream, event);
        if (!('appended' in outcome)) throw new Error('an append without a key answered a remembered key');
        return outcome.appended;
      },
    };
    dataSource = testApp.app.get(DataSource);
  });
  afterAll(() => testApp.close());

  /** Creates the streams over HTTP: a batch only ever appends to streams that exist. */
  async function createStreams(...streams: string[]): Promise<void> {
    for (const stream of streams) await append(testApp.http(), stream, 'batcher').expect(200);
  }

  /** Waits until `count` sessions of the test database wait for a lock. */
  async function waitForLockWaits(count: number): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const [{ waiting }] = await dataSource.query(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (waiting >= count) return;
      await sleep(25);
    }
    throw new Error(`no ${count} sessions waiting for a lock after 5 s`);
  }

  async function storedSequences(stream: string, name: string): Promise<Array<{ id: string; sequence: number }>> {
    return testApp.sql('SELECT id, sequence FROM events WHERE stream = $1 AND event_name = $2 ORDER BY sequence', [stream, name]);
  }

  /**
   * Something validation lets through but the database refuses, standing in for any such case: a
   * CHECK on PostgreSQL; SQLite cannot add one to a table, a trigger refuses the row there instead.
   */
  async function refusePoison(): Promise<() => Promise<unknown>> {
    if (isSqliteRun()) {
      await testApp.sql(`CREATE TRIGGER test_no_poison BEFORE INSERT ON events
        WHEN json_extract(NEW.payload, '$.poison') IS NOT NULL BEGIN SELECT RAISE(ABORT, 'poison'); END`);
      return () => testApp.sql('DROP TRIGGER test_no_poison');
    }
    await testApp.sql(`ALTER TABLE events ADD CONSTRAINT test_no_poison CHECK (NOT (payload::jsonb ? 'poison'))`);
    return () => testApp.sql('ALTER TABLE events DROP CONSTRAINT test_no_poison');
  }

  it('one commit for the appends of a turn; each key counts on, in the order of submission', async () => {
    await createStreams('batch-a', 'batch-b');
    const keys = Array.from({ length: 30 }, (_, i) => ({
      stream: i % 3 === 0 ? 'batch-b' : 'batch-a',
      name: i % 2 === 0 ? 'Even' : 'Odd',
    }));
    const appended = await Promise.all(keys.map(({ stream, name }) => batches.append(stream, envelopeOf(name))));

    for (const stream of ['batch-a', 'batch-b']) {
      for (const name of ['Even', 'Odd']) {
        const submitted = appended.filter((_, i) => keys[i].stream === stream && keys[i].name === name);
        const stored = await storedSequences(stream, name);
        // Sequences 1..n, given in the order the appends were submitted.
        expect(submitted.map((event) => event.sequence)).toEqual(submitted.map((_, i) => i + 1));
        expect(stored).toEqual(submitted.map(({ id, sequence }) => ({ id, sequence })));
      }
    }
    // One statement: every event of the turn carries the batch's one timestamp.
    const [{ instants }] = await testApp.sql(
      "SELECT count(DISTINCT created_at) AS instants FROM events WHERE stream IN ('batch-a', 'batch-b') AND event_name IN ('Even', 'Odd')",
    );
    expect(Number(instants)).toBe(1);
  });

  it('an append the database refuses fails alone; its neighbours commit without a gap', async () => {
    await createStreams('batch-poison');
    const allowPoison = await refusePoison();
    try {
      const outcomes = await Promise.allSettled(
        [{}, {}, { poison: true }, {}, {}].map((payload) => batches.append('batch-poison', envelopeOf('OrderPlaced', payload))),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const stored = await storedSequences('batch-poison', 'OrderPlaced');
      expect(stored.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
      const [{ last_sequence }] = await testApp.sql("SELECT last_sequence FROM event_counters WHERE stream = 'batch-poison'");
      expect(last_sequence).toBe(5);
    } finally {
      await allowPoison();
    }
  });

  const withDeadlockCounts = onPostgresOnly('deadlocks between batches need several connections; SQLite has one writer');
  withDeadlockCounts('batches of several names and streams take stream then counter rows in one order: no deadlock', async () => {
    await createStreams('order-a', 'order-b');
    const [{ deadlocks: before }] = await testApp.sql<{ deadlocks: string }>(
      'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
    );
    // 50 producers appending one event after another over HTTP, as the benchmark: up to four batches
    // overlap on the same rows, batches of one included.
    await Promise.all(
      Array.from({ length: 50 }, async (_, worker) => {
        for (let i = 0; i < 8; i++) {
          await append(testApp.http(), worker % 2 === 0 ? 'order-a' : 'order-b', 'batcher', {
            event: { name: `N${(worker + i) % 3}`, version: 1 },
            system: { id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' },
            trigger: { type: 'system', name: '/path/to/script.php' },
            payload: {},
          }).expect(200);
        }
      }),
    );
    const [{ deadlocks: after }] = await testApp.sql<{ deadlocks: string }>(
      'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
    );
    expect(Number(after) - Number(before)).toBe(0);
    const positions = await testApp.sql<{ p: string }>(
      "SELECT stream_position AS p FROM events WHERE stream = 'order-a' ORDER BY stream_position",
    );
    expect(positions.map((row) => Number(row.p))).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    console.log(`[figure] 400 appends by 50 producers on two streams, three names: ${Number(after) - Number(before)} deadlocks`);
  });

  const withTwoConnections = onPostgresOnly('a deadlock needs two connections holding row locks; SQLite has one writer');
  withTwoConnections('a deadlock with another transaction rolls the batch back and it is written again', async () => {
    await createStreams('deadlock-a', 'deadlock-b');
    // Another transaction (a publishing module's, say) holds deadlock-b's counter row...
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      // The transaction that detects a deadlock is the one aborted; this one looks 30 s later than
      // the batch (1 s), so the batch is always the one rolled back, and must be written again.
      await other.query("SET LOCAL deadlock_timeout = '30s'");
      await other.query("UPDATE event_counters SET last_event_at = last_event_at WHERE stream = 'deadlock-b'");
      // ...while a batch takes deadlock-a's and waits for deadlock-b's...
      const batch = Promise.all(['deadlock-a', 'deadlock-b'].map((stream) => batches.append(stream, envelopeOf('OrderPlaced'))));
      await waitForLockWaits(1);
      // ...then the other transaction wants deadlock-a's: PostgreSQL aborts the batch.
      const otherOutcome = await other.query("UPDATE event_counters SET last_event_at = last_event_at WHERE stream = 'deadlock-a'").then(
        () => 'locked',
        () => 'aborted',
      );
      expect(otherOutcome).toBe('locked');
      await other.commitTransaction();
      const [a, b] = await batch;
      expect([a.sequence, b.sequence]).toEqual([2, 2]);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect((await storedSequences('deadlock-a', 'OrderPlaced')).map((event) => event.sequence)).toEqual([1, 2]);
    expect((await storedSequences('deadlock-b', 'OrderPlaced')).map((event) => event.sequence)).toEqual([1, 2]);
  });
});

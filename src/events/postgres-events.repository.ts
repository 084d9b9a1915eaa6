import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { databaseErrorCode } from '../database/database-errors.js';
import { type PgPool, pgPoolOf } from '../database/pg-pool.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { AppendedEvent } from './event-envelope.js';
import { type BatchOutcome, type BatchedAppend, EventsRepository } from './events.repository.js';

/**
 * The append on PostgreSQL: the stream's position raised (its row locked until commit), then the
 * counter row incremented (locked likewise), and the event inserted with both, in one statement.
 * The counter's insert reads the position's row, so the stream row is always locked first: every
 * write takes its locks in the order keys, stream, counter (data-modifying CTEs otherwise run in
 * whatever order the plan pulls them, and two appends taking the same rows in crossed orders
 * deadlock, a second lost each time to PostgreSQL's deadlock_timeout).
 */
const APPEND_EVENT = `WITH position AS (
     UPDATE event_streams SET last_position = last_position + 1 WHERE name = $1 RETURNING last_position
   ),
   counter AS (
     INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at)
     SELECT $1, $2, 1, $3::timestamptz FROM position
     ON CONFLICT (stream, event_name)
     DO UPDATE SET last_sequence = event_counters.last_sequence + 1, last_event_at = EXCLUDED.last_event_at
     RETURNING last_sequence
   )
   INSERT INTO events (id, stream, event_name, sequence, stream_position, version, system, "trigger", payload, created_at)
   SELECT $4::uuid, $1, $2, counter.last_sequence, position.last_position, $5::integer, $6, $7, $8, $3::timestamptz
   FROM counter, position
   RETURNING sequence, stream_position`;

/**
 * Many appends in one statement, hence one transaction and one commit. The batch's idempotency keys
 * are claimed first (an unexpired one that exists stays, and its append is left out); then the
 * streams of what is left are locked in name order and their positions raised, then each (stream,
 * event name) has its counter row raised once by its number of events, in key order (each step reads
 * the previous one's rows, so the locks are taken in that order, and two batches never take rows in
 * crossed order); its events take the sequences and positions just below the new values, in the
 * order they were submitted (`ord`).
 */
const APPEND_BATCH = `WITH batch AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
       ord integer, id uuid, stream text, event_name text, version integer, idempotency_key text, digest text,
       system text, "trigger" text, payload text)
   ),
   claimed AS (
     INSERT INTO event_idempotency_keys AS k (stream, idempotency_key, event_id, request_digest, created_at)
     SELECT stream, idempotency_key, id, digest, $2::timestamptz FROM batch
     WHERE idempotency_key IS NOT NULL
     ORDER BY stream, idempotency_key
     ON CONFLICT (stream, idempotency_key)
     DO UPDATE SET event_id = EXCLUDED.event_id, request_digest = EXCLUDED.request_digest, created_at = EXCLUDED.created_at
     WHERE k.created_at < $3::timestamptz
     RETURNING event_id
   ),
   accepted AS (
     SELECT b.*,
            row_number() OVER (PARTITION BY b.stream, b.event_name ORDER BY b.ord DESC) - 1 AS later_of_name,
            row_number() OVER (PARTITION BY b.stream ORDER BY b.ord DESC) - 1 AS later_in_stream
     FROM batch b
     WHERE b.idempotency_key IS NULL OR b.id IN (SELECT event_id FROM claimed)
   ),
   added AS (
     SELECT stream, count(*) AS n FROM accepted GROUP BY stream
   ),
   locked AS (
     SELECT s.name FROM event_streams s JOIN added ON added.stream = s.name ORDER BY s.name FOR UPDATE OF s
   ),
   positions AS (
     UPDATE event_streams s SET last_position = s.last_position + added.n
     FROM added JOIN locked ON locked.name = added.stream
     WHERE s.name = added.stream
     RETURNING s.name, s.last_position
   ),
   counters AS (
     INSERT INTO event_counters AS c (stream, event_name, last_sequence, last_event_at)
     SELECT a.stream, a.event_name, count(*), $2::timestamptz FROM accepted a JOIN positions ON positions.name = a.stream
     GROUP BY a.stream, a.event_name
     ORDER BY a.stream, a.event_name
     ON CONFLICT (stream, event_name)
     DO UPDATE SET last_sequence = c.last_sequence + EXCLUDED.last_sequence, last_event_at = EXCLUDED.last_event_at
     RETURNING stream, event_name, last_sequence
   )
   INSERT INTO events (id, stream, event_name, sequence, stream_position, version, system, "trigger", payload, created_at)
   SELECT a.id, a.stream, a.event_name, counters.last_sequence - a.later_of_name, positions.last_position - a.later_in_stream,
          a.version, a.system, a."trigger", a.payload, $2::timestamptz
   FROM accepted a
   JOIN counters ON counters.stream = a.stream AND counters.event_name = a.event_name
   JOIN positions ON positions.name = a.stream
   RETURNING id, sequence, stream_position`;

/** A deadlock with a publishing module's transaction rolls the whole batch back: try it again. */
const DEADLOCK_RETRIES = 3;

type InsertedRow = { id: string; sequence: number; stream_position: number | string };

/** The event store on PostgreSQL: one statement per append, one per batch, no read before a write. */
@Injectable()
export class PostgresEventsRepository extends EventsRepository {
  constructor(@InjectDataSource() dataSource: DataSource, transactions: TransactionRunner) {
    super(dataSource, transactions);
  }

  async insertEvent(manager: EntityManager, append: BatchedAppend): Promise<AppendedEvent> {
    const { event } = append;
    const values = [append.stream, event.name, new Date(), append.id, event.version, event.system, event.trigger, event.payload];
    const rows = await manager.query<Array<{ sequence: number; stream_position: number | string }>>(APPEND_EVENT, values);
    if (rows.length === 0) throw new Error(`stream ${append.stream} has no row to take a position from`);
    return { id: append.id, sequence: rows[0].sequence, position: Number(rows[0].stream_position) };
  }

  /**
   * The batch is one statement in autocommit on a pool connection, as a prepared statement (named):
   * the point of a batch is one round trip and one commit for dozens of appends, and the runner's
   * transaction would add a BEGIN and a COMMIT round trip to each and lose the prepared statement.
   * So it keeps its own retry, of the one conflict a single statement meets (a deadlock with a
   * publishing module's transaction); serialisation failures cannot happen in READ COMMITTED.
   */
  async appendBatch(appends: BatchedAppend[], keysExpiredBefore: Date): Promise<BatchOutcome[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.insertBatch(appends, keysExpiredBefore);
      } catch (error) {
        if (databaseErrorCode(error) === '40P01' && attempt < DEADLOCK_RETRIES) continue;
        throw error;
      }
    }
  }

  /**
   * SQLSTATE classes that blame a statement's data rather than the database: 22 (data exception), 23
   * (integrity constraint), 54 (program limit, e.g. a document nested too deep).
   */
  refusesContent(error: unknown): boolean {
    const code = databaseErrorCode(error);
    return code !== undefined && /^(22|23|54)/.test(code);
  }

  protected execute<T>(text: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    // Without a caller's transaction, a single statement on a pool connection: atomic on its own.
    return (manager ?? this.dataSource.manager).query<T[]>(text, params);
  }

  protected timestamp(at: Date): Date {
    return at;
  }

  protected bytesOf(column: string): string {
    return `octet_length(${column})`;
  }

  private async insertBatch(appends: BatchedAppend[], keysExpiredBefore: Date): Promise<BatchOutcome[]> {
    const { rows } = await this.pgPool().query<InsertedRow>({
      name: 'events.append-batch',
      text: APPEND_BATCH,
      values: [batchDocument(appends), new Date(), keysExpiredBefore],
    });
    const inserted = new Map(rows.map((row) => [row.id, row]));
    const outcomes: BatchOutcome[] = [];
    for (const append of appends) {
      const row = inserted.get(append.id);
      if (row !== undefined) {
        outcomes.push({ appended: { id: append.id, sequence: row.sequence, position: Number(row.stream_position) } });
        continue;
      }
      // Left out only for a remembered key; the batch has committed, so anything else is a bug to find, not a retry.
      const remembered = append.idempotency && (await this.findKey(append.stream, append.idempotency.key));
      if (!remembered) throw new Error(`a batch of ${appends.length} appends did not insert event ${append.id}`);
      outcomes.push({ remembered });
    }
    return outcomes;
  }

  private pgPool(): PgPool {
    const pool = pgPoolOf(this.dataSource);
    if (pool === undefined) throw new Error('the PostgreSQL event store runs on a DataSource without a pg pool');
    return pool;
  }
}

/**
 * The batch as the one JSON document the statement reads: a single string, no array literal to
 * escape, and PostgreSQL parses it once. The blocks travel as JSON strings (their text), so that
 * PostgreSQL never normalises them. `ord` keeps the order of submission.
 */
function batchDocument(appends: BatchedAppend[]): string {
  const rows = appends.map(
    (append, i) =>
      `{"ord":${i},"id":"${append.id}","stream":${JSON.stringify(append.stream)},"event_name":${JSON.stringify(append.event.name)},` +
      `"version":${append.event.version},"idempotency_key":${JSON.stringify(append.idempotency?.key ?? null)},` +
      `"digest":${JSON.stringify(append.idempotency?.digest ?? null)},` +
      `"system":${JSON.stringify(append.event.system)},"trigger":${JSON.stringify(append.event.trigger)},"payload":${JSON.stringify(append.event.payload)}}`,
  );
  return `[${rows.join(',')}]`;
}

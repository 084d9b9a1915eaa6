import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MicroBatcher } from '../common/batching/micro-batcher.js';
import { databaseErrorCode } from '../database/database-errors.js';
import type { AppendedEvent, EventEnvelope } from './events.service.js';

/** One append waiting for its batch. */
interface PendingAppend {
  id: string;
  stream: string;
  envelope: EventEnvelope;
  /** The envelope's blocks as JSON text, computed once: they size the batch, then fill it. */
  system: string;
  trigger: string;
  payload: string;
}

/** What a batch answers each of its appends: its event, or the error that refused it alone. */
type AppendOutcome = { appended: AppendedEvent } | { error: unknown };

/** The slice of node-postgres' pool this class uses. */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<{ id: string; sequence: number }> }>;
}

/**
 * Many appends in one statement, hence one transaction and one commit. Each (stream, event name) of
 * the batch has its counter row raised once by its number of events (taken in key order, so two
 * batches never lock rows in crossed order), and its events take the sequences just below the new
 * value, in the order they were submitted. `later` is how many events of the same key follow the row
 * in the batch.
 */
const APPEND_BATCH_PG = `WITH batch AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
       id uuid, stream text, event_name text, version integer, later integer, system jsonb, "trigger" jsonb, payload jsonb)
   ),
   counters AS (
     INSERT INTO event_counters AS c (stream, event_name, last_sequence, last_event_at)
     SELECT stream, event_name, count(*), $2::timestamptz FROM batch
     GROUP BY stream, event_name
     ORDER BY stream, event_name
     ON CONFLICT (stream, event_name)
     DO UPDATE SET last_sequence = c.last_sequence + EXCLUDED.last_sequence, last_event_at = EXCLUDED.last_event_at
     RETURNING stream, event_name, last_sequence
   )
   INSERT INTO events (id, stream, event_name, sequence, version, system, "trigger", payload, created_at)
   SELECT b.id, b.stream, b.event_name, counters.last_sequence - b.later, b.version, b.system, b."trigger", b.payload, $2::timestamptz
   FROM batch b JOIN counters ON counters.stream = b.stream AND counters.event_name = b.event_name
   RETURNING id, sequence`;

/**
 * Enough to amortise a commit and a round trip; bounded in size too (characters of JSON), as one
 * envelope may weigh up to 1 MiB.
 */
const MAX_BATCH = 500;
const MAX_BATCH_JSON_LENGTH = 4 * 1024 * 1024;
/**
 * Batches in flight at once, each on its own pool connection: one batch waiting on a row lock (a
 * publishing module's transaction holds its counter row until it commits) does not hold back the
 * appends of every other stream, and the commits of overlapping batches share WAL flushes.
 */
const CONCURRENT_BATCHES = 4;
/** A deadlock with a publishing module's transaction rolls the whole batch back: try it again. */
const DEADLOCK_RETRIES = 3;

/**
 * Group commit of HTTP appends to existing streams on PostgreSQL. Appends arriving while batches are
 * being written are gathered into the next one, so under load one statement and one commit serve
 * dozens of appends: the per-append costs that bounded the store (a round trip, a socket write on
 * each side, a commit and its WAL flush) are paid once per batch. A lone append still goes at once.
 *
 * Every guarantee of the single append holds: the counter rows are locked until the batch commits,
 * so sequences stay gapless and in commit order, and a batch commits or rolls back whole. An append
 * that the database refuses for its own content (it cannot happen after validation, but a batch
 * must not fail for one bad neighbour) is retried alone, so only it fails.
 */
@Injectable()
export class BatchedAppends {
  private readonly logger = new Logger(BatchedAppends.name);
  private readonly batcher = new MicroBatcher<PendingAppend, AppendOutcome>((appends) => this.write(appends), {
    maxBatch: MAX_BATCH,
    concurrency: CONCURRENT_BATCHES,
    weigh: (append) => append.system.length + append.trigger.length + append.payload.length,
    maxWeight: MAX_BATCH_JSON_LENGTH,
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends to a stream that exists, in the next batch; resolves once that batch committed. */
  async append(stream: string, envelope: EventEnvelope): Promise<AppendedEvent> {
    const outcome = await this.batcher.submit({
      id: randomUUID(),
      stream,
      envelope,
      system: JSON.stringify(envelope.system),
      trigger: JSON.stringify(envelope.trigger),
      payload: JSON.stringify(envelope.payload),
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.appended;
  }

  private async write(appends: PendingAppend[]): Promise<AppendOutcome[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.insert(appends);
      } catch (error) {
        const code = databaseErrorCode(error);
        if (code === '40P01' && attempt < DEADLOCK_RETRIES) continue;
        if (appends.length > 1 && refusesContent(code)) return this.writeEachAlone(appends, error);
        throw error;
      }
    }
  }

  private async insert(appends: PendingAppend[]): Promise<AppendOutcome[]> {
    const { rows } = await this.pgPool().query({
      name: 'events.append-batch',
      text: APPEND_BATCH_PG,
      values: [batchDocument(appends), new Date()],
    });
    // One row per append, or the statement broke its contract: fail loudly rather than answer ids
    // without sequences (the batch has committed, so this is a bug to find, not a retry).
    if (rows.length !== appends.length) throw new Error(`a batch of ${appends.length} appends inserted ${rows.length} events`);
    const sequences = new Map(rows.map((row) => [row.id, row.sequence]));
    return appends.map(({ id }) => ({ appended: { id, sequence: sequences.get(id) as number } }));
  }

  private async writeEachAlone(appends: PendingAppend[], cause: unknown): Promise<AppendOutcome[]> {
    this.logger.warn(`a batch of ${appends.length} appends was refused (${String(cause)}); appending each alone`);
    const outcomes: AppendOutcome[] = [];
    for (const append of appends) {
      try {
        outcomes.push(...(await this.write([append])));
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }

  private pgPool(): PgPool {
    return (this.dataSource.driver as unknown as { master: PgPool }).master;
  }
}

/**
 * The batch as the one JSON document the statement reads: a single `JSON.stringify`, no array
 * literal to escape, and PostgreSQL parses it once. `later` counts the events of the same key that
 * follow each one, so sequences keep the order of submission.
 */
function batchDocument(appends: PendingAppend[]): string {
  const keys = appends.map((append) => `${append.stream}\u0000${append.envelope.event.name}`);
  const remaining = new Map<string, number>();
  for (const key of keys) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  const rows = appends.map((append, i) => {
    const later = (remaining.get(keys[i]) as number) - 1;
    remaining.set(keys[i], later);
    return (
      `{"id":"${append.id}","stream":${JSON.stringify(append.stream)},"event_name":${JSON.stringify(append.envelope.event.name)},` +
      `"version":${append.envelope.event.version},"later":${later},` +
      `"system":${append.system},"trigger":${append.trigger},"payload":${append.payload}}`
    );
  });
  return `[${rows.join(',')}]`;
}

/**
 * SQLSTATE classes that blame a statement's data rather than the database: 22 (data exception), 23
 * (integrity constraint), 54 (program limit, e.g. a document nested too deep).
 */
function refusesContent(code: string | undefined): boolean {
  return code !== undefined && /^(22|23|54)/.test(code);
}

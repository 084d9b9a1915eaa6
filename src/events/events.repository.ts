import type { DataSource, EntityManager } from 'typeorm';
import { instantOf } from '../database/column-types.js';
import type { TransactionRunner } from '../database/transaction-runner.js';
import type {
  AppendedEvent,
  ConsumerOffsetRecord,
  EventToAppend,
  IdempotencyClaim,
  RememberedKey,
  StoredEventRecord,
  StreamCounterRecord,
} from './event-envelope.js';

/** One append of a batch (or alone), its id chosen and its JSON blocks as the text to store. */
export interface BatchedAppend {
  id: string;
  stream: string;
  event: EventToAppend;
  idempotency?: IdempotencyClaim;
}

/** What a batch answers each append: its event, or the remembered key another append of it already wrote. */
export type BatchOutcome = { appended: AppendedEvent } | { remembered: RememberedKey };

/** Where an event sits: its name, its sequence in that name, its stream-wide position. */
export interface EventPosition {
  eventName: string;
  sequence: number;
  position: number;
}

/** The figures of `GET /api/v1/stats` the database holds. */
export interface StoreFigures {
  counters: StreamCounterRecord[];
  consumers: Array<ConsumerOffsetRecord & { stream: string }>;
  appendsLastMinute: number;
}

/**
 * Added to the stored JSON's bytes of each event when a page is cut by bytes: what its answer adds
 * around them (names, id, sequence, position, createdAt).
 */
export const EVENT_FRAME_BYTES = 200;

export abstract class EventsRepository {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly transactions: TransactionRunner,
  ) {}

  /**
   * Inserts one event of an existing (or just claimed) stream inside `manager`'s transaction,
   * taking the next sequence of its (stream, event name) and the next position of its stream; the
   * counter and stream rows stay locked until commit. Its idempotency key, if any, is the caller's
   * to claim first (`claimKey`).
   */
  abstract insertEvent(manager: EntityManager, append: BatchedAppend): Promise<AppendedEvent>;

  /**
   * Appends a batch to existing streams in one transaction: all commit, or none. Sequences follow
   * the order of `appends` within each (stream, event name), positions within each stream. An
   * append whose idempotency key is remembered (since `keysExpiredBefore`) writes nothing and answers that key;
   * keys are unique within a batch (the batcher sees to it).
   */
  abstract appendBatch(appends: BatchedAppend[], keysExpiredBefore: Date): Promise<BatchOutcome[]>;

  /** SQL for the bytes of a text column's value (PostgreSQL's `octet_length`, SQLite's blob length). */
  protected abstract bytesOf(column: string): string;

  /** Whether the database refused a statement for its data (not for a conflict or an outage). */
  abstract refusesContent(error: unknown): boolean;

  /** Runs `text` (`$n` placeholders) in `manager`'s transaction, or, without one, as this dialect reads and writes alone. */
  protected abstract execute<T>(text: string, params: unknown[], manager?: EntityManager): Promise<T[]>;

  /** A point in time as this dialect's timestamp columns take it as a parameter. */
  protected abstract timestamp(at: Date): Date | string;

  /** The stream's owner, or undefined while no first event was written to it. */
  async findOwner(stream: string, manager?: EntityManager): Promise<string | undefined> {
    const rows = await this.execute<{ producer_id: string }>('SELECT producer_id FROM event_streams WHERE name = $1', [stream], manager);
    return rows[0]?.producer_id;
  }

  /**
   * Makes `producerId` the owner of a new stream, or finds who already is; answers the owner. On
   * PostgreSQL a racing insert of the same name waits for the first one's transaction: when that
   * commits, ours does nothing and the re-read sees the winner; exactly one producer ever creates it.
   */
  async claimStream(manager: EntityManager, stream: string, producerId: string): Promise<string | undefined> {
    const created = await this.execute<{ producer_id: string }>(
      `INSERT INTO event_streams (name, producer_id, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO NOTHING RETURNING producer_id`,
      [stream, producerId, this.timestamp(new Date())],
      manager,
    );
    if (created.length > 0) return producerId;
    return this.findOwner(stream, manager);
  }

  /**
   * Remembers `claim` for the append of `eventId` inside `manager`'s transaction, or answers the
   * key already remembered. A key older than `expiredBefore` is forgotten: it is taken over. On
   * PostgreSQL a parallel claim of the same key waits for the first one's transaction and then
   * finds its row: of any number of retries, exactly one appends.
   */
  async claimKey(
    manager: EntityManager,
    stream: string,
    claim: IdempotencyClaim,
    eventId: string,
    expiredBefore: Date,
  ): Promise<RememberedKey | undefined> {
    const claimed = await this.execute<{ event_id: string }>(
      `${CLAIM_KEY} RETURNING event_id`,
      [stream, claim.key, eventId, claim.digest, this.timestamp(new Date()), this.timestamp(expiredBefore)],
      manager,
    );
    if (claimed.length > 0) return undefined;
    const remembered = await this.findKey(stream, claim.key, manager);
    // The row cannot vanish between the two statements: the conflict locked it until our commit.
    if (remembered === undefined) throw new Error(`idempotency key of stream ${stream} neither claimed nor found`);
    return remembered;
  }

  /** The event a remembered key answers, expired or not (callers check the age with `claimKey`). */
  async findKey(stream: string, key: string, manager?: EntityManager): Promise<RememberedKey | undefined> {
    const rows = await this.execute<{ event_id: string; request_digest: string }>(
      'SELECT event_id, request_digest FROM event_idempotency_keys WHERE stream = $1 AND idempotency_key = $2',
      [stream, key],
      manager,
    );
    return rows.length === 0 ? undefined : { eventId: rows[0].event_id, digest: rows[0].request_digest };
  }

  /** Forgets the keys remembered before `before`. */
  async purgeKeys(before: Date): Promise<void> {
    await this.execute('DELETE FROM event_idempotency_keys WHERE created_at < $1', [this.timestamp(before)]);
  }

  /**
   * Locks the stream's row until `manager`'s transaction ends: what every append takes before its
   * counter row, so a conditional append (which locks the counter to compare) keeps the same order.
   */
  async lockStream(manager: EntityManager, stream: string): Promise<void> {
    await this.execute('UPDATE event_streams SET last_position = last_position WHERE name = $1', [stream], manager);
  }

  /**
   * The last sequence of (stream, event name), its counter row locked (created at 0 if the name is
   * new) until `manager`'s transaction ends: a conditional append compares and appends atomically.
   */
  async lockedLastSequence(manager: EntityManager, stream: string, eventName: string): Promise<number> {
    const rows = await this.execute<{ last_sequence: number }>(
      `INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (stream, event_name) DO UPDATE SET last_sequence = event_counters.last_sequence
       RETURNING last_sequence`,
      [stream, eventName, this.timestamp(new Date())],
      manager,
    );
    return Number(rows[0].last_sequence);
  }

  /** The last sequence of (stream, event name), 0 when none was written. */
  async lastSequence(stream: string, eventName: string): Promise<number> {
    const rows = await this.execute<{ last_sequence: number }>(
      'SELECT last_sequence FROM event_counters WHERE stream = $1 AND event_name = $2',
      [stream, eventName],
    );
    return Number(rows[0]?.last_sequence ?? 0);
  }

  /**
   * Up to `limit` events of `eventName` past the consumer's offset, ascending, cut after `maxBytes`
   * (the first one always comes). The cut is made in the database: a page of large events is not
   * read into memory whole.
   */
  async eventsPastOffset(
    stream: string,
    eventName: string,
    consumerId: string,
    limit: number,
    maxBytes: number,
  ): Promise<StoredEventRecord[]> {
    return this.page(
      `stream = $1 AND event_name = $2 AND sequence > COALESCE(
         (SELECT acknowledged_sequence FROM event_consumer_offsets
          WHERE consumer_id = $3 AND stream = $1 AND event_name = $2), 0)`,
      'sequence',
      [stream, eventName, consumerId],
      limit,
      maxBytes,
    );
  }

  /** Up to `limit` events of `eventName` past sequence `after`, ascending, cut after `maxBytes` (a subscription's reads). */
  async eventsAfterSequence(
    stream: string,
    eventName: string,
    after: number,
    limit: number,
    maxBytes: number,
  ): Promise<StoredEventRecord[]> {
    return this.page('stream = $1 AND event_name = $2 AND sequence > $3', 'sequence', [stream, eventName, after], limit, maxBytes);
  }

  /** Up to `limit` events of every name of the stream past stream position `after`, in commit order, cut after `maxBytes`. */
  async eventsAfterPosition(stream: string, after: number, limit: number, maxBytes: number): Promise<StoredEventRecord[]> {
    return this.page('stream = $1 AND stream_position > $2', 'stream_position', [stream, after], limit, maxBytes);
  }

  /** One event of the stream by id. */
  async findEvent(stream: string, eventId: string): Promise<StoredEventRecord | undefined> {
    const rows = await this.execute<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = $1 AND stream = $2`, [eventId, stream]);
    return rows.length === 0 ? undefined : toStoredEvent(rows[0]);
  }

  /**
   * A page of events matching `where` (its parameters `params`) in `order`: at most `limit`, and no
   * more than `maxBytes` of them once the first is counted.
   */
  private async page(where: string, order: string, params: unknown[], limit: number, maxBytes: number): Promise<StoredEventRecord[]> {
    const size = `${this.bytesOf('system')} + ${this.bytesOf('"trigger"')} + ${this.bytesOf('payload')} + ${EVENT_FRAME_BYTES}`;
    const limitAt = params.length + 1;
    const rows = await this.execute<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM (
         SELECT ${EVENT_COLUMNS},
                sum(${size}) OVER (ORDER BY ${order}) AS running_bytes,
                row_number() OVER (ORDER BY ${order}) AS n
           FROM (SELECT * FROM events WHERE ${where} ORDER BY ${order} LIMIT $${limitAt}) AS candidates
       ) AS sized
       WHERE n = 1 OR running_bytes <= $${limitAt + 1}
       ORDER BY ${order}`,
      [...params, limit, maxBytes],
    );
    return rows.map(toStoredEvent);
  }

  async findEventPosition(stream: string, eventId: string): Promise<EventPosition | undefined> {
    const rows = await this.execute<{ event_name: string; sequence: number; stream_position: number }>(
      'SELECT event_name, sequence, stream_position FROM events WHERE id = $1 AND stream = $2',
      [eventId, stream],
    );
    if (rows.length === 0) return undefined;
    return { eventName: rows[0].event_name, sequence: Number(rows[0].sequence), position: Number(rows[0].stream_position) };
  }

  /** Sets the consumer's offset on an event name to `sequence`, whatever it was (seek, rewind, skip). */
  async setOffset(consumerId: string, stream: string, eventName: string, sequence: number): Promise<void> {
    await this.execute(
      `INSERT INTO event_consumer_offsets (consumer_id, stream, event_name, acknowledged_sequence, moved_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer_id, stream, event_name)
       DO UPDATE SET acknowledged_sequence = excluded.acknowledged_sequence, moved_at = excluded.moved_at`,
      [consumerId, stream, eventName, sequence, this.timestamp(new Date())],
    );
  }

  /** The consumer's offset on (stream, event name), 0 before its first ACK. */
  async offsetOf(consumerId: string, stream: string, eventName: string): Promise<number> {
    const rows = await this.execute<{ acknowledged_sequence: number }>(
      'SELECT acknowledged_sequence FROM event_consumer_offsets WHERE consumer_id = $1 AND stream = $2 AND event_name = $3',
      [consumerId, stream, eventName],
    );
    return Number(rows[0]?.acknowledged_sequence ?? 0);
  }

  /**
   * Moves the consumer's offset to `sequence` only if that is higher, in one conditional upsert,
   * so parallel acknowledgements can never lower it.
   */
  async advanceOffset(consumerId: string, stream: string, position: EventPosition): Promise<void> {
    await this.execute(
      `INSERT INTO event_consumer_offsets (consumer_id, stream, event_name, acknowledged_sequence, moved_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consumer_id, stream, event_name)
       DO UPDATE SET acknowledged_sequence = excluded.acknowledged_sequence, moved_at = excluded.moved_at
       WHERE event_consumer_offsets.acknowledged_sequence < excluded.acknowledged_sequence`,
      [consumerId, stream, position.eventName, position.sequence, this.timestamp(new Date())],
    );
  }

  /** Every stream with each of its counters (one row with `eventName` null for a stream without), by name. */
  async streamCounters(): Promise<StreamCounterRecord[]> {
    const rows = await this.execute<{
      name: string;
      producer_id: string;
      event_name: string | null;
      last_sequence: number | null;
      last_event_at: Date | string | null;
    }>(
      `SELECT s.name, s.producer_id, c.event_name, c.last_sequence, c.last_event_at
       FROM event_streams s LEFT JOIN event_counters c ON c.stream = s.name
       ORDER BY s.name, c.event_name`,
      [],
    );
    return rows.map((row) => ({
      stream: row.name,
      producerId: row.producer_id,
      eventName: row.event_name,
      lastSequence: Number(row.last_sequence ?? 0),
      lastEventAt: row.last_event_at === null ? null : instantOf(row.last_event_at),
    }));
  }

  /** Each consumer's offset per event name of the stream, by consumer then name. */
  async consumerOffsets(stream: string): Promise<ConsumerOffsetRecord[]> {
    const rows = await this.execute<{
      consumer_id: string;
      event_name: string;
      acknowledged_sequence: number;
      last_sequence: number;
      moved_at: Date | string;
    }>(
      `SELECT o.consumer_id, o.event_name, o.acknowledged_sequence, c.last_sequence, o.moved_at
       FROM event_consumer_offsets o
       JOIN event_counters c ON c.stream = o.stream AND c.event_name = o.event_name
       WHERE o.stream = $1
       ORDER BY o.consumer_id, o.event_name`,
      [stream],
    );
    return rows.map((row) => ({
      consumerId: row.consumer_id,
      eventName: row.event_name,
      acknowledgedSequence: Number(row.acknowledged_sequence),
      lastSequence: Number(row.last_sequence),
      movedAt: instantOf(row.moved_at),
    }));
  }

  /** Every counter, every consumer offset, and the appends of the last minute, read outside the queue of transactions. */
  async storeFigures(now: Date): Promise<StoreFigures> {
    const counters = await this.streamCounters();
    const consumers = await this.dataSource.query<
      Array<{
        stream: string;
        consumer_id: string;
        event_name: string;
        acknowledged_sequence: number;
        last_sequence: number;
        moved_at: Date | string;
      }>
    >(
      `SELECT o.stream, o.consumer_id, o.event_name, o.acknowledged_sequence, c.last_sequence, o.moved_at
         FROM event_consumer_offsets o
         JOIN event_counters c ON c.stream = o.stream AND c.event_name = o.event_name
        ORDER BY o.stream, o.consumer_id, o.event_name`,
    );
    const appendsLastMinute = await this.appendsSince(new Date(now.getTime() - 60_000));
    return {
      counters,
      consumers: consumers.map((row) => ({
        stream: row.stream,
        consumerId: row.consumer_id,
        eventName: row.event_name,
        acknowledgedSequence: Number(row.acknowledged_sequence),
        lastSequence: Number(row.last_sequence),
        movedAt: instantOf(row.moved_at),
      })),
      appendsLastMinute,
    };
  }

  /** Events committed since `at` (through the index on created_at). */
  async appendsSince(at: Date): Promise<number> {
    const [row] = await this.execute<{ appends: number | string }>('SELECT count(*) AS appends FROM events WHERE created_at >= $1', [
      this.timestamp(at),
    ]);
    return Number(row?.appends ?? 0);
  }

  /** Streams created. */
  async streamCount(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ streams: number | string }>>('SELECT count(*) AS streams FROM event_streams');
    return Number(row?.streams ?? 0);
  }

  // The metrics' reads: figures at scrape time, read outside any queue of transactions (a scrape must
  // not wait behind the writers; a figure read a moment early is still a true one).

  /** Events appended in all (sequences are gapless from 1: the sum of the counters). */
  async appendedTotal(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ total: string | number | null }>>(
      'SELECT SUM(last_sequence) AS total FROM event_counters',
    );
    return Number(row?.total ?? 0);
  }

  /** The last sequence of the `limit` (stream, event name) keys most recently appended to. */
  async headSequences(limit: number): Promise<Array<{ stream: string; eventName: string; lastSequence: number }>> {
    const rows = await this.dataSource.query<Array<{ stream: string; event_name: string; last_sequence: number }>>(
      `SELECT stream, event_name, last_sequence FROM event_counters ORDER BY last_event_at DESC LIMIT ${Number(limit)}`,
    );
    return rows.map((row) => ({ stream: row.stream, eventName: row.event_name, lastSequence: Number(row.last_sequence) }));
  }

  /** The `limit` largest counts of events consumers have not acknowledged yet. */
  async consumerLags(limit: number): Promise<Array<{ stream: string; eventName: string; consumerId: string; lag: number }>> {
    const rows = await this.dataSource.query<Array<{ stream: string; event_name: string; consumer_id: string; lag: number }>>(
      `SELECT o.stream, o.event_name, o.consumer_id, c.last_sequence - o.acknowledged_sequence AS lag
         FROM event_consumer_offsets o
         JOIN event_counters c ON c.stream = o.stream AND c.event_name = o.event_name
        ORDER BY lag DESC LIMIT ${Number(limit)}`,
    );
    return rows.map((row) => ({ stream: row.stream, eventName: row.event_name, consumerId: row.consumer_id, lag: Number(row.lag) }));
  }
}

/** For each append, how many appends of the same (stream, event name) follow it in the batch. */
export function laterOfSameKey(appends: BatchedAppend[]): number[] {
  return laterOf(appends.map((append) => `${append.stream}\u0000${append.event.name}`));
}

/** For each append, how many appends of the same stream follow it in the batch (its position's distance from the stream's new last). */
export function laterInStream(appends: BatchedAppend[]): number[] {
  return laterOf(appends.map((append) => append.stream));
}

function laterOf(keys: string[]): number[] {
  const remaining = new Map<string, number>();
  for (const key of keys) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  return keys.map((key) => {
    const later = (remaining.get(key) as number) - 1;
    remaining.set(key, later);
    return later;
  });
}

/** Takes over a key only once it expired (`$6`): an unexpired one stays, and the statement returns no row. */
const CLAIM_KEY = `INSERT INTO event_idempotency_keys (stream, idempotency_key, event_id, request_digest, created_at)
   VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (stream, idempotency_key)
   DO UPDATE SET event_id = excluded.event_id, request_digest = excluded.request_digest, created_at = excluded.created_at
   WHERE event_idempotency_keys.created_at < $6`;

const EVENT_COLUMNS = 'id, event_name, sequence, stream_position, version, system, "trigger", payload, created_at';

interface EventRow {
  id: string;
  event_name: string;
  sequence: number;
  stream_position: number | string;
  version: number;
  system: string;
  trigger: string;
  payload: string;
  created_at: Date | string;
}

function toStoredEvent(row: EventRow): StoredEventRecord {
  return {
    id: row.id,
    eventName: row.event_name,
    sequence: Number(row.sequence),
    position: Number(row.stream_position),
    version: Number(row.version),
    system: row.system,
    trigger: row.trigger,
    payload: row.payload,
    createdAt: instantOf(row.created_at),
  };
}

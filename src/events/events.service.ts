import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, DateUtils, EntityManager } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import { isPostgres } from '../database/column-types.js';
import { BatchedAppends } from './batched-appends.js';
import { EventArrivals } from './event-arrivals.js';
import { SECOND_WRITER_MESSAGE } from './event-rules.js';

/** What an append stores besides the server-assigned id and sequence. */
export interface EventEnvelope {
  event: { name: string; version: number };
  system: Record<string, unknown>;
  trigger: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** An event as consumers receive it. */
export interface DeliveredEvent {
  event: { name: string; version: number; id: string; sequence: number };
  system: Record<string, unknown>;
  trigger: Record<string, unknown>;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface AppendedEvent {
  id: string;
  sequence: number;
}

export interface StreamSummary {
  name: string;
  producerId: string;
  events: number;
  eventNames: string[];
  lastEventAt: string | null;
}

export interface ConsumerPosition {
  consumerId: string;
  eventName: string;
  offset: number;
  behind: number;
  movedAt: string;
}

/**
 * The append on PostgreSQL: the counter row is incremented (and locked until commit) and the event
 * inserted with that sequence, in one statement.
 */
const APPEND_EVENT_PG = `WITH counter AS (
     INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at)
     VALUES ($1, $2, 1, $3::timestamptz)
     ON CONFLICT (stream, event_name)
     DO UPDATE SET last_sequence = event_counters.last_sequence + 1, last_event_at = EXCLUDED.last_event_at
     RETURNING last_sequence
   )
   INSERT INTO events (id, stream, event_name, sequence, version, system, "trigger", payload, created_at)
   SELECT $4::uuid, $1, $2, counter.last_sequence, $5::integer, $6::jsonb, $7::jsonb, $8::jsonb, $3::timestamptz
   FROM counter
   RETURNING sequence`;

/** How often a long poll re-reads, for appends this process is not told about. */
const LONG_POLL_REREAD_MS = 250;

/** Owners are immutable once committed, so a bounded in-memory copy is always right. */
const MAX_CACHED_OWNERS = 10_000;

/**
 * The event store: single-writer streams, gapless commit-ordered sequences per (stream, event
 * name), cumulative consumer offsets. Plain SQL on the hot paths: on PostgreSQL an append to a
 * known stream joins a batch of others, one statement and one commit for all (`BatchedAppends`).
 */
@Injectable()
export class EventsService {
  private readonly owners = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly arrivals: EventArrivals,
    private readonly batchedAppends: BatchedAppends,
  ) {}

  /**
   * Appends an envelope to a stream, creating the stream (owned by `producerId`) with its first
   * event. With `manager`, the append joins the caller's transaction and commits with it.
   * Throws 423 when another producer owns the stream.
   */
  async append(stream: string, producerId: string, envelope: EventEnvelope, manager?: EntityManager): Promise<AppendedEvent> {
    const owner = await this.ownerOf(stream, manager);
    if (owner !== undefined && owner !== producerId) throw ApiError.of(423, SECOND_WRITER_MESSAGE);

    const appended = isPostgres
      ? await this.appendOnPostgres(stream, producerId, envelope, owner === undefined, manager)
      : await this.appendOnSqlite(stream, producerId, envelope, manager);
    // Only after our own commit may long polls be woken; a caller's transaction commits later.
    if (manager === undefined) {
      this.arrivals.arrived(stream, envelope.event.name);
      this.remember(stream, producerId);
    }
    return appended;
  }

  private async appendOnPostgres(
    stream: string,
    producerId: string,
    envelope: EventEnvelope,
    streamIsNew: boolean,
    manager?: EntityManager,
  ): Promise<AppendedEvent> {
    // A known stream: one statement, whose counter-row lock lasts until its commit; on its own,
    // the statement joins a batch of others (group commit).
    if (!streamIsNew) return manager ? this.insertEventPg(manager, stream, envelope) : this.batchedAppends.append(stream, envelope);
    const run = (tx: EntityManager) => this.claimThenInsertPg(tx, stream, producerId, envelope);
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Creating a stream and writing its first event commit together, or not at all. */
  private async claimThenInsertPg(tx: EntityManager, stream: string, producerId: string, envelope: EventEnvelope) {
    await this.claim(tx, stream, producerId);
    return this.insertEventPg(tx, stream, envelope);
  }

  /** Inserts one event inside a transaction (the caller's, or a new stream's). */
  private async insertEventPg(tx: EntityManager, stream: string, envelope: EventEnvelope): Promise<AppendedEvent> {
    const id = randomUUID();
    const values = [
      stream,
      envelope.event.name,
      new Date(),
      id,
      envelope.event.version,
      JSON.stringify(envelope.system),
      JSON.stringify(envelope.trigger),
      JSON.stringify(envelope.payload),
    ];
    const rows: Array<{ sequence: number }> = await tx.query(APPEND_EVENT_PG, values);
    return { id, sequence: rows[0].sequence };
  }

  /**
   * SQLite serialises writers and has no data-modifying CTEs: the same steps, one statement each,
   * in a transaction.
   */
  private async appendOnSqlite(stream: string, producerId: string, envelope: EventEnvelope, manager?: EntityManager) {
    const run = async (tx: EntityManager): Promise<AppendedEvent> => {
      await this.claim(tx, stream, producerId);
      const now = sqliteTimestamp(new Date());
      const [counter]: Array<{ last_sequence: number }> = await tx.query(
        `INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (stream, event_name)
         DO UPDATE SET last_sequence = event_counters.last_sequence + 1, last_event_at = excluded.last_event_at
         RETURNING last_sequence`,
        [stream, envelope.event.name, now],
      );
      const id = randomUUID();
      await tx.query(
        `INSERT INTO events (id, stream, event_name, sequence, version, system, "trigger", payload, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          stream,
          envelope.event.name,
          counter.last_sequence,
          envelope.event.version,
          JSON.stringify(envelope.system),
          JSON.stringify(envelope.trigger),
          JSON.stringify(envelope.payload),
          now,
        ],
      );
      return { id, sequence: counter.last_sequence };
    };
    // Without a caller's transaction, a transaction of its own: on SQLite the platform queues
    // transactions (src/database/sqlite-transactions.ts), so they never nest on its one connection.
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Makes `producerId` the owner of a new stream, or finds who already is. On PostgreSQL a racing
   * insert of the same name waits for the first one's transaction: when that commits, ours does
   * nothing and the re-read sees the winner; exactly one producer ever creates the row.
   */
  private async claim(tx: EntityManager, stream: string, producerId: string): Promise<void> {
    const created: Array<{ producer_id: string }> = await tx.query(
      sql(`INSERT INTO event_streams (name, producer_id, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO NOTHING RETURNING producer_id`),
      [stream, producerId, timestampParam(new Date())],
    );
    if (created.length > 0) return;
    const owner = await this.readOwner(tx, stream);
    if (owner !== producerId) throw ApiError.of(423, SECOND_WRITER_MESSAGE);
  }

  /**
   * The stream's owner, or undefined while it does not exist. With a caller's transaction the read
   * goes through it: taking a second pool connection while the caller holds one could exhaust the
   * pool under load (every caller waiting for a connection none will give back). What is read there
   * may be that transaction's own uncommitted row, so it is not kept.
   */
  private async ownerOf(stream: string, manager?: EntityManager): Promise<string | undefined> {
    const cached = this.owners.get(stream);
    if (cached !== undefined) return cached;
    const owner = await this.readOwner(manager ?? this.dataSource.manager, stream);
    // SQLite's one connection would show a caller's uncommitted stream even without `manager`.
    if (owner !== undefined && manager === undefined && isPostgres) this.remember(stream, owner);
    return owner;
  }

  private async readOwner(runner: EntityManager, stream: string): Promise<string | undefined> {
    const rows: Array<{ producer_id: string }> = await runner.query(
      sql('SELECT producer_id FROM event_streams WHERE name = $1'),
      [stream],
    );
    return rows[0]?.producer_id;
  }

  private remember(stream: string, owner: string): void {
    if (this.owners.size >= MAX_CACHED_OWNERS) this.owners.clear();
    this.owners.set(stream, owner);
  }

  /** 404 unless a first event was ever written to the stream. */
  private async requireStream(stream: string): Promise<void> {
    if ((await this.ownerOf(stream)) === undefined) throw ApiError.notFound(`stream ${stream} does not exist`);
  }

  /**
   * Up to `limit` events of `eventName` past this consumer's offset, ascending. With `waitMs`,
   * holds on until at least one is there or the time is up.
   */
  async consume(stream: string, eventName: string, consumerId: string, limit: number, waitMs = 0): Promise<DeliveredEvent[]> {
    await this.requireStream(stream);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const events = await this.readPastOffset(stream, eventName, consumerId, limit);
      const remaining = deadline - Date.now();
      if (events.length > 0 || remaining <= 0 || this.arrivals.isClosing) return events;
      await this.arrivals.next(stream, eventName, Math.min(remaining, LONG_POLL_REREAD_MS));
    }
  }

  private async readPastOffset(stream: string, eventName: string, consumerId: string, limit: number): Promise<DeliveredEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      sql(`SELECT id, event_name, sequence, version, system, "trigger", payload, created_at
           FROM events
           WHERE stream = $1 AND event_name = $2 AND sequence > COALESCE(
             (SELECT acknowledged_sequence FROM event_consumer_offsets
              WHERE consumer_id = $3 AND stream = $1 AND event_name = $2), 0)
           ORDER BY sequence
           LIMIT $4`),
      sqlParams([stream, eventName, consumerId, limit], '$1 $2 $3 $1 $2 $4'),
    );
    return rows.map(toDeliveredEvent);
  }

  /**
   * Cumulative, idempotent, monotonic acknowledgement: the offset moves to the event's sequence
   * only if that is higher, in one conditional upsert, so parallel ACKs can never lower it.
   */
  async acknowledge(stream: string, eventId: string, consumerId: string): Promise<void> {
    await this.requireStream(stream);
    const rows: Array<{ event_name: string; sequence: number }> = await this.dataSource.query(
      sql('SELECT event_name, sequence FROM events WHERE id = $1 AND stream = $2'),
      [eventId, stream],
    );
    if (rows.length === 0) throw ApiError.notFound(`event ${eventId} does not exist in stream ${stream}`);
    const [{ event_name: eventName, sequence }] = rows;
    await this.dataSource.query(
      sql(`INSERT INTO event_consumer_offsets (consumer_id, stream, event_name, acknowledged_sequence, moved_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (consumer_id, stream, event_name)
           DO UPDATE SET acknowledged_sequence = excluded.acknowledged_sequence, moved_at = excluded.moved_at
           WHERE event_consumer_offsets.acknowledged_sequence < excluded.acknowledged_sequence`),
      [consumerId, stream, eventName, sequence, timestampParam(new Date())],
    );
  }

  /** Every stream with its owner, event count, event names and last append. */
  async listStreams(): Promise<StreamSummary[]> {
    const rows: Array<{
      name: string;
      producer_id: string;
      event_name: string | null;
      last_sequence: number | null;
      last_event_at: Date | string | null;
    }> = await this.dataSource.query(
      `SELECT s.name, s.producer_id, c.event_name, c.last_sequence, c.last_event_at
       FROM event_streams s LEFT JOIN event_counters c ON c.stream = s.name
       ORDER BY s.name, c.event_name`,
    );
    const streams = new Map<string, StreamSummary>();
    for (const row of rows) {
      let summary = streams.get(row.name);
      if (!summary) {
        summary = { name: row.name, producerId: row.producer_id, events: 0, eventNames: [], lastEventAt: null };
        streams.set(row.name, summary);
      }
      if (row.event_name === null) continue;
      summary.events += Number(row.last_sequence);
      summary.eventNames.push(row.event_name);
      const at = isoTimestamp(row.last_event_at as Date | string);
      if (summary.lastEventAt === null || at > summary.lastEventAt) summary.lastEventAt = at;
    }
    return [...streams.values()];
  }

  /** Each consumer's offset per event name of the stream, and how many events it has still to ACK. */
  async listConsumers(stream: string): Promise<ConsumerPosition[]> {
    await this.requireStream(stream);
    const rows: Array<{
      consumer_id: string;
      event_name: string;
      acknowledged_sequence: number;
      last_sequence: number;
      moved_at: Date | string;
    }> = await this.dataSource.query(
      sql(`SELECT o.consumer_id, o.event_name, o.acknowledged_sequence, c.last_sequence, o.moved_at
           FROM event_consumer_offsets o
           JOIN event_counters c ON c.stream = o.stream AND c.event_name = o.event_name
           WHERE o.stream = $1
           ORDER BY o.consumer_id, o.event_name`),
      [stream],
    );
    return rows.map((row) => ({
      consumerId: row.consumer_id,
      eventName: row.event_name,
      offset: Number(row.acknowledged_sequence),
      behind: Number(row.last_sequence) - Number(row.acknowledged_sequence),
      movedAt: isoTimestamp(row.moved_at),
    }));
  }
}

interface EventRow {
  id: string;
  event_name: string;
  sequence: number;
  version: number;
  system: Record<string, unknown> | string;
  trigger: Record<string, unknown> | string;
  payload: Record<string, unknown> | string;
  created_at: Date | string;
}

function toDeliveredEvent(row: EventRow): DeliveredEvent {
  return {
    event: { name: row.event_name, version: Number(row.version), id: row.id, sequence: Number(row.sequence) },
    system: json(row.system),
    trigger: json(row.trigger),
    payload: json(row.payload),
    createdAt: isoTimestamp(row.created_at),
  };
}

/** PostgreSQL hands jsonb back parsed; SQLite keeps it as text. */
function json(value: Record<string, unknown> | string): Record<string, unknown> {
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value;
}

/** SQLite's `datetime` columns hold UTC text, as TypeORM writes them for the entities. */
function sqliteTimestamp(date: Date): string {
  return DateUtils.mixedDateToUtcDatetimeString(date) as string;
}

function timestampParam(date: Date): Date | string {
  return isPostgres ? date : sqliteTimestamp(date);
}

function isoTimestamp(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString();
}

/** Statements are written with PostgreSQL's `$n`; SQLite binds `?` in order of appearance. */
function sql(statement: string): string {
  return isPostgres ? statement : statement.replace(/\$\d+/g, '?');
}

/**
 * Parameters for a statement that repeats placeholders: PostgreSQL takes them once by number,
 * SQLite needs one per `?`, in the order `$n` appear (given as `order`).
 */
function sqlParams(values: unknown[], order: string): unknown[] {
  if (isPostgres) return values;
  return order.split(' ').map((placeholder) => values[Number(placeholder.slice(1)) - 1]);
}

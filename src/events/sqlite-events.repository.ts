import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { sqliteInstantText } from '../database/column-types.js';
import { databaseErrorCode } from '../database/database-errors.js';
import { positionalStatement } from '../database/dialect.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { AppendedEvent } from './event-envelope.js';
import { type BatchOutcome, type BatchedAppend, EventsRepository, laterInStream, laterOfSameKey } from './events.repository.js';

const RAISE_COUNTER = `INSERT INTO event_counters (stream, event_name, last_sequence, last_event_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (stream, event_name)
   DO UPDATE SET last_sequence = event_counters.last_sequence + excluded.last_sequence, last_event_at = excluded.last_event_at
   RETURNING last_sequence`;

const RAISE_POSITION = 'UPDATE event_streams SET last_position = last_position + ? WHERE name = ? RETURNING last_position';

const INSERT_EVENT = `INSERT INTO events (id, stream, event_name, sequence, stream_position, version, system, "trigger", payload, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The event store on the embedded SQLite. It has no data-modifying CTEs: an append is the same
 * steps as on PostgreSQL, one statement each, in a transaction. Everything without a caller's
 * transaction goes through the runner, hence the one queue of transactions: a write never lands in
 * another request's open transaction on the one shared connection, and a read never sees one's
 * uncommitted rows (an event its caller is about to roll back).
 */
@Injectable()
export class SqliteEventsRepository extends EventsRepository {
  constructor(@InjectDataSource() dataSource: DataSource, transactions: TransactionRunner) {
    super(dataSource, transactions);
  }

  async insertEvent(manager: EntityManager, append: BatchedAppend): Promise<AppendedEvent> {
    const at = sqliteInstantText(new Date());
    const [counter] = await manager.query<Array<{ last_sequence: number }>>(RAISE_COUNTER, [append.stream, append.event.name, 1, at]);
    const [stream] = await manager.query<Array<{ last_position: number }>>(RAISE_POSITION, [1, append.stream]);
    if (stream === undefined) throw new Error(`stream ${append.stream} has no row to take a position from`);
    await this.insert(manager, append, counter.last_sequence, stream.last_position, at);
    return { id: append.id, sequence: counter.last_sequence, position: Number(stream.last_position) };
  }

  /**
   * One transaction for the batch, through the runner (its retry of SQLITE_BUSY): the idempotency
   * keys claimed first (a remembered one leaves its append out), then each key's counter raised
   * once by its number of events, in key order as on PostgreSQL, each stream's position, then the events.
   */
  appendBatch(appends: BatchedAppend[], keysExpiredBefore: Date): Promise<BatchOutcome[]> {
    return this.transactions.run(async (manager) => {
      const at = sqliteInstantText(new Date());
      const outcomes: Array<BatchOutcome | undefined> = [];
      const accepted: BatchedAppend[] = [];
      for (const append of appends) {
        const remembered =
          append.idempotency && (await this.claimKey(manager, append.stream, append.idempotency, append.id, keysExpiredBefore));
        outcomes.push(remembered ? { remembered } : undefined);
        if (!remembered) accepted.push(append);
      }
      const lastSequences = new Map<string, number>();
      for (const [key, count] of countsBy(accepted, keyOf)) {
        const [stream, eventName] = key.split('\u0000');
        const [counter] = await manager.query<Array<{ last_sequence: number }>>(RAISE_COUNTER, [stream, eventName, count, at]);
        lastSequences.set(key, counter.last_sequence);
      }
      const lastPositions = new Map<string, number>();
      for (const [stream, count] of countsBy(accepted, (append) => append.stream)) {
        const [row] = await manager.query<Array<{ last_position: number }>>(RAISE_POSITION, [count, stream]);
        lastPositions.set(stream, Number(row.last_position));
      }
      const laterOfName = laterOfSameKey(accepted);
      const laterOfStream = laterInStream(accepted);
      const appended = new Map<string, AppendedEvent>();
      for (const [i, append] of accepted.entries()) {
        const sequence = (lastSequences.get(keyOf(append)) as number) - laterOfName[i];
        const position = (lastPositions.get(append.stream) as number) - laterOfStream[i];
        await this.insert(manager, append, sequence, position, at);
        appended.set(append.id, { id: append.id, sequence, position });
      }
      return appends.map((append, i) => outcomes[i] ?? { appended: appended.get(append.id) as AppendedEvent });
    });
  }

  private async insert(manager: EntityManager, append: BatchedAppend, sequence: number, position: number, at: string): Promise<void> {
    const { name, version, system, trigger, payload } = append.event;
    await manager.query(INSERT_EVENT, [append.id, append.stream, name, sequence, position, version, system, trigger, payload, at]);
  }

  /** better-sqlite3's codes that blame the data: a constraint (CHECK, trigger, NOT NULL), a type, a size. */
  refusesContent(error: unknown): boolean {
    return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(databaseErrorCode(error) ?? '');
  }

  protected execute<T>(text: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    const { sql: statement, params: bound } = positionalStatement(text, params);
    if (manager !== undefined) return manager.query<T[]>(statement, bound);
    return this.transactions.run((queued) => queued.query<T[]>(statement, bound));
  }

  protected timestamp(at: Date): string {
    return sqliteInstantText(at);
  }

  protected bytesOf(column: string): string {
    return `length(CAST(${column} AS BLOB))`;
  }
}

function keyOf(append: BatchedAppend): string {
  return `${append.stream}\u0000${append.event.name}`;
}

/** Events per key of the batch (a (stream, event name), or a stream), in key order. */
function countsBy(appends: BatchedAppend[], key: (append: BatchedAppend) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const append of appends) counts.set(key(append), (counts.get(key(append)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

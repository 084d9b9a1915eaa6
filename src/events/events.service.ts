import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { eventsConfig } from '../config/configuration.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type {
  AppendConditions,
  AppendedEvent,
  ConsumerOffsetRecord,
  EventToAppend,
  IdempotencyClaim,
  RememberedKey,
  StoredEventRecord,
  StreamCounterRecord,
} from './event-envelope.js';
import { EventAppendBatcher } from './event-append.batcher.js';
import { EventArrivals } from './event-arrivals.js';
import { SECOND_WRITER_MESSAGE } from './event-rules.js';
import { EventsError } from './events.errors.js';
import { EventsMetrics } from './events.metrics.js';
import { type BatchOutcome, EventsRepository, type StoreFigures } from './events.repository.js';
import { StreamOwnerCache } from './stream-owner.cache.js';

/** How often a long poll re-reads, for appends this process is not told about. */
const LONG_POLL_REREAD_MS = 250;

/** An append's answer: the event, and whether it was written before (a repeated Idempotency-Key). */
export type AppendAnswer = AppendedEvent & { repeated: boolean };

/**
 * The event store (docs/contracts/events.md): single-writer streams, gapless commit-ordered
 * sequences per (stream, event name), cumulative consumer offsets. An append to a known stream on
 * its own joins a batch of others, one commit for all (`EventAppendBatcher`).
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly repository: EventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly batcher: EventAppendBatcher,
    private readonly owners: StreamOwnerCache,
    private readonly arrivals: EventArrivals,
    private readonly metrics: EventsMetrics,
    @Inject(eventsConfig.KEY) private readonly config: ConfigType<typeof eventsConfig>,
  ) {}

  /**
   * Appends an event to a stream, creating the stream (owned by `producerId`) with its first
   * event. With `manager` (or inside the runner's transaction), the append joins that transaction
   * and commits with it. Throws SECOND_WRITER when another producer owns the stream,
   * SEQUENCE_CONFLICT when `conditions.expectedSequence` is not the name's last sequence,
   * IDEMPOTENCY_KEY_REUSED when its key came with another request.
   */
  async append(
    stream: string,
    producerId: string,
    event: EventToAppend,
    conditions: AppendConditions = {},
    manager?: EntityManager,
  ): Promise<AppendAnswer> {
    const callerTransaction = manager ?? this.runningTransaction();
    const owner = await this.ownerOf(stream, callerTransaction);
    if (owner !== undefined && owner !== producerId) throw secondWriter();

    // The batch takes keys but not conditions: a conditional append compares and writes in its own transaction.
    const alone = owner === undefined || callerTransaction !== undefined || conditions.expectedSequence !== undefined;
    const outcome = alone
      ? await this.appendInTransaction(stream, producerId, owner === undefined, event, conditions, callerTransaction)
      : await this.batcher.append(stream, event, conditions.idempotency);
    if ('remembered' in outcome) return this.repeatedAppend(stream, conditions.idempotency as IdempotencyClaim, outcome.remembered);
    // Only after our own commit may long polls be woken and the owner kept; a caller's transaction commits later.
    if (callerTransaction === undefined) {
      this.arrivals.arrived(stream, event.name);
      this.owners.remember(stream, producerId);
    }
    return { ...outcome.appended, repeated: false };
  }

  /**
   * The append as one transaction (the caller's, or its own): the stream claimed if new (creating a
   * stream and writing its first event commit together, or not at all), the key claimed, the
   * condition compared with the counter row locked, then the event.
   */
  private appendInTransaction(
    stream: string,
    producerId: string,
    isNew: boolean,
    event: EventToAppend,
    conditions: AppendConditions,
    callerTransaction?: EntityManager,
  ): Promise<BatchOutcome> {
    const work = async (tx: EntityManager): Promise<BatchOutcome> => {
      if (isNew && (await this.repository.claimStream(tx, stream, producerId)) !== producerId) throw secondWriter();
      const id = randomUUID();
      if (conditions.idempotency !== undefined) {
        const remembered = await this.repository.claimKey(tx, stream, conditions.idempotency, id, this.keysExpiredBefore());
        if (remembered !== undefined) return { remembered };
      }
      if (conditions.expectedSequence !== undefined) {
        await this.repository.lockStream(tx, stream);
        const last = await this.repository.lockedLastSequence(tx, stream, event.name);
        if (last !== conditions.expectedSequence) {
          this.metrics.conflicted();
          throw new EventsError('SEQUENCE_CONFLICT', `expected sequence ${conditions.expectedSequence}, stream is at ${last}`);
        }
      }
      return { appended: await this.repository.insertEvent(tx, { id, stream, event }) };
    };
    return callerTransaction ? work(callerTransaction) : this.transactions.run(work);
  }

  /** A repeat of a remembered key: the first append's event, if the request is the same one. */
  private async repeatedAppend(stream: string, claim: IdempotencyClaim, remembered: RememberedKey): Promise<AppendAnswer> {
    if (remembered.digest !== claim.digest) {
      throw new EventsError('IDEMPOTENCY_KEY_REUSED', 'was already used for a different request to this stream', {
        field: 'Idempotency-Key',
      });
    }
    const position = await this.repository.findEventPosition(stream, remembered.eventId);
    // The key and its event commit together, and events are never deleted.
    if (position === undefined) throw new Error(`idempotency key of stream ${stream} names a missing event ${remembered.eventId}`);
    this.metrics.repeated();
    return { id: remembered.eventId, sequence: position.sequence, position: position.position, repeated: true };
  }

  private keysExpiredBefore(): Date {
    return new Date(Date.now() - this.config.idempotencyKeyMs);
  }

  /** Forgets the Idempotency-Keys past their retention. */
  purgeExpiredKeys(): Promise<void> {
    return this.repository.purgeKeys(this.keysExpiredBefore());
  }

  /**
   * The runner's transaction this call runs in, if any: an append there commits with it (the
   * runner joins it), so it must not wake polls nor keep an owner that a rollback would undo.
   */
  private runningTransaction(): EntityManager | undefined {
    return this.transactions.active();
  }

  /**
   * The stream's owner, or undefined while it does not exist. With a caller's transaction the read
   * goes through it: taking a second pool connection while the caller holds one could exhaust the
   * pool under load (every caller waiting for a connection none will give back). What is read there
   * may be that transaction's own uncommitted row, so it is not kept.
   */
  private async ownerOf(stream: string, callerTransaction?: EntityManager): Promise<string | undefined> {
    const cached = this.owners.ownerOf(stream);
    if (cached !== undefined) return cached;
    const owner = await this.repository.findOwner(stream, callerTransaction);
    if (owner !== undefined && callerTransaction === undefined) this.owners.remember(stream, owner);
    return owner;
  }

  /** STREAM_NOT_FOUND unless a first event was ever written to the stream. */
  async requireStream(stream: string): Promise<void> {
    if ((await this.ownerOf(stream)) === undefined) throw new EventsError('STREAM_NOT_FOUND', `stream ${stream} does not exist`);
  }

  /**
   * Up to `limit` events of `eventName` past this consumer's offset, ascending, and no more than
   * EVENTS_PAGE_MAX_BYTES of them (one at least). With `waitMs`, holds on until at least one is
   * there or the time is up.
   */
  async consume(stream: string, eventName: string, consumerId: string, limit: number, waitMs = 0): Promise<StoredEventRecord[]> {
    await this.requireStream(stream);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const events = await this.repository.eventsPastOffset(stream, eventName, consumerId, limit, this.config.pageMaxBytes);
      const remaining = deadline - Date.now();
      if (events.length > 0 || remaining <= 0 || this.arrivals.isClosing) return events;
      await this.arrivals.next(stream, eventName, Math.min(remaining, LONG_POLL_REREAD_MS));
    }
  }

  /**
   * The events of `eventName` past this consumer's offset, then each one as it commits, until
   * `signal` aborts: at-least-once (what is not acknowledged comes again on the next subscription).
   * `after` (Last-Event-ID) resumes past a sequence the consumer already received, if higher than its offset.
   */
  async *subscribe(
    stream: string,
    eventName: string,
    consumerId: string,
    after: number,
    signal: AbortSignal,
  ): AsyncGenerator<StoredEventRecord> {
    await this.requireStream(stream);
    let seen = Math.max(after, await this.repository.offsetOf(consumerId, stream, eventName));
    while (!signal.aborted && !this.arrivals.isClosing) {
      const events = await this.repository.eventsAfterSequence(stream, eventName, seen, SUBSCRIPTION_PAGE, this.config.pageMaxBytes);
      for (const event of events) {
        if (signal.aborted) return;
        seen = event.sequence;
        yield event;
      }
      if (events.length === 0) await this.arrivals.next(stream, eventName, LONG_POLL_REREAD_MS, signal);
    }
  }

  /**
   * Cumulative, idempotent, monotonic acknowledgement: the offset moves to the event's sequence
   * only if that is higher, so parallel ACKs can never lower it.
   */
  async acknowledge(stream: string, eventId: string, consumerId: string): Promise<void> {
    await this.requireStream(stream);
    const position = await this.repository.findEventPosition(stream, eventId);
    if (position === undefined) throw new EventsError('EVENT_NOT_FOUND', `event ${eventId} does not exist in stream ${stream}`);
    await this.repository.advanceOffset(consumerId, stream, position);
  }

  /**
   * Sets a consumer's offset on an event name to any sequence from 0 to the name's last one (seek,
   * rewind, skip to the end); OFFSET_BEYOND_HEAD past it. The head only grows, so an offset checked
   * against it stays valid.
   */
  async seek(stream: string, consumerId: string, eventName: string, offset: number): Promise<void> {
    await this.requireStream(stream);
    const head = await this.repository.lastSequence(stream, eventName);
    if (offset > head) {
      throw new EventsError('OFFSET_BEYOND_HEAD', `must be at most ${head}, the last sequence of ${eventName}`, { field: 'offset' });
    }
    await this.repository.setOffset(consumerId, stream, eventName, offset);
  }

  /** One event of the stream by id. */
  async findEvent(stream: string, eventId: string): Promise<StoredEventRecord> {
    await this.requireStream(stream);
    const event = await this.repository.findEvent(stream, eventId);
    if (event === undefined) throw new EventsError('EVENT_NOT_FOUND', `event ${eventId} does not exist in stream ${stream}`);
    return event;
  }

  /** Every name's events of the stream past position `after`, in commit order, at most `limit` and EVENTS_PAGE_MAX_BYTES. */
  async readAll(stream: string, after: number, limit: number): Promise<StoredEventRecord[]> {
    await this.requireStream(stream);
    return this.repository.eventsAfterPosition(stream, after, limit, this.config.pageMaxBytes);
  }

  /** Every stream with its counters (owner, event names, last sequences and appends). */
  listStreams(): Promise<StreamCounterRecord[]> {
    return this.repository.streamCounters();
  }

  /** Each consumer's offset per event name of the stream, beside the last sequence of that name. */
  async listConsumers(stream: string): Promise<ConsumerOffsetRecord[]> {
    await this.requireStream(stream);
    return this.repository.consumerOffsets(stream);
  }

  /** The figures of `GET /api/v1/stats`. */
  figures(): Promise<StoreFigures> {
    return this.repository.storeFigures(new Date());
  }
}

/** Events a subscription reads at a time before sending them. */
const SUBSCRIPTION_PAGE = 100;

function secondWriter(): EventsError {
  return new EventsError('SECOND_WRITER', SECOND_WRITER_MESSAGE);
}

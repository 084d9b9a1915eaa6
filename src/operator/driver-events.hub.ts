import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { dueWorkConfig, operatorConfig } from '../config/configuration.js';
import { isPostgres } from '../database/column-types.js';
import { NotificationListener } from '../database/notification-listener.js';
import { FleetRepository, TOKEN_REVOKED, type DriverHailTransition } from './fleet.repository.js';
import type { TaxiStatusChange } from './taxi-registry.entities.js';

/** Where a stream stands in both ordered sources: `Last-Event-ID` is `<transition id>.<status change id>`. */
export interface DriverEventCursor {
  transition: number;
  status: number;
}

/** One Server-Sent Event, as written on the wire. */
export interface DriverEvent {
  id: string;
  event: 'hail.received' | 'hail.status' | 'taxi.status';
  data: Record<string, unknown>;
}

/** What a stream is given: somewhere to write, and a way to end it. */
export interface DriverEventSink {
  send(event: DriverEvent): void;
  comment(text: string): void;
  end(): void;
}

interface Stream {
  taxiId: string;
  sink: DriverEventSink;
  cursor: DriverEventCursor;
  /** Ids at or below these were history when the stream opened (replayed, or not asked for). */
  floor: DriverEventCursor;
  /** Ids sent lately: the look-back window reads some rows twice. */
  sentTransitions: Set<number>;
  sentChanges: Set<number>;
  /** The resume point given, replayed at the next tick before anything live. */
  resumeFrom: DriverEventCursor | null;
}

/** Sources with sequence ids can commit out of id order (PostgreSQL); the live read looks back this long. */
const LOOK_BACK_MS = 1000;
/** What the tables' insert triggers notify (migration 1795410000000), at commit. */
export const DRIVER_EVENTS_CHANNEL = 'operator_driver_events';
const REPLAY_LIMIT = 500;
/** A driver app that reconnects without closing the old stream would otherwise pile them up. */
export const MAX_STREAMS_PER_TAXI = 3;
const TICK_LIMIT = 5000;
/** Wake-ups closer than this share a tick: at 100 hails/s every commit notifies. */
const MIN_TICK_SPACING_MS = 20;

export function parseLastEventId(value: string | undefined): DriverEventCursor | null | 'invalid' {
  if (value === undefined || value === '') return null;
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(value);
  return match ? { transition: Number(match[1]), status: Number(match[2]) } : 'invalid';
}

/**
 * The driver event streams of this process. The sources are durable and ordered (the hails'
 * transitions table and the taxi status changes table), so a stream resumes exactly after its
 * `Last-Event-ID` and any process can serve it (API ≠ worker): one read of both tables per tick
 * (DRIVER_EVENTS_POLL_MS, only while a stream is open) serves every stream; a change made in this
 * process wakes the tick at once. A heartbeat comment every DRIVER_EVENTS_HEARTBEAT_MS keeps
 * proxies from closing an idle stream.
 */
@Injectable()
export class DriverEventsHub implements OnModuleDestroy {
  private readonly logger = new Logger(DriverEventsHub.name);
  private readonly streams = new Set<Stream>();
  /** Global maxima seen at each tick lately: the live read starts from the one LOOK_BACK_MS ago. */
  private seen: Array<{ atMs: number; cursor: DriverEventCursor }> = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private failing = false;
  private listener: NotificationListener | undefined;
  private destroyed = false;
  private lastTickAt = 0;

  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    @Inject(dueWorkConfig.KEY) private readonly database: ConfigType<typeof dueWorkConfig>,
    private readonly fleet: FleetRepository,
  ) {}

  /** Opens a stream for a taxi; answers how to close it (the connection closed). */
  async open(taxiId: string, resumeFrom: DriverEventCursor | null, sink: DriverEventSink): Promise<() => void> {
    const now = await this.fleet.cursors();
    const start = resumeFrom ?? now;
    const stream: Stream = {
      taxiId,
      sink,
      cursor: { ...start },
      floor: { transition: Math.max(start.transition, now.transition), status: Math.max(start.status, now.status) },
      sentTransitions: new Set(),
      sentChanges: new Set(),
      resumeFrom,
    };
    const others = [...this.streams].filter((open) => open.taxiId === taxiId);
    for (const oldest of others.slice(0, Math.max(0, others.length - MAX_STREAMS_PER_TAXI + 1))) {
      oldest.sink.end();
      this.close(oldest);
    }
    if (this.seen.length === 0) this.seen.push({ atMs: Date.now(), cursor: now });
    this.streams.add(stream);
    this.start();
    this.wake();
    return () => this.close(stream);
  }

  /** Something changed in this process: look now rather than at the next tick. */
  wake(): void {
    if (this.streams.size === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const spacing = this.lastTickAt + MIN_TICK_SPACING_MS - Date.now();
    const ticked = spacing > 0 ? new Promise((resolve) => setTimeout(resolve, spacing)).then(() => this.tick()) : this.tick();
    this.running = ticked.finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  openStreams(): number {
    return this.streams.size;
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    void this.listener?.stop();
    for (const stream of [...this.streams]) {
      stream.sink.end();
      this.close(stream);
    }
  }

  private start(): void {
    // On PostgreSQL, one connection per process LISTENs for the triggers' notifications (from its first
    // stream on): a commit anywhere wakes the streams here. The poll stays, for a lost listener.
    if (isPostgres && this.database.databaseUrl && !this.listener && !this.destroyed)
      this.listener = new NotificationListener(this.database.databaseUrl, DRIVER_EVENTS_CHANNEL, {
        notified: () => this.wake(),
        listening: () => this.wake(),
      });
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => this.wake(), this.config.driverEventsPollMs);
    this.heartbeatTimer = setInterval(() => {
      for (const stream of this.streams) stream.sink.comment('heartbeat');
    }, this.config.driverEventsHeartbeatMs);
    this.pollTimer.unref();
    this.heartbeatTimer.unref();
  }

  private close(stream: Stream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) {
      clearInterval(this.pollTimer);
      clearInterval(this.heartbeatTimer);
      this.pollTimer = undefined;
      this.heartbeatTimer = undefined;
      this.seen = [];
    }
  }

  private async tick(): Promise<void> {
    this.lastTickAt = Date.now();
    try {
      for (const stream of this.streams) if (stream.resumeFrom) await this.replay(stream);
      const from = this.lookBackCursor();
      // The maxima first: rows up to them are read now, a later commit below them within the look-back.
      const latest = await this.fleet.cursors();
      const taxiIds = [...new Set([...this.streams].map((stream) => stream.taxiId))];
      const [transitions, changes] = await Promise.all([
        this.fleet.transitionsAfter(from.transition, latest.transition, taxiIds, TICK_LIMIT),
        this.fleet.statusChangesAfter(from.status, latest.status, taxiIds, TICK_LIMIT),
      ]);
      for (const stream of this.streams) this.deliver(stream, transitions, changes, from);
      // A tick that hit its limit moves only as far as it read.
      if (transitions.length === TICK_LIMIT) latest.transition = transitions[transitions.length - 1].id;
      if (changes.length === TICK_LIMIT) latest.status = Number(changes[changes.length - 1].id);
      this.seen.push({ atMs: Date.now(), cursor: latest });
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.error(`driver events: ${(error as Error).message}; retrying at the next tick`);
      this.failing = true;
    }
  }

  /** The maxima seen LOOK_BACK_MS ago (older entries are dropped). */
  private lookBackCursor(): DriverEventCursor {
    const limit = Date.now() - LOOK_BACK_MS;
    while (this.seen.length > 1 && this.seen[1].atMs <= limit) this.seen.shift();
    return this.seen[0].cursor;
  }

  private async replay(stream: Stream): Promise<void> {
    const from = stream.resumeFrom as DriverEventCursor;
    stream.resumeFrom = null;
    // Up to the floor: what came after it arrives live.
    const [transitions, changes] = await Promise.all([
      this.fleet.transitionsAfter(from.transition, stream.floor.transition, [stream.taxiId], REPLAY_LIMIT),
      this.fleet.statusChangesAfter(from.status, stream.floor.status, [stream.taxiId], REPLAY_LIMIT),
    ]);
    this.deliver(stream, transitions, changes, from, true);
    // Further behind than one replay: the rest at the next tick, from where this one stopped.
    if (this.streams.has(stream) && (transitions.length === REPLAY_LIMIT || changes.length === REPLAY_LIMIT)) {
      stream.resumeFrom = {
        transition: transitions.length === REPLAY_LIMIT ? transitions[transitions.length - 1].id : stream.floor.transition,
        status: changes.length === REPLAY_LIMIT ? Number(changes[changes.length - 1].id) : stream.floor.status,
      };
      this.again = true;
    }
  }

  private deliver(
    stream: Stream,
    transitions: DriverHailTransition[],
    changes: TaxiStatusChange[],
    from: DriverEventCursor,
    replaying = false,
  ): void {
    const events: Array<{ at: number; kind: 't' | 's'; id: number; build: () => DriverEvent['data']; event: DriverEvent['event'] }> = [];
    for (const row of transitions) {
      if (row.taxiId !== stream.taxiId || stream.sentTransitions.has(row.id)) continue;
      if (!replaying && row.id <= stream.floor.transition) continue;
      events.push({
        at: row.at.getTime(),
        kind: 't',
        id: row.id,
        event: row.from === null ? 'hail.received' : 'hail.status',
        build: () => ({ hail_id: row.hailId, from: row.from, to: row.to, cause: row.cause, at: row.at.toISOString() }),
      });
    }
    let revoked = false;
    for (const row of changes) {
      const id = Number(row.id);
      if (row.taxiId !== stream.taxiId || stream.sentChanges.has(id)) continue;
      if (!replaying && id <= stream.floor.status) continue;
      if (row.source === TOKEN_REVOKED) {
        // Live: this stream was opened with the token that just stopped working. Replayed: history.
        revoked ||= !replaying;
        continue;
      }
      events.push({
        at: Number(row.atMs),
        kind: 's',
        id,
        event: 'taxi.status',
        build: () => ({ status: row.status, source: row.source, error: row.error, at: new Date(Number(row.atMs)).toISOString() }),
      });
    }
    events.sort((a, b) => a.at - b.at || a.id - b.id);
    for (const item of events) {
      if (item.kind === 't') {
        stream.sentTransitions.add(item.id);
        stream.cursor.transition = Math.max(stream.cursor.transition, item.id);
      } else {
        stream.sentChanges.add(item.id);
        stream.cursor.status = Math.max(stream.cursor.status, item.id);
      }
      stream.sink.send({ id: `${stream.cursor.transition}.${stream.cursor.status}`, event: item.event, data: item.build() });
    }
    if (revoked) {
      stream.sink.end();
      this.close(stream);
      return;
    }
    // Ids below the look-back window are never read again: forget them.
    for (const id of stream.sentTransitions) if (id <= from.transition && !replaying) stream.sentTransitions.delete(id);
    for (const id of stream.sentChanges) if (id <= from.status && !replaying) stream.sentChanges.delete(id);
  }
}

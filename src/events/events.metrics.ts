import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { withTimeout } from '../common/with-timeout.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { EventsRepository } from './events.repository.js';

/** Series per metric at most: a store with thousands of streams must not flood Prometheus. */
const MAX_SERIES = 200;

/**
 * The event store's figures, read from its counter and offset rows at scrape time, so they are the
 * database's truth whichever API process answers (every process reports the same values: aggregate
 * with `max`, not `sum`). Sequences are gapless from 1, so a counter row's last sequence is the
 * number of events of that (stream, name), and the sum of all of them only ever grows.
 */
@Injectable()
export class EventsMetrics implements OnModuleInit {
  /** This process's own counts (sum them across processes): what the database does not record. */
  private readonly repeats: Counter;
  private readonly conflicts: Counter;
  private readonly subscriptions: Gauge;

  constructor(
    private readonly metrics: MetricsService,
    private readonly repository: EventsRepository,
  ) {
    this.repeats = metrics.counter({
      name: 'citymove_events_idempotent_repeats_total',
      help: 'Appends answered from a remembered Idempotency-Key without writing (this process)',
    });
    this.conflicts = metrics.counter({
      name: 'citymove_events_sequence_conflicts_total',
      help: 'Conditional appends refused with 409: X-Expected-Sequence was not the last sequence (this process)',
    });
    this.subscriptions = metrics.gauge({
      name: 'citymove_events_subscriptions',
      help: 'Server-Sent Events subscriptions open on this process',
    });
  }

  repeated(): void {
    this.repeats.inc();
  }

  conflicted(): void {
    this.conflicts.inc();
  }

  /** Counts a subscription open until the returned function is called. */
  subscribed(): () => void {
    this.subscriptions.inc();
    return () => this.subscriptions.dec();
  }

  onModuleInit(): void {
    const repository = this.repository;
    const inTime = <T>(read: Promise<T>) => withTimeout(read, 1000);

    this.metrics.counter({
      name: 'citymove_events_appended_total',
      help: 'Events appended to the event store, all streams (its rate is the append rate)',
      async collect() {
        const total = await inTime(repository.appendedTotal());
        this.reset();
        this.inc(total);
      },
    });
    this.metrics.gauge({
      name: 'citymove_events_stream_head_sequence',
      help: `Last sequence per stream and event name (the ${MAX_SERIES} most recently appended to)`,
      labelNames: ['stream', 'event_name'],
      async collect() {
        const heads = await inTime(repository.headSequences(MAX_SERIES));
        this.reset();
        for (const head of heads) this.set({ stream: head.stream, event_name: head.eventName }, head.lastSequence);
      },
    });
    this.metrics.gauge({
      name: 'citymove_events_streams',
      help: 'Streams in the event store',
      async collect() {
        const streams = await inTime(repository.streamCount());
        this.set(streams);
      },
    });
    this.metrics.gauge({
      name: 'citymove_events_appends_last_minute',
      help: 'Events committed in the last 60 seconds, all streams',
      async collect() {
        const appends = await inTime(repository.appendsSince(new Date(Date.now() - 60_000)));
        this.set(appends);
      },
    });
    this.metrics.gauge({
      name: 'citymove_events_consumer_lag',
      help: `Events a consumer has not acknowledged yet, per stream and event name (the ${MAX_SERIES} largest)`,
      labelNames: ['stream', 'event_name', 'consumer'],
      async collect() {
        const lags = await inTime(repository.consumerLags(MAX_SERIES));
        this.reset();
        for (const lag of lags) this.set({ stream: lag.stream, event_name: lag.eventName, consumer: lag.consumerId }, lag.lag);
      },
    });
  }
}

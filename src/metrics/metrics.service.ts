import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Registry,
} from 'prom-client';
import { SeriesHistogram } from './series-histogram.js';

/**
 * The process's Prometheus registry, one per application (tests boot several in one process).
 * Node's standard metrics (event-loop lag, heap, CPU, handles) keep their conventional unprefixed
 * names so stock dashboards read them; citymove's own are named `citymove_*`. Modules register
 * theirs here, through these methods, and keep them beside the code they measure.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly collectFailures: Counter<'metric'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    this.collectFailures = new Counter({
      name: 'citymove_metrics_collect_failures_total',
      help: 'Scrapes in which a metric could not be read (its database query failed or took over 1 s)',
      labelNames: ['metric'],
      registers: [this.registry],
    });
  }

  counter<L extends string>(configuration: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing(configuration.name) ?? new Counter({ ...this.guarded(configuration), registers: [this.registry] });
  }

  gauge<L extends string>(configuration: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing(configuration.name) ?? new Gauge({ ...this.guarded(configuration), registers: [this.registry] });
  }

  histogram<L extends string>(configuration: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing(configuration.name) ?? new Histogram({ ...configuration, registers: [this.registry] });
  }

  /**
   * A histogram for the hot path, whose series the caller looks up once and keeps (see
   * SeriesHistogram); exposed exactly as a prom-client `Histogram` would be.
   */
  seriesHistogram(configuration: { name: string; help: string; buckets: readonly number[] }): SeriesHistogram {
    const existing = this.existing<SeriesHistogram>(configuration.name);
    if (existing !== undefined) return existing;
    const histogram = new SeriesHistogram(configuration.name, configuration.help, configuration.buckets);
    // The registry reads a metric through `name`, `help`, `type`, `get()` and `reset()` only.
    this.registry.registerMetric(histogram as unknown as Parameters<Registry['registerMetric']>[0]);
    return histogram;
  }

  /** The exposition text, and the content type that goes with it. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * A metric read at scrape time (a database count) may fail while the database is away: the scrape
   * still answers with everything else, the metric keeps its last values, and the failure is counted.
   */
  private guarded<C extends { name: string; collect?: (this: never) => void | Promise<void> }>(configuration: C): C {
    const collect = configuration.collect as ((this: unknown) => void | Promise<void>) | undefined;
    if (collect === undefined) return configuration;
    const failures = this.collectFailures;
    return {
      ...configuration,
      async collect(this: unknown) {
        try {
          await collect.call(this);
        } catch {
          failures.inc({ metric: configuration.name });
        }
      },
    };
  }

  /** A metric asked for twice (two providers measuring one thing) is the same metric. */
  private existing<M>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}

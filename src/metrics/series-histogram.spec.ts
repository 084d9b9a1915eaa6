import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';
import { SeriesHistogram } from './series-histogram.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

describe('SeriesHistogram', () => {
  it("exposes exactly what prom-client's Histogram exposes for the same observations", async () => {
    const observation = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST'),
      route: fc.constantFrom('/health', '/v1/membres/:id', 'unmatched', 'a "quoted" \\ route'),
      status: fc.constantFrom('200', '304', '404', '503'),
      // Bounds themselves, values between them, past the last one, and zero.
      seconds: fc.oneof(fc.constantFrom(0, ...BUCKETS), fc.double({ min: 0, max: 20, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { maxLength: 60 }), async (observations) => {
        const ours = new Registry();
        const theirs = new Registry();
        const help = 'HTTP requests by method, matched route and status';
        const histogram = new SeriesHistogram('citymove_http_request_duration_seconds', help, BUCKETS);
        ours.registerMetric(histogram as never);
        const reference = new Histogram({
          name: histogram.name,
          help,
          labelNames: ['method', 'route', 'status'],
          buckets: BUCKETS,
          registers: [theirs],
        });
        const kept = new Map<string, ReturnType<SeriesHistogram['seriesOf']>>();
        for (const { seconds, ...labels } of observations) {
          const key = JSON.stringify(labels);
          let series = kept.get(key);
          if (series === undefined) {
            series = histogram.seriesOf(labels);
            kept.set(key, series);
          }
          series.observe(seconds);
          reference.labels(labels).observe(seconds);
        }
        expect(await ours.metrics()).toBe(await theirs.metrics());
        expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
      }),
    );
  });

  it('counts from zero again after a reset, through the series the caller kept', async () => {
    const registry = new Registry();
    const histogram = new SeriesHistogram('h', 'help', [1]);
    registry.registerMetric(histogram as never);
    const series = histogram.seriesOf({ route: '/x' });
    series.observe(0.5);
    registry.resetMetrics();
    series.observe(2);
    expect(await registry.metrics()).toBe(
      [
        '# HELP h help',
        '# TYPE h histogram',
        'h_bucket{le="1",route="/x"} 0',
        'h_bucket{le="+Inf",route="/x"} 1',
        'h_sum{route="/x"} 2',
        'h_count{route="/x"} 1',
        '',
      ].join('\n'),
    );
  });
});

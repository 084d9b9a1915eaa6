import type { FastifyInstance } from 'fastify';
import type { Histogram } from 'prom-client';
import type { MetricsService } from './metrics.service.js';

/** Seconds: from a 5 ms answer to a 10 s long poll. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Request durations by method, matched route and status, and the requests in flight. The route is
 * the pattern (`/v1/membres/:id`), never the raw URL, so a scan of random paths cannot blow up the
 * number of series: anything the router did not match is `route="unmatched"`.
 *
 * Per request this costs two integer operations and one histogram observation on a series looked
 * up once: `observe(labels, value)` hashed the three labels into a series key on every request
 * (the histogram was 3 % of a no-I/O route's CPU), and the gauge's `inc`/`dec` did the same for
 * no labels. The in-flight count is a plain number that the gauge reads at scrape time.
 */
export function instrumentHttp(fastify: FastifyInstance, metrics: MetricsService): void {
  const duration = metrics.histogram({
    name: 'citymove_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route and status: time from arrival to the last byte written',
    labelNames: ['method', 'route', 'status'],
    buckets: DURATION_BUCKETS,
  });
  let inFlight = 0;
  metrics.gauge({
    name: 'citymove_http_requests_in_flight',
    help: 'HTTP requests being served now',
    collect() {
      this.set(inFlight);
    },
  });
  const series = new SeriesCache(duration);
  const countDown = () => inFlight--;

  fastify.addHook('onRequest', (request, reply, done) => {
    inFlight++;
    // 'close' follows the last byte written or a connection the client dropped: counted down either way.
    reply.raw.once('close', countDown);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    series.of(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });
}

type Series = ReturnType<Histogram<'method' | 'route' | 'status'>['labels']>;

/** The histogram's series by method, route and status, each looked up from prom-client once. */
class SeriesCache {
  private readonly byKey = new Map<string, Series>();

  constructor(private readonly histogram: Histogram<'method' | 'route' | 'status'>) {}

  of(method: string, route: string, status: number): Series {
    const key = `${method} ${status} ${route}`;
    let found = this.byKey.get(key);
    if (found === undefined) {
      found = this.histogram.labels({ method, route, status: String(status) });
      this.byKey.set(key, found);
    }
    return found;
  }
}

import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import type { MetricsService } from './metrics.service.js';
import type { HistogramSeries, SeriesHistogram } from './series-histogram.js';

/** Seconds: from a 5 ms answer to a 10 s long poll. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Request durations by method, matched route and status, and the requests in flight. The route is
 * the pattern (`/v1/membres/:id`), never the raw URL, so a scan of random paths cannot blow up the
 * number of series: anything the router did not match is `route="unmatched"`.
 *
 * Per request this costs two integer operations and one histogram observation on a series looked
 * up once per route, method and status. The observation is a hook of each route's own, given the
 * route's pattern when it is registered, and the series are SeriesHistogram's: a global hook that
 * read `request.routeOptions` (a fresh frozen object per read) and built a key, then prom-client's
 * `observe` that validated and hashed the labels again, cost 4 µs of the 29 µs of CPU of a no-I/O
 * route (docs/performance.md, change 21). Only requests no route matched go through a global hook.
 * The in-flight count is a plain number that the gauge reads at scrape time.
 */
export function instrumentHttp(fastify: FastifyInstance, metrics: MetricsService): void {
  const duration = metrics.seriesHistogram({
    name: 'citymove_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route and status: time from arrival to the last byte written',
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
  const countDown = () => inFlight--;

  fastify.addHook('onRoute', (route) => {
    const series = new RouteSeries(duration, route.url);
    const observe: onResponseHookHandler = (request, reply, done) => {
      series.of(request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = [...[route.onResponse ?? []].flat(), observe];
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    inFlight++;
    // 'close' follows the last byte written or a connection the client dropped: counted down either way.
    reply.raw.once('close', countDown);
    done();
  });
  // What the router matched to no route (a 404, a URL it refused) has no route hook of its own.
  const unmatched = new RouteSeries(duration, 'unmatched');
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched.of(request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });
}

/** One route's histogram series by method and status, each looked up from prom-client once. */
class RouteSeries {
  private readonly byMethod = new Map<string, Map<number, HistogramSeries>>();

  constructor(
    private readonly histogram: SeriesHistogram,
    private readonly route: string,
  ) {}

  of(method: string, status: number): HistogramSeries {
    let byStatus = this.byMethod.get(method);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.byMethod.set(method, byStatus);
    }
    let found = byStatus.get(status);
    if (found === undefined) {
      found = this.histogram.seriesOf({ method, route: this.route, status: String(status) });
      byStatus.set(status, found);
    }
    return found;
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createServer, Server } from 'node:http';
import { authConfig, metricsConfig } from '../config/configuration.js';
import { METRICS_CHALLENGE, MetricsAccess } from './metrics-access.js';
import { MetricsService } from './metrics.service.js';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { ApiError } from '../common/errors/api-error.js';

/**
 * A worker serves no HTTP API, yet its queues and jobs are what an operator most wants to watch:
 * with METRICS_PORT set it answers `GET /metrics` there (same credentials as the API's), on HOST.
 * Plain `node:http`: one route needs no framework. Resolves once listening; closed with the app.
 */
export async function serveWorkerMetrics(app: INestApplicationContext): Promise<Server | undefined> {
  const settings = app.get<ConfigType<typeof metricsConfig>>(metricsConfig.KEY);
  if (settings.port === undefined) return undefined;
  const access = new MetricsAccess(settings.token, app.get<ConfigType<typeof authConfig>>(authConfig.KEY).admin);
  const metrics = app.get(MetricsService);
  const failures = app.get(FailureLimiter);

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    }
    const serve = () =>
      metrics.exposition().then(
        ({ contentType, body }) =>
          response
            .writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' })
            .end(request.method === 'HEAD' ? undefined : body),
        () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
    const { authorization } = request.headers;
    const check = MetricsAccess.failureCheck(authorization);
    const address = request.socket.remoteAddress ?? '';
    // Wrong credentials count against the address here as on the API's port (FailureLimiter).
    failures
      .assertAllowed(check, address)
      .then(async () => {
        if (access.allows(authorization)) return serve();
        if (authorization !== undefined) await failures.recordFailure(check, address);
        response.writeHead(401, { 'www-authenticate': METRICS_CHALLENGE, 'content-type': 'text/plain' }).end('unauthorized\n');
      })
      .catch((error: unknown) => {
        const retryAfter = error instanceof ApiError ? error.headers['Retry-After'] : undefined;
        if (retryAfter === undefined) return void response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        response.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'text/plain' }).end('too many failed attempts\n');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  return server;
}

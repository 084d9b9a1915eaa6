import 'reflect-metadata';
import { preflight } from './bootstrap.js';

/**
 * Bull processors only, no HTTP server: run N of these beside M API processes started with
 * RUN_PROCESSORS=false, all on one Redis and one PostgreSQL. Like `main.ts`, checks first and
 * loads Nest only once the configuration and Redis are known good.
 */
async function bootstrap(): Promise<void> {
  const env = await preflight();
  const [
    { NestFactory },
    { AppModule },
    { announce, createAppLogger, rootLogger },
    { logModuleSummaries },
    { exitGracefullyOnSignals },
    { serveWorkerMetrics },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./common/logging/logging.js'),
    import('./common/logging/module-summaries.js'),
    import('./shutdown.js'),
    import('./metrics/metrics-server.js'),
  ]);
  const app = await NestFactory.createApplicationContext(AppModule.register({ processors: true }), {
    logger: createAppLogger(env.LOG_LEVEL),
    abortOnError: false,
  });
  exitGracefullyOnSignals(app);
  await app.init();
  const metricsServer = await serveWorkerMetrics(app);
  metricsServer?.unref();
  const metricsNote = metricsServer === undefined ? '' : ` (metrics on port ${env.METRICS_PORT})`;
  logModuleSummaries(app, rootLogger(env.LOG_LEVEL));
  announce(env.LOG_LEVEL, `citymove worker started: processing queues${metricsNote}`);
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`citymove worker: failed to start: ${error.message}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { preflight } from './bootstrap.js';

/**
 * Checks the configuration and Redis before loading anything heavy: Nest, Fastify, Swagger and the
 * queue board take seconds to import on a loaded machine, and a misconfigured start must fail fast.
 * Entities are imported only after `.env` is read, as their column types follow DATABASE_URL.
 */
async function bootstrap(): Promise<void> {
  const env = await preflight();
  const [
    { NestFactory },
    { AppModule },
    { configureApp, createFastifyAdapter, warnAboutDefaults },
    { announce, createAppLogger, rootLogger },
    { logModuleSummaries },
    { exitGracefullyOnSignals },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./app.setup.js'),
    import('./common/logging/logging.js'),
    import('./common/logging/module-summaries.js'),
    import('./shutdown.js'),
  ]);
  const app = await NestFactory.create<import('@nestjs/platform-fastify').NestFastifyApplication>(
    AppModule.register({ processors: env.RUN_PROCESSORS }),
    createFastifyAdapter({ logLevel: env.LOG_LEVEL, trustProxy: env.TRUST_PROXY }),
    { logger: createAppLogger(env.LOG_LEVEL), abortOnError: false },
  );
  await configureApp(app);
  warnAboutDefaults(app);
  exitGracefullyOnSignals(app);
  await app.listen({ port: env.PORT, host: env.HOST });
  logModuleSummaries(app, rootLogger(env.LOG_LEVEL));
  announce(env.LOG_LEVEL, `citymove listening on ${listeningUrl(env.HOST, env.PORT)} (docs at /docs)`);
}

/** The URL a person can open: the wildcard addresses are reached through the loopback one. */
function listeningUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`citymove: failed to start: ${error.message}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { preflight } from './bootstrap.js';

/**
 * Checks the configuration and Redis before loading anything heavy: Nest, Fastify, Swagger and the
 * queue board take seconds to import on a loaded machine, and a misconfigured start must fail fast.
 * Entities are imported only after `.env` is read, as their column types follow DATABASE_URL.
 */
async function bootstrap(): Promise<void> {
  const env = await preflight();
  const [{ NestFactory }, { AppModule }, { configureApp, createFastifyAdapter, warnAboutDefaults }, { createAppLogger }, { exitGracefullyOnSignals }] =
    await Promise.all([
      import('@nestjs/core'),
      import('./app.module.js'),
      import('./app.setup.js'),
      import('./common/logging/logging.js'),
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
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: `citymove listening on http://127.0.0.1:${env.PORT} (docs at /docs)` })}\n`);
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`citymove: failed to start: ${error.message}\n`);
  process.exit(1);
});

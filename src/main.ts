import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { preflight } from './bootstrap.js';
import { createAppLogger } from './common/logging/logging.js';
import { configureApp, createFastifyAdapter, warnAboutDefaults } from './app.setup.js';
import { exitGracefullyOnSignals } from './shutdown.js';

async function bootstrap(): Promise<void> {
  const env = await preflight();
  // Imported only now: entity column types follow DATABASE_URL, which `.env` may have just set.
  const { AppModule } = await import('./app.module.js');
  const app = await NestFactory.create<NestFastifyApplication>(
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

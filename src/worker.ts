import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { preflight } from './bootstrap.js';
import { createAppLogger } from './common/logging/logging.js';
import { exitGracefullyOnSignals } from './shutdown.js';

/**
 * Bull processors only, no HTTP server: run N of these beside M API processes started with
 * RUN_PROCESSORS=false, all on one Redis and one PostgreSQL.
 */
async function bootstrap(): Promise<void> {
  const env = await preflight();
  const { AppModule } = await import('./app.module.js');
  const app = await NestFactory.createApplicationContext(AppModule.register({ processors: true }), {
    logger: createAppLogger(env.LOG_LEVEL),
    abortOnError: false,
  });
  exitGracefullyOnSignals(app);
  await app.init();
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'citymove worker started: processing queues' })}\n`);
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`citymove worker: failed to start: ${error.message}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { preflight } from './bootstrap.js';

/**
 * Bull processors only, no HTTP server: run N of these beside M API processes started with
 * RUN_PROCESSORS=false, all on one Redis and one PostgreSQL. Like `main.ts`, checks first and
 * loads Nest only once the configuration and Redis are known good.
 */
async function bootstrap(): Promise<void> {
  const env = await preflight();
  const [{ NestFactory }, { AppModule }, { createAppLogger }, { exitGracefullyOnSignals }] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./common/logging/logging.js'),
    import('./shutdown.js'),
  ]);
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

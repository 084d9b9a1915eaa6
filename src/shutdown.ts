import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: stop taking requests, let in-flight requests and jobs finish, close queues and the
 * database (Nest's `close()` runs every module's shutdown hooks), then exit 0. Nest's own
 * `enableShutdownHooks()` re-raises the signal after closing, which exits non-zero.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, graceMs = 25_000): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight work`);
    const forced = setTimeout(() => {
      logger.error(`still busy after ${graceMs} ms: exiting anyway`);
      process.exit(1);
    }, graceMs);
    forced.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

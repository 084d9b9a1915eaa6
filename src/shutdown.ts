import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: stop taking requests, let in-flight requests and jobs finish, close queues and the
 * database (Nest's `close()` runs every module's shutdown hooks), then exit 0. Nest's own
 * `enableShutdownHooks()` re-raises the signal after closing, which exits non-zero.
 */
export function exitGracefullyOnSignals(app: Pick<INestApplicationContext, 'close'>, graceMs = 25_000): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  let failed = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight work`);
    process.on('unhandledRejection', (reason) => {
      if (isExpectedWhileClosing(reason)) return;
      logger.error(`unhandled rejection while shutting down: ${reason instanceof Error ? reason.stack : String(reason)}`);
      failed = true;
    });
    const forced = setTimeout(() => {
      logger.error(`still busy after ${graceMs} ms: exiting anyway`);
      process.exit(1);
    }, graceMs);
    forced.unref();
    try {
      await app.close();
      process.exit(failed ? 1 : 0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  // A signal handler's promise has no one to await it: shutDown catches its own failures and exits.
  process.once('SIGTERM', (signal) => void shutDown(signal));
  process.once('SIGINT', (signal) => void shutDown(signal));
}

/**
 * Closing the queues disconnects Bull's Redis clients, and commands Bull sent without awaiting them
 * (its blocking client reconnects to end a wait, then is disconnected) reject with ioredis'
 * `Connection is closed.` with nobody to catch them: Node would make that an exit 1 of a clean
 * shutdown (seen with a worker stopped while its clients were still connecting). Expected once
 * closing has begun; any other unhandled rejection still fails the shutdown.
 */
export function isExpectedWhileClosing(reason: unknown): boolean {
  return reason instanceof Error && reason.message === 'Connection is closed.';
}

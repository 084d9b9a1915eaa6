import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HailLifecycle } from './hail-lifecycle.service.js';

/**
 * Nothing answered 200 is lost: at start-up, then every SWEEP_INTERVAL_MS, hails whose job never ran
 * (process killed after the 200, Redis down or flushed) are enqueued again while their deadline
 * allows, and marked `failure` once it cannot.
 */
@Injectable()
export class HailRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HailRecovery.name);
  static readonly SWEEP_INTERVAL_MS = 15_000;
  /** Rows younger than this are in their request's or job's hands: leave them be. */
  static readonly SWEEP_MIN_AGE_MS = 5_000;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly lifecycle: HailLifecycle) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep(0, true);
    this.timer = setInterval(() => void this.sweep(HailRecovery.SWEEP_MIN_AGE_MS), HailRecovery.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(olderThanMs: number, restartWatches = false): Promise<void> {
    try {
      const { updates, expired } = await this.lifecycle.recover({ olderThanMs, restartWatches });
      if (updates || expired) this.logger.log(`recovery: ${updates} hail update(s) re-enqueued, ${expired} past their deadline`);
    } catch (error) {
      this.logger.error(`recovery sweep failed: ${(error as Error).message}`);
    }
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HailLifecycleService } from './hail-lifecycle.service.js';

/**
 * The safety net under durable work: at start-up, then every SWEEP_INTERVAL_MS, every step the
 * hails' rows say is due gets a work item if it has none (rows written before durable work existed,
 * or edited by hand). Crashes, Redis outages and dead workers need nothing from here: their items
 * are in the database already and are retaken when their lease runs out. Logs only what it rebuilt.
 */
@Injectable()
export class HailRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HailRecoveryService.name);
  static readonly SWEEP_INTERVAL_MS = 60_000;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly lifecycle: HailLifecycleService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), HailRecoveryService.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const rebuilt = await this.lifecycle.reconcile();
      if (rebuilt > 0) this.logger.warn(`recovery: ${rebuilt} missing hail work item(s) rebuilt from the hails' rows`);
    } catch (error) {
      this.logger.error(`recovery sweep failed: ${(error as Error).message}`);
    }
  }
}

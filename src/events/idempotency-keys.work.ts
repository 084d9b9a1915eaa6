import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DueWork } from '../database/due-work/due-work.service.js';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { EventsService } from './events.service.js';

/**
 * The purge of expired Idempotency-Keys, as durable work: one `due_work` row that runs every
 * `PURGE_EVERY_MS` and arms itself again, so a restart or a crashed worker never loses it. Expiry
 * itself does not wait for the purge: an append treats a key past its retention as absent (it
 * takes its row over), so the purge only keeps the table small.
 */
export const IDEMPOTENCY_KEYS_PURGE_WORK = 'events.idempotency-keys.purge';
const PURGE_EVERY_MS = 3_600_000;

@Injectable()
export class IdempotencyKeysWorkHandler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(IdempotencyKeysWorkHandler.name);
  constructor(
    private readonly runner: DueWorkRunner,
    private readonly dueWork: DueWork,
    private readonly transactions: TransactionRunner,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.runner.register({
      kind: IDEMPOTENCY_KEYS_PURGE_WORK,
      concurrency: 1,
      run: async () => {
        await this.events.purgeExpiredKeys();
        return { again: { dueAt: new Date(Date.now() + PURGE_EVERY_MS) } };
      },
    });
  }

  /**
   * Makes sure the one purge item exists (every worker asks; the first one's row stays). A database
   * away at boot must not stop the process: expiry does not depend on the purge, and the next boot asks again.
   */
  async onApplicationBootstrap(): Promise<void> {
    const request = { kind: IDEMPOTENCY_KEYS_PURGE_WORK, key: 'all', dueAt: new Date(Date.now() + PURGE_EVERY_MS) };
    try {
      await this.transactions.run((manager) => this.dueWork.schedule(manager, request, 'ifAbsent'));
    } catch (error) {
      this.logger.warn(`could not schedule the purge of expired idempotency keys: ${String(error)}`);
    }
  }
}

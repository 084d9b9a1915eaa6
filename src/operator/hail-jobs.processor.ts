import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { HailLifecycle } from './hail-lifecycle.service.js';
import { HAIL_JOBS, HAILS_QUEUE, type DecisionTimeoutJob, type HailUpdateJob, type WatchHailJob } from './hail-jobs.js';

/**
 * The `hails` queue. Concurrency adds up across handlers to at most the database pool (20), and a
 * job holds a connection only between its network waits, so the hail endpoint always finds one: a
 * 500 there loses the hail at the registry, while a job that waits a little still has most of its 10 s.
 */
@Processor(HAILS_QUEUE)
export class HailJobsProcessor {
  private readonly logger = new Logger(HailJobsProcessor.name);

  constructor(private readonly lifecycle: HailLifecycle) {}

  @Process({ name: HAIL_JOBS.notifyTaxi, concurrency: 12 })
  async notifyTaxi(job: Job<HailUpdateJob>): Promise<void> {
    await this.run(job, () => this.lifecycle.sendUpdate(job.data.hailId, job.data.seq));
  }

  @Process({ name: HAIL_JOBS.updateHail, concurrency: 4 })
  async updateHail(job: Job<HailUpdateJob>): Promise<void> {
    await this.run(job, () => this.lifecycle.sendUpdate(job.data.hailId, job.data.seq));
  }

  @Process({ name: HAIL_JOBS.watchHail, concurrency: 2 })
  async watchHail(job: Job<WatchHailJob>): Promise<void> {
    await this.run(job, () => this.lifecycle.watch(job.data.hailId, job.data.round));
  }

  @Process({ name: HAIL_JOBS.decisionTimeout, concurrency: 2 })
  async decisionTimeout(job: Job<DecisionTimeoutJob>): Promise<void> {
    await this.run(job, () => this.lifecycle.decisionTimeout(job.data.hailId));
  }

  /** A failed job stays visible on the board; its outbox row stays pending for the recovery sweep. */
  private async run(job: Job, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`${job.name} ${job.id} failed: ${(error as Error).message}`);
      throw error;
    }
  }
}

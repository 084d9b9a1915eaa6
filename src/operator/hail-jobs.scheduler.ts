import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout.js';
import { HailUpdate } from './hail-update.entity.js';
import { HAIL_JOBS, hailJobIds, HAILS_QUEUE, type DecisionTimeoutJob, type HailUpdateJob, type WatchHailJob } from './hail-jobs.js';

/**
 * Puts hail jobs on the Bull queue, always AFTER the transaction that made them due has committed.
 * Enqueueing may fail (Redis down): the database is the record of what is due (the outbox rows,
 * the hail's status), and the recovery sweep enqueues it again, so a failure here is logged, not thrown.
 */
@Injectable()
export class HailJobsScheduler {
  private readonly logger = new Logger(HailJobsScheduler.name);
  /** How long a request waits for Redis before leaving the job to the recovery sweep. */
  static readonly ENQUEUE_TIMEOUT_MS = 1000;

  constructor(
    @InjectQueue(HAILS_QUEUE) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Enqueues the hail's first pending update, if any. Called by whoever may have made an update the
   * first pending one (its writer, or the job that finished the one before), after its commit: so
   * however the two interleave, one of them sees it.
   */
  async kickUpdates(hailId: string, options: { replaceFinished?: boolean } = {}): Promise<void> {
    try {
      const next = await this.dataSource.getRepository(HailUpdate).findOne({
        where: { hailId, state: 'pending' },
        order: { seq: 'ASC' },
      });
      if (!next) return;
      if (options.replaceFinished) await this.removeIfFinished(hailJobIds.update(hailId, next.seq));
      await this.enqueueUpdate(hailId, next.seq, next.body.status);
    } catch (error) {
      this.logger.warn(`hail ${hailId}: update not enqueued (${(error as Error).message}); the recovery sweep will retry`);
    }
  }

  /** Enqueues a known update directly: its writer knows it is the hail's first pending one. */
  async enqueueUpdate(hailId: string, seq: number, status: string): Promise<void> {
    try {
      const name = status === 'received_by_taxi' ? HAIL_JOBS.notifyTaxi : HAIL_JOBS.updateHail;
      const data: HailUpdateJob = { hailId, seq };
      await withTimeout(this.queue.add(name, data, { jobId: hailJobIds.update(hailId, seq) }), HailJobsScheduler.ENQUEUE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`hail ${hailId}: update not enqueued (${(error as Error).message}); the recovery sweep will retry`);
    }
  }

  async scheduleDecisionTimeout(hailId: string, delayMs: number): Promise<void> {
    const data: DecisionTimeoutJob = { hailId };
    await this.add(HAIL_JOBS.decisionTimeout, data, hailJobIds.decisionTimeout(hailId), delayMs);
  }

  async scheduleWatch(hailId: string, round: number, delayMs: number): Promise<void> {
    const data: WatchHailJob = { hailId, round };
    await this.add(HAIL_JOBS.watchHail, data, hailJobIds.watch(hailId, round), delayMs);
  }

  private async add(name: string, data: object, jobId: string, delayMs: number): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(name, data, { jobId, delay: Math.max(0, Math.round(delayMs)), removeOnComplete: true }),
        HailJobsScheduler.ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn(`${jobId}: not enqueued (${(error as Error).message}); the recovery sweep will retry`);
    }
  }

  /** A job that ended (e.g. failed on a database error) would make Bull ignore the same id again. */
  private async removeIfFinished(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (job && ((await job.isCompleted()) || (await job.isFailed()))) await job.remove();
  }
}

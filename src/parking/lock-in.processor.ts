import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { LOCK_IN_JOB, LOCK_IN_QUEUE, LockInJob } from './lock-in.scheduler.js';
import { LoansService } from './loans.service.js';

/** Locks a date in at its org's lock-in time (spec rule 4). */
@Processor(LOCK_IN_QUEUE)
export class LockInProcessor {
  private readonly logger = new Logger(LockInProcessor.name);

  constructor(private readonly loans: LoansService) {}

  @Process(LOCK_IN_JOB)
  async lockIn(job: Job<LockInJob>): Promise<void> {
    this.logger.debug(`lock-in of org ${job.data.orgId} on ${job.data.date}`);
    await this.loans.lockInWhenDue(job.data.orgId, job.data.date);
  }
}

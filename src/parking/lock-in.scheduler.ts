import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Org } from './org.entity.js';
import { ParkingClock } from './parking-clock.js';
import { lockInInstant } from './schedule.js';

export const LOCK_IN_QUEUE = 'parking-lock-in';
export const LOCK_IN_JOB = 'lock-in';

/** The payload of a lock-in job: one org's date. */
export interface LockInJob {
  orgId: number;
  date: string;
}

/** One job per org and date: Bull keeps a job id once, so scheduling a date again changes nothing. */
export const lockInJobId = (orgId: number, date: string) => `org:${orgId}:${date}`;

/** Schedules each date's lock-in as a Bull delayed job at the org's `lock_in` time on the day before. */
@Injectable()
export class LockInScheduler {
  private readonly logger = new Logger(LockInScheduler.name);

  constructor(
    @InjectQueue(LOCK_IN_QUEUE) private readonly queue: Queue<LockInJob>,
    private readonly clock: ParkingClock,
  ) {}

  /**
   * Schedules the lock-in of each date (a date already scheduled keeps its job). `after` names a
   * later instant for a job that ran early because the org moved its lock-in time.
   */
  async schedule(org: Org, dates: string[], options: { after?: Date } = {}): Promise<void> {
    if (dates.length === 0) return;
    const now = this.clock.now().getTime();
    // From the job itself: let Bull retry it rather than lose the lock-in.
    if (options.after) return this.addJobs(org, dates, now, options);
    try {
      await this.addJobs(org, dates, now, options);
    } catch (error) {
      // Called after the request's transaction committed: failing the request now would misreport
      // it. A date whose job is missing is still locked in by the next request or offer that touches
      // it after its lock-in time, or by a moderator.
      this.logger.error(`could not schedule the lock-in of org ${org.id} on ${dates.join(', ')}: ${(error as Error).message}`);
    }
  }

  private async addJobs(org: Org, dates: string[], now: number, options: { after?: Date }): Promise<void> {
    await this.queue.addBulk(
      dates.map((date) => {
        const due = lockInInstant(date, org.lockIn, org.timezone).getTime();
        const jobId = options.after ? `${lockInJobId(org.id, date)}:${options.after.getTime()}` : lockInJobId(org.id, date);
        return { name: LOCK_IN_JOB, data: { orgId: org.id, date }, opts: { jobId, delay: Math.max(0, due - now), attempts: 5, backoff: 1000 } };
      }),
    );
  }

  /** After a change of the org's lock-in time or time zone: the waiting jobs move to the new instant. */
  async reschedule(org: Org, dates: string[]): Promise<void> {
    for (const date of dates) {
      const job = await this.queue.getJob(lockInJobId(org.id, date));
      if (job && (await job.isDelayed())) await job.remove();
    }
    await this.schedule(org, dates);
  }
}

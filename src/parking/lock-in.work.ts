import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Histogram } from 'prom-client';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { LockInService } from './lock-in.service.js';

/** The durable work item of a date's lock-in (written by `LockInScheduler`). */
export const LOCK_IN_WORK = 'parking.lock-in';

/** Its payload: one org's date. */
export interface LockInPayload {
  orgId: number;
  date: string;
}

/** One item per org and date. */
export const lockInKey = (orgId: number, date: string) => `org:${orgId}:${date}`;

/** Locks a date in at its org's lock-in time: the handler of `parking.lock-in` items. */
@Injectable()
export class LockInWork implements OnModuleInit {
  /** How late after its lock-in time each date locked in: the promise is "at its time". */
  private readonly lateness: Histogram;

  constructor(
    private readonly runner: DueWorkRunner,
    private readonly lockIns: LockInService,
    metrics: MetricsService,
  ) {
    this.lateness = metrics.histogram({
      name: 'citymove_parking_lock_in_lateness_seconds',
      help: 'Scheduled parking lock-ins done, by how long after their lock-in time they ran',
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    });
  }

  onModuleInit(): void {
    this.runner.register({
      kind: LOCK_IN_WORK,
      concurrency: 2,
      run: async (work) => {
        const { orgId, date } = work.payload as LockInPayload;
        const outcome = await this.lockIns.lockInWhenDue(orgId, date);
        if (outcome === undefined) this.lateness.observe(Math.max(0, (Date.now() - work.dueAt.getTime()) / 1000));
        return outcome;
      },
    });
  }
}

import { Process, Processor } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { BikePositionsService } from './bike-positions.service.js';
import type { BikeLocationReport } from './bikes.repository.js';

/** The Bull queue carrying bikes' position reports from the HTTP gateway to the processor. */
export const BIKE_LOCATIONS_QUEUE = 'bike-locations';

/**
 * One job of `bike-locations`: the reports the route received together (one, when traffic is
 * light). Queue and processor costs are paid per job, not per report; applying a job twice is
 * harmless (the second time every report is stale), so a failed job is simply retried.
 */
export interface BikeLocationsJob {
  reports: BikeLocationReport[];
  /** The durable record of these reports (`due_work`, see `bike-locations.work.ts`), discarded once the job applied them. */
  workId?: string;
}

/**
 * Jobs spend their time waiting on Redis and PostgreSQL round trips, not on the CPU, so many run at
 * once (the benchmark's 1,000 reports/s need it); the stale check in `applyLocation` keeps them
 * correct in any order. Each report holds a pooled connection only for its one or two statements.
 */
const CONCURRENCY = 32;

/**
 * Applies queued position reports to bikes and their trips' paths: the fast path, ahead of the
 * durable row (`BikeLocationsWorkHandler`). The two may overlap: the second application drops them.
 */
@Processor(BIKE_LOCATIONS_QUEUE)
@Injectable()
export class BikeLocationsProcessor {
  private readonly logger = new Logger(BikeLocationsProcessor.name);

  constructor(
    private readonly positions: BikePositionsService,
    private readonly dueWork: DueWorkRepository,
  ) {}

  @Process({ concurrency: CONCURRENCY })
  async apply(job: Job<BikeLocationsJob>): Promise<{ applied: number; dropped: number }> {
    const result = await this.positions.applyLocations(job.data.reports);
    if (job.data.workId !== undefined) await this.dueWork.discard(job.data.workId);
    if (result.dropped > 0) this.logger.debug(`job ${job.id}: ${result.dropped} stale position report(s) dropped`);
    return result;
  }
}

import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { BIKE_LOCATIONS_QUEUE, type BikeLocationsJob } from './bike-location.job.js';
import { BikesService } from './bikes.service.js';

/**
 * Jobs spend their time waiting on Redis and PostgreSQL round trips, not on the CPU, so many run at
 * once (the benchmark's 1,000 reports/s need it); the stale check in `applyLocation` keeps them
 * correct in any order. Each report holds a pooled connection only for its one or two statements.
 */
const CONCURRENCY = 32;

/** Applies queued position reports to bikes and their trips' paths. */
@Processor(BIKE_LOCATIONS_QUEUE)
export class BikeLocationsProcessor {
  private readonly logger = new Logger(BikeLocationsProcessor.name);

  constructor(private readonly bikes: BikesService) {}

  @Process({ concurrency: CONCURRENCY })
  async apply(job: Job<BikeLocationsJob>): Promise<{ applied: number; dropped: number }> {
    const result = await this.bikes.applyLocations(job.data.reports);
    if (result.dropped > 0) this.logger.debug(`job ${job.id}: ${result.dropped} stale position report(s) dropped`);
    return result;
  }
}

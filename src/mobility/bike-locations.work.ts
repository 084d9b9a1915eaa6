import { Injectable, OnModuleInit } from '@nestjs/common';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { BikePositionsService } from './bike-positions.service.js';
import type { BikeLocationReport } from './bikes.repository.js';

/**
 * Position reports as durable work: the 202 is answered once this row is committed, and the Bull
 * job is only the fast path. Due `BIKE_REPORTS_GRACE_MS` later, so that while Redis is up the job
 * applies them first; when Redis is down, flushed or slow, the runner applies them from the row.
 */
export const BIKE_LOCATIONS_WORK = 'bike.locations';
export const BIKE_REPORTS_GRACE_MS = 1000;

/** The payload of a `bike.locations` row: the reports received together. */
export interface BikeLocationsWorkPayload {
  reports: BikeLocationReport[];
}

/** Applies the reports of a `bike.locations` row no Bull job took within its grace (Redis down or flushed). */
@Injectable()
export class BikeLocationsWorkHandler implements OnModuleInit {
  constructor(
    private readonly runner: DueWorkRunner,
    private readonly positions: BikePositionsService,
  ) {}

  onModuleInit(): void {
    this.runner.register({
      kind: BIKE_LOCATIONS_WORK,
      concurrency: 4,
      run: async (work) => {
        await this.positions.applyLocations((work.payload as BikeLocationsWorkPayload).reports);
      },
    });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner.js';
import { type BikeLocationReport, BikesRepository } from './bikes.repository.js';
import { toPoint } from './geo.js';
import { TripsRepository } from './trips.repository.js';

/**
 * Applies bikes' position reports (from the `bike-locations` jobs and their durable work rows):
 * moves each bike and, while it is on a trip, appends to the trip's path. Applying a report twice
 * drops it the second time, so the job and the row may both apply the same reports.
 */
@Injectable()
export class BikePositionsService {
  private readonly logger = new Logger(BikePositionsService.name);

  constructor(
    private readonly bikes: BikesRepository,
    private readonly trips: TripsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Applies the reports of one job: the bikes in parallel, each bike's reports one after the other
   * in `recorded_at` order, so none of them is dropped for arriving in the wrong order.
   */
  async applyLocations(reports: BikeLocationReport[]): Promise<{ applied: number; dropped: number }> {
    const byBike = new Map<string, BikeLocationReport[]>();
    for (const report of reports) byBike.set(report.bikeId, [...(byBike.get(report.bikeId) ?? []), report]);
    let applied = 0;
    await Promise.all(
      [...byBike.values()].map(async (bikeReports) => {
        bikeReports.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
        for (const report of bikeReports) if (await this.applyLocation(report)) applied++;
      }),
    );
    return { applied, dropped: reports.length - applied };
  }

  /**
   * Applies one position report. A report older than the bike's position is dropped by the move's
   * own condition, so concurrent processors can never move a bike backwards.
   *
   * Most bikes are parked: where the database offers it (PostgreSQL), a shared autocommitted move
   * does it all for them (a bike not on a trip has no path to append to). A bike on a trip, a stale
   * report, and every report on SQLite take the transaction that also appends to the path.
   *
   * @returns whether the report was applied (false: stale, or the bike no longer exists)
   */
  async applyLocation(report: BikeLocationReport): Promise<boolean> {
    if (await this.bikes.moveParked(report)) return true;
    return this.transactions.run(async () => {
      // The move row-locks the bike until commit, so appends to a trip's path happen in `recorded_at` order.
      if (!(await this.bikes.moveIfNewer(report, new Date()))) {
        this.logger.debug(`dropped a stale or orphan position of bike ${report.bikeId} recorded at ${report.recordedAt}`);
        return false;
      }
      await this.trips.appendToPathOfBike(report.bikeId, toPoint(report), report.recordedAt);
      return true;
    });
  }
}

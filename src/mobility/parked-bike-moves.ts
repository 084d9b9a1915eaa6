import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BikeLocationReport } from './bike-location.job.js';
import { MicroBatcher } from '../common/batching/micro-batcher.js';

/** Enough to amortise a round trip, small enough to keep one statement short. */
const MAX_BATCH = 500;

/**
 * Moves parked bikes (not on a trip) to reported positions, many reports per statement, on
 * PostgreSQL. The processor runs dozens of jobs at once and each would otherwise pay its own
 * round trip for a one-row UPDATE; the profile of 1,000 reports/s was dominated by those socket
 * writes.
 *
 * Every rule of the one-row UPDATE holds per row: a row moves only if the report is newer than its
 * position and the bike is not on a trip. A report that did not move its bike (stale, on a trip,
 * unknown, a failed statement, or an older report of the same bike in this batch) answers `false`,
 * and the caller then takes the transactional path, where the final word is said.
 */
@Injectable()
export class ParkedBikeMoves {
  private readonly logger = new Logger(ParkedBikeMoves.name);
  private readonly batcher = new MicroBatcher<BikeLocationReport, boolean>((jobs) => this.move(jobs), { maxBatch: MAX_BATCH });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves true when the bike moved to this report's position. */
  apply(job: BikeLocationReport): Promise<boolean> {
    return this.batcher.submit(job);
  }

  private async move(jobs: BikeLocationReport[]): Promise<boolean[]> {
    // One row per bike: the newest report of each; the older ones lose (they would be stale).
    const newest = new Map<string, BikeLocationReport>();
    for (const job of jobs) {
      const current = newest.get(job.bikeId);
      if (current === undefined || Date.parse(job.recordedAt) > Date.parse(current.recordedAt)) newest.set(job.bikeId, job);
    }
    // Ids in a fixed order so that concurrent workers lock rows in the same order.
    const rows = [...newest.values()].sort((a, b) => (a.bikeId < b.bikeId ? -1 : 1));
    let moved = new Set<string>();
    try {
      // TypeORM answers an UPDATE on PostgreSQL with `[rows, rowCount]`.
      const [updated]: [Array<{ id: string }>, number] = await this.dataSource.query(
        `UPDATE bikes AS bike
            SET lon = report.lon, lat = report.lat, location_recorded_at = report.recorded_at, updated_at = $5
           FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::timestamptz[]) AS report(id, lon, lat, recorded_at)
          WHERE bike.id = report.id AND bike.location_recorded_at < report.recorded_at AND bike.status <> 'on_trip'
          RETURNING bike.id`,
        [rows.map((r) => r.bikeId), rows.map((r) => r.lon), rows.map((r) => r.lat), rows.map((r) => r.recordedAt), new Date()],
      );
      moved = new Set(updated.map((row) => row.id));
    } catch (error) {
      this.logger.warn(`batched move of ${rows.length} bikes failed, falling back to one transaction each: ${(error as Error).message}`);
    }
    return jobs.map((job) => newest.get(job.bikeId) === job && moved.has(job.bikeId));
  }
}

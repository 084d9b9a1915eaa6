import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { MicroBatcher } from '../common/batching/micro-batcher.js';
import { DatabaseLocks } from '../database/database-locks.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { type AdminBikeStatus, Bike, type BikeStatus } from './bike.entity.js';
import { instantOf } from '../database/column-types.js';
import { type BikeLocationReport, BikesRepository, type FeedBike, type NearSearch, type PageWindow } from './bikes.repository.js';
import { boundingBox, EARTH_RADIUS_M } from './geo.js';

/** The statuses a rider sees in the street; a bike on a trip is not there to take. */
const IN_THE_STREET: BikeStatus[] = ['available', 'non_operational'];

/** Enough to amortise a round trip, small enough to keep one statement short. */
const MAX_PARKED_MOVES = 500;

/** The battery columns a report changes: only those it carries (a report without them keeps the last known state). */
function batteryOf(report: BikeLocationReport): Partial<Pick<Bike, 'currentFuelPercent' | 'currentRangeMeters'>> {
  return {
    ...(report.fuelPercent === undefined ? {} : { currentFuelPercent: report.fuelPercent }),
    ...(report.rangeMeters === undefined ? {} : { currentRangeMeters: report.rangeMeters }),
  };
}

/** The bikes table in TypeORM's portable terms; the dialects differ in the few methods they override. */
@Injectable()
abstract class SqlBikesRepository extends BikesRepository {
  /** The SQL name of `min(a, b)` on two values. */
  protected abstract readonly least: 'LEAST' | 'MIN';

  constructor(
    protected readonly transactions: TransactionRunner,
    private readonly locks: DatabaseLocks,
    @InjectDataSource() protected readonly dataSource: DataSource,
  ) {
    super();
  }

  async insert(bike: Bike): Promise<void> {
    await this.transactions.run((manager) => manager.insert(Bike, bike));
  }

  findById(id: string): Promise<Bike | null> {
    return this.transactions.manager().findOneBy(Bike, { id });
  }

  async findExistingIds(ids: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.manager.find(Bike, { select: { id: true }, where: { id: In(ids) } });
    return new Set(rows.map((row) => row.id));
  }

  async findPage(status: BikeStatus | undefined, page: PageWindow): Promise<{ bikes: Bike[]; total: number }> {
    const query = this.withStatus(status);
    const total = await query.getCount();
    const bikes = await query.orderBy('bike.createdAt', 'ASC').addOrderBy('bike.id', 'ASC').offset(page.offset).limit(page.limit).getMany();
    return { bikes, total };
  }

  async findNearPage(
    status: BikeStatus | undefined,
    near: NearSearch,
    page: PageWindow,
  ): Promise<{ bikes: Array<{ bike: Bike; distanceM: number }>; total: number }> {
    const query = this.withStatus(status);
    const distance = this.withinRadius(query, near);
    const total = await query.getCount();
    const { entities, raw } = await query
      .addSelect(distance, 'distance_m')
      .orderBy('distance_m', 'ASC')
      .addOrderBy('bike.id', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getRawAndEntities<{ distance_m: number | string }>();
    return { bikes: entities.map((bike, i) => ({ bike, distanceM: Number(raw[i].distance_m) })), total };
  }

  findVisibleInStreet(): Promise<Array<Pick<Bike, 'publicId' | 'status' | 'lon' | 'lat' | 'locationRecordedAt'>>> {
    return this.transactions.manager().find(Bike, {
      select: { publicId: true, status: true, lon: true, lat: true, locationRecordedAt: true },
      where: { status: In(IN_THE_STREET) },
      order: { publicId: 'ASC' },
    });
  }

  findInStreetForFeed(): Promise<FeedBike[]> {
    return this.transactions.manager().find(Bike, {
      select: {
        publicId: true,
        status: true,
        lon: true,
        lat: true,
        locationRecordedAt: true,
        vehicleTypeId: true,
        currentFuelPercent: true,
        currentRangeMeters: true,
        updatedAt: true,
      },
      where: { status: In(IN_THE_STREET) },
      order: { publicId: 'ASC' },
    });
  }

  async lastChangeAt(): Promise<Date | null> {
    const row = await this.transactions
      .manager()
      .createQueryBuilder(Bike, 'bike')
      .select('MAX(bike.updated_at)', 'last')
      .getRawOne<{ last: Date | string | null }>();
    return row?.last === null || row?.last === undefined ? null : instantOf(row.last);
  }

  async countByStatus(): Promise<Map<string, number>> {
    const rows = await this.transactions
      .manager()
      .createQueryBuilder(Bike, 'bike')
      .select('bike.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('bike.status')
      .getRawMany<{ status: string; count: string | number }>();
    return new Map(rows.map((row) => [row.status, Number(row.count)]));
  }

  setAdminStatus(id: string, status: AdminBikeStatus, at: Date): Promise<boolean> {
    return this.updateWhere(id, { status, updatedAt: at }, "status <> 'on_trip'");
  }

  claimForTrip(id: string, at: Date): Promise<boolean> {
    return this.updateWhere(id, { status: 'on_trip', updatedAt: at }, "status = 'available'");
  }

  async lockForTripEnd(id: string): Promise<void> {
    await this.locks.lockRows(this.transactions.manager(), Bike, 'id', [id]);
  }

  async returnFromTrip(id: string, publicId: string, at: Date): Promise<void> {
    await this.updateWhere(id, { status: 'available', publicId, updatedAt: at }, "status = 'on_trip'");
  }

  async moveParked(_report: BikeLocationReport): Promise<boolean> {
    return false;
  }

  async moveIfNewer(report: BikeLocationReport, at: Date): Promise<boolean> {
    const recordedAt = new Date(report.recordedAt);
    return this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Bike)
        .set({ lon: report.lon, lat: report.lat, locationRecordedAt: recordedAt, updatedAt: at, ...batteryOf(report) })
        .where('id = :id', { id: report.bikeId })
        .andWhere('location_recorded_at < :recordedAt', { recordedAt })
        .execute();
      return (result.affected ?? 0) > 0;
    });
  }

  private withStatus(status: BikeStatus | undefined): SelectQueryBuilder<Bike> {
    const query = this.transactions.manager().createQueryBuilder(Bike, 'bike');
    if (status !== undefined) query.andWhere('bike.status = :status', { status });
    return query;
  }

  /** One conditional UPDATE of one bike: whether a row matched `condition` and changed. */
  private updateWhere(id: string, changes: Partial<Bike>, condition: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const result = await manager.createQueryBuilder().update(Bike).set(changes).where('id = :id', { id }).andWhere(condition).execute();
      return (result.affected ?? 0) > 0;
    });
  }

  /**
   * Restricts the query to bikes within the radius and returns the SQL of their distance. The
   * bounding box comes first because it is what the (lat, lon) index can answer; the exact
   * great-circle distance (haversine, in SQL so that ordering and pages stay in the database) then
   * drops the box's corners. Both dialects have these math functions (SQLite's built-in set).
   */
  private withinRadius(query: SelectQueryBuilder<Bike>, near: NearSearch): string {
    const box = boundingBox(near.center, near.radiusM);
    query.andWhere('bike.lat BETWEEN :minLat AND :maxLat', { minLat: box.minLat, maxLat: box.maxLat });
    query.andWhere(
      new Brackets((ranges) => {
        box.lonRanges.forEach(([minLon, maxLon], i) => {
          ranges.orWhere(`bike.lon BETWEEN :minLon${i} AND :maxLon${i}`, { [`minLon${i}`]: minLon, [`maxLon${i}`]: maxLon });
        });
      }),
    );
    const distance =
      `(2 * ${EARTH_RADIUS_M} * ASIN(${this.least}(1, SQRT(` +
      'POWER(SIN(RADIANS(bike.lat - :nearLat) / 2), 2) + ' +
      'COS(RADIANS(:nearLat)) * COS(RADIANS(bike.lat)) * POWER(SIN(RADIANS(bike.lon - :nearLon) / 2), 2)))))';
    query.andWhere(`${distance} <= :radiusM`, { nearLat: near.center.lat, nearLon: near.center.lon, radiusM: near.radiusM });
    return distance;
  }
}

/**
 * PostgreSQL: ids looked up as one `uuid[]` parameter (one statement shape whatever the batch), and
 * parked bikes moved many reports per statement.
 */
@Injectable()
export class PostgresBikesRepository extends SqlBikesRepository {
  protected readonly least = 'LEAST';
  private readonly logger = new Logger(PostgresBikesRepository.name);
  private readonly parkedMoves = new MicroBatcher<BikeLocationReport, boolean>((reports) => this.moveParkedBikes(reports), {
    maxBatch: MAX_PARKED_MOVES,
  });

  async findExistingIds(ids: string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM bikes WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id));
  }

  moveParked(report: BikeLocationReport): Promise<boolean> {
    return this.parkedMoves.submit(report);
  }

  /**
   * The processor runs dozens of jobs at once and each would otherwise pay its own round trip for a
   * one-row UPDATE; the profile of 1,000 reports/s was dominated by those socket writes. Every rule
   * of the one-row UPDATE holds per row: a row moves only if the report is newer than its position
   * and the bike is not on a trip (`status <> 'on_trip'` is re-checked on the latest row version, and
   * a bike not on a trip has no trip path to append to). A report that did not move its bike (stale,
   * on a trip, unknown, a failed statement, or an older report of the same bike in this batch)
   * answers `false`, and the caller then takes the transactional path, where the final word is said.
   */
  private async moveParkedBikes(reports: BikeLocationReport[]): Promise<boolean[]> {
    // One row per bike: the newest report of each; the older ones lose (they would be stale).
    const newest = new Map<string, BikeLocationReport>();
    for (const report of reports) {
      const current = newest.get(report.bikeId);
      if (current === undefined || Date.parse(report.recordedAt) > Date.parse(current.recordedAt)) newest.set(report.bikeId, report);
    }
    // Ids in a fixed order so that concurrent workers lock rows in the same order.
    const rows = [...newest.values()].sort((a, b) => (a.bikeId < b.bikeId ? -1 : 1));
    let moved = new Set<string>();
    try {
      // TypeORM answers an UPDATE on PostgreSQL with `[rows, rowCount]`.
      const [updated]: [Array<{ id: string }>, number] = await this.dataSource.query(
        `UPDATE bikes AS bike
            SET lon = report.lon, lat = report.lat, location_recorded_at = report.recorded_at, updated_at = $5,
                current_fuel_percent = COALESCE(report.fuel, bike.current_fuel_percent),
                current_range_meters = COALESCE(report.range_m, bike.current_range_meters)
           FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::timestamptz[], $6::float8[], $7::float8[])
                AS report(id, lon, lat, recorded_at, fuel, range_m)
          WHERE bike.id = report.id AND bike.location_recorded_at < report.recorded_at AND bike.status <> 'on_trip'
          RETURNING bike.id`,
        [
          rows.map((r) => r.bikeId),
          rows.map((r) => r.lon),
          rows.map((r) => r.lat),
          rows.map((r) => r.recordedAt),
          new Date(),
          rows.map((r) => r.fuelPercent ?? null),
          rows.map((r) => r.rangeMeters ?? null),
        ],
      );
      moved = new Set(updated.map((row) => row.id));
    } catch (error) {
      this.logger.warn(`batched move of ${rows.length} bikes failed, falling back to one transaction each: ${(error as Error).message}`);
    }
    return reports.map((report) => newest.get(report.bikeId) === report && moved.has(report.bikeId));
  }
}

/**
 * SQLite: ids looked up with `IN`, and no shared statement for parked bikes: every write queues
 * behind the one writer anyway, so each report takes the transactional path.
 */
@Injectable()
export class SqliteBikesRepository extends SqlBikesRepository {
  protected readonly least = 'MIN';
}

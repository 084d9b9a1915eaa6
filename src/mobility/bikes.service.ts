import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import type { PageRequest } from '../common/http/pagination.js';
import { isPostgres } from '../database/column-types.js';
import { Bike, type AdminBikeStatus } from './bike.entity.js';
import { BIKE_LOCATIONS_QUEUE, type BikeLocationReport, type BikeLocationsJob } from './bike-location.job.js';
import { isUuid } from './uuid.js';
import { MicroBatcher } from '../common/batching/micro-batcher.js';
import { ParkedBikeMoves } from './parked-bike-moves.js';
import { BikeView, QueuedLocationView } from './dto/bike-view.dto.js';
import type { CreateBikeDto } from './dto/create-bike.dto.js';
import type { CreateBikeLocationDto } from './dto/create-bike-location.dto.js';
import { DEFAULT_NEAR_RADIUS_M, type ListBikesQueryDto, MAX_NEAR_RADIUS_M } from './dto/list-bikes-query.dto.js';
import { boundingBox, EARTH_RADIUS_M, fromPoint, type LonLat, toPoint } from './geo.js';

/** How far ahead of our clock a bike's `recorded_at` may be: a bike clock far in the future would
 * otherwise pin the bike in place, every honest update after it looking stale. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A fleet's worth of remembered ids (about 10 MB); beyond it the memory starts again empty. */
const KNOWN_BIKES_LIMIT = 250_000;

/** The `near` search, parsed: a centre and a radius in metres. */
interface NearSearch {
  center: LonLat;
  radiusM: number;
}

/** Bikes: the fleet admin's routes, the public search, and applying queued position reports. */
@Injectable()
export class BikesService {
  private readonly logger = new Logger(BikesService.name);
  /** Bike ids known to exist (see `bikeExists`). */
  private readonly knownBikes = new Set<string>();
  /** Cache misses of `bikeExists`, looked up many per query under load. */
  private readonly bikeLookups = new MicroBatcher<string, boolean>(async (ids) => {
    const rows: Array<{ id: string }> = isPostgres
      ? await this.dataSource.query('SELECT id FROM bikes WHERE id = ANY($1::uuid[])', [ids])
      : await this.dataSource.query(`SELECT id FROM bikes WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    const found = new Set(rows.map((row) => row.id));
    return ids.map((id) => found.has(id));
  }, { maxBatch: 200 });
  /**
   * Reports received together go to Bull as one job; each request still answers 202 only once the
   * job holding its report is in Redis.
   */
  private readonly queuedReports = new MicroBatcher<BikeLocationReport, void>(async (reports) => {
    await this.locationsQueue.add({ reports });
    return reports.map(() => undefined);
  }, { maxBatch: 200 });

  constructor(
    @InjectRepository(Bike) private readonly bikes: Repository<Bike>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(BIKE_LOCATIONS_QUEUE) private readonly locationsQueue: Queue<BikeLocationsJob>,
    private readonly parkedMoves: ParkedBikeMoves,
  ) {}

  async create(dto: CreateBikeDto): Promise<Bike> {
    const now = new Date();
    const bike = this.bikes.create({
      id: randomUUID(),
      status: dto.status ?? 'available',
      ...fromPoint(dto.location),
      locationRecordedAt: now,
      publicId: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.transaction((manager) => manager.insert(Bike, bike));
    return bike;
  }

  /** The bike, or 404 (also for an id that is not a UUID: it cannot name a bike). */
  async findOne(id: string): Promise<Bike> {
    const bike = isUuid(id) ? await this.bikes.findOneBy({ id: id.toLowerCase() }) : null;
    if (!bike) throw ApiError.notFound(`bike ${id} not found`);
    return bike;
  }

  /** One page of bikes and the total; with `near`, only those within the radius, nearest first. */
  async list(query: ListBikesQueryDto, pageRequest: PageRequest): Promise<{ items: BikeView[]; total: number }> {
    const near = parseNearSearch(query);
    const qb = this.bikes.createQueryBuilder('bike');
    if (query.status !== undefined) qb.andWhere('bike.status = :status', { status: query.status });

    if (near === undefined) {
      const total = await qb.getCount();
      const items = await qb.orderBy('bike.createdAt', 'ASC').addOrderBy('bike.id', 'ASC').offset(pageRequest.offset).limit(pageRequest.perPage).getMany();
      return { items: items.map((bike) => BikeView.from(bike)), total };
    }

    const distance = withinRadius(qb, near);
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .addSelect(distance, 'distance_m')
      .orderBy('distance_m', 'ASC')
      .addOrderBy('bike.id', 'ASC')
      .offset(pageRequest.offset)
      .limit(pageRequest.perPage)
      .getRawAndEntities<{ distance_m: number | string }>();
    return { items: entities.map((bike, i) => BikeView.from(bike, Number(raw[i].distance_m))), total };
  }

  /**
   * Sets an admin status. The `status <> 'on_trip'` condition is checked by the UPDATE itself, so
   * a trip starting at the same moment cannot be overwritten: one of the two sees no row to change.
   */
  async updateStatus(id: string, status: AdminBikeStatus): Promise<Bike> {
    const bike = await this.findOne(id);
    const result = await this.dataSource.transaction((manager) =>
      manager
        .createQueryBuilder()
        .update(Bike)
        .set({ status, updatedAt: new Date() })
        .where('id = :id', { id: bike.id })
        .andWhere("status <> 'on_trip'")
        .execute(),
    );
    if (result.affected === 0) throw ApiError.conflict(`bike ${id} is on a trip: its status changes when the trip ends`);
    return this.findOne(id);
  }

  /** Checks the bike exists (404 before queueing anything), then queues the report: the 202 path. */
  async queueLocation(id: string, dto: CreateBikeLocationDto): Promise<QueuedLocationView> {
    const recordedAt = dto.recorded_at === undefined ? new Date() : new Date(dto.recorded_at);
    if (Number.isNaN(recordedAt.getTime())) {
      throw ApiError.invalidFields([{ field: 'recorded_at', message: 'recorded_at must be an ISO 8601 date-time' }]);
    }
    if (recordedAt.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) {
      throw ApiError.invalidFields([{ field: 'recorded_at', message: 'recorded_at is more than 5 minutes in the future' }]);
    }
    if (!(await this.bikeExists(id))) throw ApiError.notFound(`bike ${id} not found`);

    const report: BikeLocationReport = { bikeId: id.toLowerCase(), ...fromPoint(dto.location), recordedAt: recordedAt.toISOString() };
    await this.queuedReports.submit(report);
    return { bike_id: report.bikeId, location: toPoint(report), recorded_at: report.recordedAt, status: 'queued' };
  }

  /**
   * Whether the bike exists, for the position route's 404: a telemetry gateway reports the same
   * bikes every few seconds, so ids once found are remembered. That is safe because bikes are never
   * deleted (no route does it, and trips reference them); a bike created by another process is a
   * cache miss, answered by the database, many ids per query under load.
   */
  private async bikeExists(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const key = id.toLowerCase();
    if (this.knownBikes.has(key)) return true;
    if (!(await this.bikeLookups.submit(key))) return false;
    if (this.knownBikes.size >= KNOWN_BIKES_LIMIT) this.knownBikes.clear();
    this.knownBikes.add(key);
    return true;
  }

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
   * Applies one position report: moves the bike and, if it is on a trip, appends to the trip's path.
   * The UPDATE's own `location_recorded_at < :recordedAt` condition drops a report older than the
   * bike's position, so concurrent processors can never move a bike backwards.
   *
   * Most bikes are parked: on PostgreSQL an autocommitted UPDATE, shared with other reports
   * (`ParkedBikeMoves`), does it all for them (`status <> 'on_trip'` is re-checked on the latest row
   * version, and a bike not on a trip has no trip to append to). A bike on a trip, a stale report,
   * and every report on SQLite take the transaction that also appends to the path.
   *
   * @returns whether the report was applied (false: stale, or the bike no longer exists)
   */
  async applyLocation(job: BikeLocationReport): Promise<boolean> {
    const recordedAt = new Date(job.recordedAt);
    if (isPostgres && (await this.parkedMoves.apply(job))) return true;
    return this.dataSource.transaction(async (manager) => {
      // Row-locks the bike until commit, so appends to a trip's path happen in `recorded_at` order.
      if (!(await this.moveBike(manager, job, recordedAt))) {
        this.logger.debug(`dropped a stale or orphan position of bike ${job.bikeId} recorded at ${job.recordedAt}`);
        return false;
      }
      const point = JSON.stringify(toPoint(job));
      // Appending in SQL rather than read-modify-write: the path is never rewritten from a stale copy.
      if (isPostgres) {
        await manager.query(
          `UPDATE trips SET locations = locations || jsonb_build_array($1::jsonb) WHERE bike_id = $2 AND status = 'in_progress'`,
          [point, job.bikeId],
        );
      } else {
        await manager.query(
          `UPDATE trips SET locations = json_insert(locations, '$[#]', json(?)) WHERE bike_id = ? AND status = 'in_progress'`,
          [point, job.bikeId],
        );
      }
      return true;
    });
  }

  private async moveBike(manager: EntityManager, job: BikeLocationReport, recordedAt: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Bike)
      .set({ lon: job.lon, lat: job.lat, locationRecordedAt: recordedAt, updatedAt: new Date() })
      .where('id = :id', { id: job.bikeId })
      .andWhere('location_recorded_at < :recordedAt', { recordedAt })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

/** Reads `near` and `radius` (format already checked by the DTO); ranges are checked here. */
function parseNearSearch(query: ListBikesQueryDto): NearSearch | undefined {
  if (query.near === undefined) {
    if (query.radius !== undefined) throw ApiError.invalidFields([{ field: 'radius', message: 'radius needs near=<lon>,<lat>' }]);
    return undefined;
  }
  const [lon, lat] = query.near.split(',').map(Number);
  const problems: Array<{ field: string; message: string }> = [];
  if (lon < -180 || lon > 180) problems.push({ field: 'near', message: `near: longitude (first) must be within [-180, 180], got ${lon}` });
  else if (lat < -90 || lat > 90) problems.push({ field: 'near', message: `near: latitude (second) must be within [-90, 90], got ${lat}` });
  const radiusM = query.radius === undefined ? DEFAULT_NEAR_RADIUS_M : Number(query.radius);
  if (radiusM <= 0 || radiusM > MAX_NEAR_RADIUS_M) {
    problems.push({ field: 'radius', message: `radius must be more than 0 and at most ${MAX_NEAR_RADIUS_M} metres` });
  }
  if (problems.length > 0) throw ApiError.invalidFields(problems);
  return { center: { lon, lat }, radiusM };
}

/**
 * Restricts the query to bikes within the radius and returns the SQL of their distance. The
 * bounding box comes first because it is what the (lat, lon) index can answer; the exact
 * great-circle distance (haversine, in SQL so that ordering and pages stay in the database) then
 * drops the box's corners. Both dialects have these math functions (SQLite's built-in set).
 */
function withinRadius(qb: SelectQueryBuilder<Bike>, near: NearSearch): string {
  const box = boundingBox(near.center, near.radiusM);
  qb.andWhere('bike.lat BETWEEN :minLat AND :maxLat', { minLat: box.minLat, maxLat: box.maxLat });
  qb.andWhere(
    new Brackets((ranges) => {
      box.lonRanges.forEach(([minLon, maxLon], i) => {
        ranges.orWhere(`bike.lon BETWEEN :minLon${i} AND :maxLon${i}`, { [`minLon${i}`]: minLon, [`maxLon${i}`]: maxLon });
      });
    }),
  );
  const least = isPostgres ? 'LEAST' : 'MIN';
  const distance =
    `(2 * ${EARTH_RADIUS_M} * ASIN(${least}(1, SQRT(` +
    'POWER(SIN(RADIANS(bike.lat - :nearLat) / 2), 2) + ' +
    'COS(RADIANS(:nearLat)) * COS(RADIANS(bike.lat)) * POWER(SIN(RADIANS(bike.lon - :nearLon) / 2), 2)))))';
  qb.andWhere(`${distance} <= :radiusM`, { nearLat: near.center.lat, nearLon: near.center.lon, radiusM: near.radiusM });
  return distance;
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { MicroBatcher } from '../common/batching/micro-batcher.js';
import { isUuid } from '../common/http/id-pipes.js';
import type { PageRequest } from '../common/http/pagination.js';
import { withTimeout } from '../common/with-timeout.js';
import { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { isForeignKeyViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { type AdminBikeStatus, Bike, type BikeStatus } from './bike.entity.js';
import { BIKE_LOCATIONS_QUEUE, type BikeLocationsJob } from './bike-locations.processor.js';
import { BIKE_LOCATIONS_WORK, BIKE_REPORTS_GRACE_MS, type BikeLocationsWorkPayload } from './bike-locations.work.js';
import { type BikeLocationReport, BikesRepository, type NearSearch } from './bikes.repository.js';
import type { CreateBikeDto } from './dto/create-bike.dto.js';
import type { CreateBikeLocationDto } from './dto/create-bike-location.dto.js';
import { fromPoint } from './geo.js';
import { mobilityErrors } from './mobility.errors.js';
import { DEFAULT_VEHICLE_TYPE_ID } from './vehicle-type.entity.js';

/** How far ahead of our clock a bike's `recorded_at` may be: a bike clock far in the future would
 * otherwise pin the bike in place, every honest update after it looking stale. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A fleet's worth of remembered ids (about 10 MB); beyond it the memory starts again empty. */
const KNOWN_BIKES_LIMIT = 250_000;

/** What a list of bikes asks for: a status, a `near` search (nearest first, with distances). */
export interface BikeSearch {
  status?: BikeStatus;
  near?: NearSearch;
}

/** Bikes: the fleet admin's routes, the public search, and queueing position reports (the 202 path). */
@Injectable()
export class BikesService {
  /** Bike ids known to exist (see `bikeExists`). */
  private readonly knownBikes = new Set<string>();
  /** Cache misses of `bikeExists`, looked up many per query under load. */
  private readonly bikeLookups = new MicroBatcher<string, boolean>(
    async (ids) => {
      const found = await this.bikes.findExistingIds(ids);
      return ids.map((id) => found.has(id));
    },
    { maxBatch: 200 },
  );
  /**
   * Reports received together are one durable work row and one Bull job; each request answers 202
   * once the row holding its report is committed. The job is not waited for: a Redis outage costs
   * the reports a second (the row's grace), never the request a hang nor the reports themselves.
   */
  private readonly queuedReports = new MicroBatcher<BikeLocationReport, void>(
    async (reports) => {
      const payload: BikeLocationsWorkPayload = { reports };
      const dueAt = new Date(Date.now() + BIKE_REPORTS_GRACE_MS);
      const work = { kind: BIKE_LOCATIONS_WORK, key: randomUUID(), payload, dueAt };
      const workId = await this.transactions.run((manager) => this.dueWork.insertOne(manager, work));
      void withTimeout(this.locationsQueue.add({ reports, workId }), BIKE_REPORTS_GRACE_MS).catch(() => undefined);
      return reports.map(() => undefined);
    },
    { maxBatch: 200 },
  );

  constructor(
    private readonly bikes: BikesRepository,
    private readonly transactions: TransactionRunner,
    private readonly dueWork: DueWorkRepository,
    @InjectQueue(BIKE_LOCATIONS_QUEUE) private readonly locationsQueue: Queue<BikeLocationsJob>,
  ) {}

  /** Adds a bike of the given type (default: the plain bicycle); UNKNOWN_VEHICLE_TYPE when no type has that id. */
  async create(dto: CreateBikeDto): Promise<Bike> {
    const now = new Date();
    const vehicleTypeId = dto.vehicle_type_id?.toLowerCase() ?? DEFAULT_VEHICLE_TYPE_ID;
    const bike = Object.assign(new Bike(), {
      id: randomUUID(),
      status: dto.status ?? 'available',
      ...fromPoint(dto.location),
      locationRecordedAt: now,
      publicId: randomUUID(),
      vehicleTypeId,
      currentFuelPercent: null,
      currentRangeMeters: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.bikes.insert(bike);
    } catch (error) {
      // The foreign key is the check: no read before the insert to race with.
      if (isForeignKeyViolation(error)) throw mobilityErrors.unknownVehicleType(vehicleTypeId);
      throw error;
    }
    return bike;
  }

  /** The bike (`id` lower-case, as stored), or BIKE_NOT_FOUND. */
  async findOne(id: string): Promise<Bike> {
    const bike = await this.bikes.findById(id);
    if (!bike) throw mobilityErrors.bikeNotFound(id);
    return bike;
  }

  /** One page of bikes and the total; with `near`, only those within the radius, nearest first, with distances. */
  async list(search: BikeSearch, pageRequest: PageRequest): Promise<{ items: Array<{ bike: Bike; distanceM?: number }>; total: number }> {
    const page = { offset: pageRequest.offset, limit: pageRequest.perPage };
    if (search.near === undefined) {
      const { bikes, total } = await this.bikes.findPage(search.status, page);
      return { items: bikes.map((bike) => ({ bike })), total };
    }
    const { bikes, total } = await this.bikes.findNearPage(search.status, search.near, page);
    return { items: bikes, total };
  }

  /** Sets an admin status; BIKE_ON_TRIP while a trip holds the bike (checked by the write itself, see the repository). */
  async updateStatus(id: string, status: AdminBikeStatus): Promise<Bike> {
    await this.findOne(id);
    if (!(await this.bikes.setAdminStatus(id, status, new Date()))) throw mobilityErrors.bikeOnTrip(id);
    return this.findOne(id);
  }

  /** Checks the report's time and that the bike exists (before queueing anything), then queues the report. */
  async queueLocation(id: string, dto: CreateBikeLocationDto): Promise<BikeLocationReport> {
    const recordedAt = dto.recorded_at === undefined ? new Date() : new Date(dto.recorded_at);
    if (Number.isNaN(recordedAt.getTime())) throw mobilityErrors.reportTimeInvalid();
    if (recordedAt.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) throw mobilityErrors.reportFromTheFuture();
    if (!(await this.bikeExists(id))) throw mobilityErrors.bikeNotFound(id);

    const report: BikeLocationReport = { bikeId: id.toLowerCase(), ...fromPoint(dto.location), recordedAt: recordedAt.toISOString() };
    if (dto.current_fuel_percent !== undefined) report.fuelPercent = dto.current_fuel_percent;
    if (dto.current_range_meters !== undefined) report.rangeMeters = dto.current_range_meters;
    await this.queuedReports.submit(report);
    return report;
  }

  /**
   * Whether the bike exists, for the position route's 404: a telemetry gateway reports the same
   * bikes every few seconds, so ids once found are remembered. That is safe because bikes are never
   * deleted (no route does it, and trips reference them); a bike created by another process is a
   * cache miss, answered by the database, many ids per query under load (so a non-UUID, which would
   * fail PostgreSQL's `uuid` cast for the whole batch, never joins one).
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
}

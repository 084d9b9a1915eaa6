import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { PageWindow } from './bikes.repository.js';
import type { GeoJsonPoint } from './geo.js';
import { mobilityErrors } from './mobility.errors.js';
import { Trip } from './trip.entity.js';
import { type TripEnding, type TripFilter, TripsRepository } from './trips.repository.js';

const RIDER_IN_PROGRESS_INDEX = { name: 'UQ_trips_rider_in_progress', columns: 'trips.rider_id' };
const BIKE_IN_PROGRESS_INDEX = { name: 'UQ_trips_bike_in_progress', columns: 'trips.bike_id' };

/** The trips table in TypeORM's portable terms; the dialects differ in how JSON is appended to. */
@Injectable()
abstract class SqlTripsRepository extends TripsRepository {
  constructor(protected readonly transactions: TransactionRunner) {
    super();
  }

  findById(id: string): Promise<Trip | null> {
    return this.transactions.manager().findOneBy(Trip, { id });
  }

  riderHasTripInProgress(riderId: number): Promise<boolean> {
    return this.transactions.manager().existsBy(Trip, { riderId, status: 'in_progress' });
  }

  async insert(trip: Trip): Promise<void> {
    try {
      await this.transactions.run((manager) => manager.insert(Trip, trip));
    } catch (error) {
      if (isUniqueViolation(error, RIDER_IN_PROGRESS_INDEX)) throw mobilityErrors.riderHasTrip();
      if (isUniqueViolation(error, BIKE_IN_PROGRESS_INDEX)) throw mobilityErrors.bikeNotAvailable(trip.bikeId);
      throw error;
    }
  }

  close(id: string, ending: TripEnding): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Trip)
        .set({ status: 'ended', ...ending })
        .where('id = :id', { id })
        .andWhere("status = 'in_progress'")
        .execute();
      return (result.affected ?? 0) > 0;
    });
  }

  async appendToPathOfBike(bikeId: string, point: GeoJsonPoint, recordedAt: string): Promise<void> {
    await this.transactions.run((manager) => this.append(manager, bikeId, JSON.stringify(point), JSON.stringify(recordedAt)));
  }

  async findPage(filter: TripFilter, page: PageWindow): Promise<{ trips: Trip[]; total: number }> {
    const query = this.transactions.manager().createQueryBuilder(Trip, 'trip');
    if (filter.riderId !== undefined) query.andWhere('trip.riderId = :riderId', { riderId: filter.riderId });
    if (filter.bikeId !== undefined) query.andWhere('trip.bikeId = :bikeId', { bikeId: filter.bikeId });
    if (filter.status !== undefined) query.andWhere('trip.status = :status', { status: filter.status });
    const total = await query.getCount();
    const trips = await query
      .orderBy('trip.startedAt', 'DESC')
      .addOrderBy('trip.id', 'ASC')
      .offset(page.offset)
      .limit(page.limit)
      .getMany();
    return { trips, total };
  }

  /** Appends the point and its time (JSON texts) to the path of the bike's trip in progress. */
  protected abstract append(manager: EntityManager, bikeId: string, point: string, time: string): Promise<unknown>;
}

@Injectable()
export class PostgresTripsRepository extends SqlTripsRepository {
  protected append(manager: EntityManager, bikeId: string, point: string, time: string): Promise<unknown> {
    return manager.query(
      `UPDATE trips SET locations = locations || jsonb_build_array($1::jsonb), location_times = location_times || jsonb_build_array($3::jsonb)
        WHERE bike_id = $2 AND status = 'in_progress'`,
      [point, bikeId, time],
    );
  }
}

@Injectable()
export class SqliteTripsRepository extends SqlTripsRepository {
  protected append(manager: EntityManager, bikeId: string, point: string, time: string): Promise<unknown> {
    return manager.query(
      `UPDATE trips SET locations = json_insert(locations, '$[#]', json(?)), location_times = json_insert(location_times, '$[#]', json(?))
        WHERE bike_id = ? AND status = 'in_progress'`,
      [point, time, bikeId],
    );
  }
}

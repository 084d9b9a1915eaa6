import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { BasicPrincipal, JwtPrincipal } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';
import type { PageRequest } from '../common/http/pagination.js';
import { isPostgres } from '../database/column-types.js';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import { Bike } from './bike.entity.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { isUuid } from './uuid.js';
import { fromPoint, pathLengthMetres, toPoint } from './geo.js';
import { Trip, type TripStatus } from './trip.entity.js';

/** The stream trips are published to, and who owns it (single writer). */
export const TRIPS_STREAM = { stream: 'mobility.trips', producerId: 'citymove.mobility' } as const;

const RIDER_IN_PROGRESS_INDEX = { name: 'UQ_trips_rider_in_progress', columns: 'trips.rider_id' };
const BIKE_IN_PROGRESS_INDEX = { name: 'UQ_trips_bike_in_progress', columns: 'trips.bike_id' };

/** Who asks for a trip: its rider (member JWT) or an admin. */
export type TripReader = JwtPrincipal | BasicPrincipal;

/** Trips: starting and ending them race-free, reading them. */
@Injectable()
export class TripsService {
  constructor(
    @InjectRepository(Trip) private readonly trips: Repository<Trip>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEventsPublisher,
  ) {}

  /**
   * Starts a trip on an available bike. Exactly one of any number of parallel starts on one bike
   * wins: the conditional UPDATE flips the bike to `on_trip` only while it is `available`, and the
   * losers see no affected row. The partial unique index on in-progress trips per rider refuses a
   * rider's second trip, even one started in parallel on another bike; the whole transaction
   * (bike status included) then rolls back.
   */
  async start(riderId: number, requestedBikeId: string): Promise<Trip> {
    // UUIDs compare as text on SQLite: one spelling everywhere.
    const bikeId = requestedBikeId.toLowerCase();
    const bike = isUuid(bikeId) ? await this.dataSource.getRepository(Bike).findOneBy({ id: bikeId }) : null;
    if (!bike) throw ApiError.notFound(`bike ${bikeId} not found`, { field: 'bike_id' });
    if (await this.trips.existsBy({ riderId, status: 'in_progress' })) throw riderBusy();

    try {
      return await this.dataSource.transaction(async (manager) => {
        const claimed = await manager
          .createQueryBuilder()
          .update(Bike)
          .set({ status: 'on_trip', updatedAt: new Date() })
          .where('id = :id', { id: bikeId })
          .andWhere("status = 'available'")
          .execute();
        if (claimed.affected === 0) throw ApiError.conflict(`bike ${bikeId} is not available`, { field: 'bike_id' });

        // Read after the claim: the row is ours now, its position cannot move under us.
        const claimedBike = await manager.findOneByOrFail(Bike, { id: bikeId });
        const trip = manager.create(Trip, {
          id: randomUUID(),
          bikeId,
          riderId,
          status: 'in_progress',
          locations: [toPoint(claimedBike)],
          startedAt: new Date(),
          endedAt: null,
          durationS: null,
          distanceM: null,
        });
        await manager.insert(Trip, trip);
        await this.events.publish(
          {
            ...TRIPS_STREAM,
            name: 'TripStarted',
            payload: {
              trip_id: trip.id,
              bike_id: bikeId,
              rider_id: riderId,
              started_at: trip.startedAt.toISOString(),
              location: trip.locations[0],
            },
            trigger: { type: 'member', name: String(riderId) },
          },
          manager,
        );
        return trip;
      });
    } catch (error) {
      if (isUniqueViolation(error, RIDER_IN_PROGRESS_INDEX)) throw riderBusy();
      if (isUniqueViolation(error, BIKE_IN_PROGRESS_INDEX)) throw ApiError.conflict(`bike ${bikeId} is not available`, { field: 'bike_id' });
      throw error;
    }
  }

  /**
   * Ends the rider's own trip. Locks the bike first (the order the position processor uses: bike,
   * then trip), so no position lands in the path between measuring it and closing the trip; the
   * trip's conditional UPDATE makes a parallel second end a 409.
   */
  async end(riderId: number, tripId: string): Promise<Trip> {
    const trip = await this.findOne(tripId);
    if (trip.riderId !== riderId) throw ApiError.forbidden(`trip ${tripId} belongs to another rider`);
    if (trip.status !== 'in_progress') throw tripEnded(tripId);

    return this.dataSource.transaction(async (manager) => {
      await lockBike(manager, trip.bikeId);
      const current = await manager.findOneByOrFail(Trip, { id: trip.id });
      if (current.status !== 'in_progress') throw tripEnded(tripId);

      const endedAt = new Date();
      const ended: Partial<Trip> = {
        status: 'ended',
        endedAt,
        durationS: Math.max(0, Math.round((endedAt.getTime() - current.startedAt.getTime()) / 1000)),
        distanceM: pathLengthMetres(current.locations.map(fromPoint)),
      };
      const closed = await manager
        .createQueryBuilder()
        .update(Trip)
        .set(ended)
        .where('id = :id', { id: trip.id })
        .andWhere("status = 'in_progress'")
        .execute();
      if (closed.affected === 0) throw tripEnded(tripId);

      // The bike stays where its last position put it; its public GBFS id changes so the trip just
      // ended cannot be linked to the bike's next one.
      await manager
        .createQueryBuilder()
        .update(Bike)
        .set({ status: 'available', publicId: randomUUID(), updatedAt: endedAt })
        .where('id = :id', { id: trip.bikeId })
        .andWhere("status = 'on_trip'")
        .execute();

      const result = Object.assign(current, ended);
      await this.events.publish(
        {
          ...TRIPS_STREAM,
          name: 'TripEnded',
          payload: {
            trip_id: trip.id,
            bike_id: trip.bikeId,
            rider_id: riderId,
            started_at: result.startedAt.toISOString(),
            ended_at: endedAt.toISOString(),
            duration_s: result.durationS,
            distance_m: result.distanceM,
            location: result.locations[result.locations.length - 1],
          },
          trigger: { type: 'member', name: String(riderId) },
        },
        manager,
      );
      return result;
    });
  }

  /** The trip, for its rider or an admin; 404 unknown, 403 another rider's. */
  async findForReader(tripId: string, reader: TripReader): Promise<Trip> {
    const trip = await this.findOne(tripId);
    if (reader.realm === 'admin') return trip;
    if ('id' in reader && reader.realm === 'member' && trip.riderId === reader.id) return trip;
    throw ApiError.forbidden(`trip ${tripId} belongs to another rider`);
  }

  /** One page of trips, newest first, with the total; filtered by rider, bike and status. */
  async list(
    filter: { riderId?: number; bikeId?: string; status?: TripStatus },
    pageRequest: PageRequest,
  ): Promise<{ items: Trip[]; total: number }> {
    const qb = this.trips.createQueryBuilder('trip');
    if (filter.riderId !== undefined) qb.andWhere('trip.riderId = :riderId', { riderId: filter.riderId });
    if (filter.bikeId !== undefined) qb.andWhere('trip.bikeId = :bikeId', { bikeId: filter.bikeId });
    if (filter.status !== undefined) qb.andWhere('trip.status = :status', { status: filter.status });
    const total = await qb.getCount();
    const items = await qb.orderBy('trip.startedAt', 'DESC').addOrderBy('trip.id', 'ASC').offset(pageRequest.offset).limit(pageRequest.perPage).getMany();
    return { items, total };
  }

  private async findOne(tripId: string): Promise<Trip> {
    const trip = isUuid(tripId) ? await this.trips.findOneBy({ id: tripId.toLowerCase() }) : null;
    if (!trip) throw ApiError.notFound(`trip ${tripId} not found`);
    return trip;
  }
}

/** PostgreSQL row lock; SQLite needs none, its one writer at a time already serialises us. */
async function lockBike(manager: EntityManager, bikeId: string): Promise<void> {
  if (!isPostgres) return;
  await manager.createQueryBuilder(Bike, 'bike').setLock('pessimistic_write').where('bike.id = :id', { id: bikeId }).getOne();
}

const riderBusy = () => ApiError.conflict('you already have a trip in progress: end it before starting another');
const tripEnded = (tripId: string) => ApiError.conflict(`trip ${tripId} has already ended`);

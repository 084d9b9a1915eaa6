import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { BasicPrincipal, JwtPrincipal } from '../common/auth/realms.js';
import type { PageRequest } from '../common/http/pagination.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DomainEventsPublisher } from '../events/domain-events.publisher.js';
import { BikesRepository } from './bikes.repository.js';
import { fromPoint, pathLengthMetres, toPoint } from './geo.js';
import { GeofencingZonesService } from './geofencing-zones.service.js';
import { mobilityErrors } from './mobility.errors.js';
import { ReservationsService } from './reservations.service.js';
import { GbfsCatalogRepository } from './gbfs-catalog.repository.js';
import { type TripMeasure, tripPrice } from './pricing.js';
import { Trip } from './trip.entity.js';
import { type TripFilter, TripsRepository } from './trips.repository.js';

/** The stream trips are published to, and who owns it (single writer). */
export const TRIPS_STREAM = { stream: 'mobility.trips', producerId: 'citymove.mobility' } as const;

/** Who asks for a trip: its rider (member JWT) or an admin. */
export type TripReader = JwtPrincipal | BasicPrincipal;

/** Trips: starting and ending them race-free, reading them. */
@Injectable()
export class TripsService {
  constructor(
    private readonly trips: TripsRepository,
    private readonly bikes: BikesRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: DomainEventsPublisher,
    private readonly geofencing: GeofencingZonesService,
    private readonly reservations: ReservationsService,
    private readonly catalog: GbfsCatalogRepository,
  ) {
    events.reserve(TRIPS_STREAM.stream);
  }

  /**
   * Starts a trip on an available bike. Exactly one of any number of parallel starts on one bike
   * wins: the claim flips the bike to `on_trip` only while it is `available`, and the losers see no
   * row to change. The partial unique index on in-progress trips per rider refuses a rider's second
   * trip, even one started in parallel on another bike; the whole transaction (bike status included)
   * then rolls back. Under the claim's row lock, another rider's reservation of the bike refuses the
   * start (BIKE_RESERVED) and the rider's own is used; a geofencing rule forbidding a start where the
   * bike stands refuses it too (ZONE_FORBIDS_RIDE_START), the bike staying available.
   */
  async start(riderId: number, requestedBikeId: string): Promise<Trip> {
    // UUIDs compare as text on SQLite: one spelling everywhere.
    const bikeId = requestedBikeId.toLowerCase();
    if (!(await this.bikes.findById(bikeId))) throw mobilityErrors.bikeNotFound(bikeId, 'bike_id');
    if (await this.trips.riderHasTripInProgress(riderId)) throw mobilityErrors.riderHasTrip();

    return this.transactions.run(async (manager) => {
      const startedAt = new Date();
      if (!(await this.bikes.claimForTrip(bikeId, startedAt))) throw mobilityErrors.bikeNotAvailable(bikeId);
      // Read after the claim: the row is ours now, its position cannot move under us.
      const claimed = (await this.bikes.findById(bikeId))!;
      const tripId = randomUUID();
      await this.reservations.takeForTrip(riderId, bikeId, tripId, startedAt);
      await this.geofencing.assertRideStartAllowed(claimed, claimed.vehicleTypeId);
      const trip = Object.assign(new Trip(), {
        id: tripId,
        bikeId,
        riderId,
        status: 'in_progress',
        locations: [toPoint(claimed)],
        locationTimes: [startedAt.toISOString()],
        startedAt,
        endedAt: null,
        durationS: null,
        distanceM: null,
        pricingPlanId: null,
        price: null,
        currency: null,
      } satisfies Trip);
      await this.trips.insert(trip);
      await this.events.publish(
        {
          ...TRIPS_STREAM,
          name: 'TripStarted',
          payload: {
            trip_id: trip.id,
            bike_id: bikeId,
            rider_id: riderId,
            started_at: startedAt.toISOString(),
            location: trip.locations[0],
          },
          trigger: { type: 'member', name: String(riderId) },
        },
        manager,
      );
      return trip;
    });
  }

  /**
   * Ends the rider's own trip. Locks the bike first (the order the position processor uses: bike,
   * then trip), so no position lands in the path between measuring it and closing the trip; the
   * trip's conditional close makes a parallel second end a TRIP_OVER. A geofencing rule forbidding
   * an end where the bike last reported refuses it (ZONE_FORBIDS_RIDE_END): the trip goes on.
   */
  async end(riderId: number, tripId: string): Promise<Trip> {
    const trip = await this.findOne(tripId);
    if (trip.riderId !== riderId) throw mobilityErrors.tripOfAnotherRider(tripId);
    if (trip.status !== 'in_progress') throw mobilityErrors.tripOver(tripId);

    return this.transactions.run(async (manager) => {
      await this.bikes.lockForTripEnd(trip.bikeId);
      const current = (await this.trips.findById(trip.id))!;
      if (current.status !== 'in_progress') throw mobilityErrors.tripOver(tripId);
      const parkedAt = (await this.bikes.findById(trip.bikeId))!;
      await this.geofencing.assertRideEndAllowed(parkedAt, parkedAt.vehicleTypeId);

      const endedAt = new Date();
      const path = this.pathUntil(current, endedAt);
      const measure = {
        durationS: Math.max(0, Math.round((endedAt.getTime() - current.startedAt.getTime()) / 1000)),
        distanceM: pathLengthMetres(path.locations.map(fromPoint)),
      };
      const ending = { endedAt, ...path, ...measure, ...(await this.priceOf(trip.bikeId, measure)) };
      if (!(await this.trips.close(trip.id, ending))) throw mobilityErrors.tripOver(tripId);
      // The bike stays where its last position put it; its public GBFS id changes so the trip just
      // ended cannot be linked to the bike's next one.
      await this.bikes.returnFromTrip(trip.bikeId, randomUUID(), endedAt);

      const ended = Object.assign(current, { status: 'ended' as const }, ending);
      await this.events.publish(
        {
          ...TRIPS_STREAM,
          name: 'TripEnded',
          payload: {
            trip_id: trip.id,
            bike_id: trip.bikeId,
            rider_id: riderId,
            started_at: ended.startedAt.toISOString(),
            ended_at: endedAt.toISOString(),
            duration_s: ended.durationS,
            distance_m: ended.distanceM,
            price: ended.price,
            currency: ended.currency,
            location: ended.locations[ended.locations.length - 1],
          },
          trigger: { type: 'member', name: String(riderId) },
        },
        manager,
      );
      return ended;
    });
  }

  /**
   * The path without the points recorded after the end (a bike clock ahead of ours may report
   * them while the trip is still open): they are not part of the trip, nor of its distance. A trip
   * from before `location_times` existed keeps its whole path.
   */
  private pathUntil(trip: Trip, endedAt: Date): Pick<Trip, 'locations' | 'locationTimes'> {
    if (trip.locationTimes.length !== trip.locations.length) return { locations: trip.locations, locationTimes: trip.locationTimes };
    const kept = trip.locations.map((_, i) => i).filter((i) => Date.parse(trip.locationTimes[i]) <= endedAt.getTime());
    return { locations: kept.map((i) => trip.locations[i]), locationTimes: kept.map((i) => trip.locationTimes[i]) };
  }

  /**
   * What the trip costs under the default plan of its bike's type, by the rules the feed publishes
   * in `system_pricing_plans.json` (`pricing.ts`); no plan: no price. The plan in force when the
   * trip ends is the one that counts.
   */
  private async priceOf(bikeId: string, measure: TripMeasure): Promise<Pick<Trip, 'pricingPlanId' | 'price' | 'currency'>> {
    const bike = await this.bikes.findById(bikeId);
    const type = bike === null ? null : await this.catalog.findVehicleType(bike.vehicleTypeId);
    const plan = type?.defaultPricingPlanId == null ? null : await this.catalog.findPricingPlan(type.defaultPricingPlanId);
    if (plan === null) return { pricingPlanId: null, price: null, currency: null };
    return { pricingPlanId: plan.id, price: tripPrice(plan, measure), currency: plan.currency };
  }

  /** The trip, for its rider or an admin; TRIP_NOT_FOUND, or TRIP_OF_ANOTHER_RIDER. */
  async findForReader(tripId: string, reader: TripReader): Promise<Trip> {
    const trip = await this.findOne(tripId);
    if (reader.realm === 'admin') return trip;
    if ('id' in reader && reader.realm === 'member' && trip.riderId === reader.id) return trip;
    throw mobilityErrors.tripOfAnotherRider(tripId);
  }

  /** One page of trips, newest first, with the total; filtered by rider, bike and status. */
  async list(filter: TripFilter, pageRequest: PageRequest): Promise<{ items: Trip[]; total: number }> {
    const { trips, total } = await this.trips.findPage(filter, { offset: pageRequest.offset, limit: pageRequest.perPage });
    return { items: trips, total };
  }

  /** The trip (`tripId` lower-case, as stored), or TRIP_NOT_FOUND. */
  private async findOne(tripId: string): Promise<Trip> {
    const trip = await this.trips.findById(tripId);
    if (!trip) throw mobilityErrors.tripNotFound(tripId);
    return trip;
  }
}

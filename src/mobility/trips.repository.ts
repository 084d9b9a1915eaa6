import type { GeoJsonPoint } from './geo.js';
import type { PageWindow } from './bikes.repository.js';
import type { Trip, TripStatus } from './trip.entity.js';

/** What a list of trips is filtered by. */
export interface TripFilter {
  riderId?: number;
  bikeId?: string;
  status?: TripStatus;
}

/** What ending a trip writes. */
export type TripEnding = Pick<
  Trip,
  'endedAt' | 'durationS' | 'distanceM' | 'pricingPlanId' | 'price' | 'currency' | 'locations' | 'locationTimes'
>;

/**
 * The trips table (the injection token; `trips-sql.repository.ts` holds one implementation per
 * dialect). Writes run through the `TransactionRunner`, inside the caller's transaction when there
 * is one; reads inside a transaction see its writes.
 */
export abstract class TripsRepository {
  abstract findById(id: string): Promise<Trip | null>;

  abstract riderHasTripInProgress(riderId: number): Promise<boolean>;

  /**
   * Inserts a trip in progress. The partial unique indexes refuse a rider's second trip in progress
   * (`RIDER_HAS_TRIP`) and a bike's (`BIKE_NOT_AVAILABLE`), under any concurrency.
   */
  abstract insert(trip: Trip): Promise<void>;

  /** Ends the trip only while it is in progress: false when another end came first. */
  abstract close(id: string, ending: TripEnding): Promise<boolean>;

  /**
   * Appends a point to the path of the bike's trip in progress, if any, in SQL rather than
   * read-modify-write: the path is never rewritten from a stale copy. `recordedAt` (ISO) goes to
   * `location_times` in the same statement.
   */
  abstract appendToPathOfBike(bikeId: string, point: GeoJsonPoint, recordedAt: string): Promise<void>;

  /** One page of trips, newest first, and how many match in all. */
  abstract findPage(filter: TripFilter, page: PageWindow): Promise<{ trips: Trip[]; total: number }>;
}

import type { AdminBikeStatus, Bike, BikeStatus } from './bike.entity.js';
import type { LonLat } from './geo.js';

/** One position report: plain JSON (it travels in Bull jobs and durable work rows), the time as an ISO string. */
export interface BikeLocationReport {
  bikeId: string;
  lon: number;
  lat: number;
  recordedAt: string;
  /** Battery state, when the report carries it (GBFS `current_fuel_percent`, 0 to 1): kept until a report changes it. */
  fuelPercent?: number;
  rangeMeters?: number;
}

/** What GBFS `vehicle_status` shows of a bike in the street. */
export type FeedBike = Pick<
  Bike,
  'publicId' | 'status' | 'lon' | 'lat' | 'locationRecordedAt' | 'vehicleTypeId' | 'currentFuelPercent' | 'currentRangeMeters' | 'updatedAt'
>;

/** The `near` search: a centre and a radius in metres. */
export interface NearSearch {
  center: LonLat;
  radiusM: number;
}

/** Which rows of a list to read. */
export interface PageWindow {
  offset: number;
  limit: number;
}

/**
 * The bikes table (the injection token; `bikes-sql.repository.ts` holds one implementation per
 * dialect). Writes run through the `TransactionRunner`: inside the caller's transaction when there
 * is one, else in one of their own (on SQLite, the one transaction queue). Reads inside a
 * transaction see its writes.
 */
export abstract class BikesRepository {
  /** Adds a bike to the fleet. */
  abstract insert(bike: Bike): Promise<void>;

  abstract findById(id: string): Promise<Bike | null>;

  /** Which of these ids name a bike. */
  abstract findExistingIds(ids: string[]): Promise<Set<string>>;

  /** One page of bikes, oldest first, and how many match in all. */
  abstract findPage(status: BikeStatus | undefined, page: PageWindow): Promise<{ bikes: Bike[]; total: number }>;

  /** One page of the bikes within the radius, nearest first, each with its distance in metres, and how many match. */
  abstract findNearPage(
    status: BikeStatus | undefined,
    near: NearSearch,
    page: PageWindow,
  ): Promise<{ bikes: Array<{ bike: Bike; distanceM: number }>; total: number }>;

  /** The bikes a rider could see in the street (available or broken), by public id: what GBFS shows. */
  abstract findVisibleInStreet(): Promise<Array<Pick<Bike, 'publicId' | 'status' | 'lon' | 'lat' | 'locationRecordedAt'>>>;

  /** The bikes in the street (available or broken) with what the feed shows of them, by public id. */
  abstract findInStreetForFeed(): Promise<FeedBike[]>;

  /** The latest `updated_at` of any bike (bikes are never deleted, so every change shows here); null: no bikes. */
  abstract lastChangeAt(): Promise<Date | null>;

  /** How many bikes hold each status (statuses without bikes are absent). */
  abstract countByStatus(): Promise<Map<string, number>>;

  /**
   * Sets an admin status unless the bike is on a trip, checked by the UPDATE itself: a trip starting
   * at the same moment cannot be overwritten. False when the bike is on a trip (or gone).
   */
  abstract setAdminStatus(id: string, status: AdminBikeStatus, at: Date): Promise<boolean>;

  /** Flips the bike to `on_trip` only while it is `available`: false for every claim but one. */
  abstract claimForTrip(id: string, at: Date): Promise<boolean>;

  /** Row-locks the bike until the caller's transaction ends (the first lock a trip end takes). */
  abstract lockForTripEnd(id: string): Promise<void>;

  /** Makes a bike on a trip available again, where it last reported, under a new public id. */
  abstract returnFromTrip(id: string, publicId: string, at: Date): Promise<void>;

  /**
   * Moves a parked bike to the report's position where the database offers a shared, autocommitted
   * statement for it (PostgreSQL); true when it moved. False says nothing final (on a trip, stale,
   * unknown, no such fast path): the caller then takes `moveIfNewer` in a transaction.
   */
  abstract moveParked(report: BikeLocationReport): Promise<boolean>;

  /**
   * Moves the bike to the report's position only if the report is newer than its position (the
   * UPDATE's own condition, so concurrent writers never move a bike backwards). On PostgreSQL the
   * row stays locked until the caller's transaction ends. False: stale, or no such bike.
   */
  abstract moveIfNewer(report: BikeLocationReport, at: Date): Promise<boolean>;
}

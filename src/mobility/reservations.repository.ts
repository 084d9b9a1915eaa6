import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../database/database-errors.js';
import { DatabaseLocks } from '../database/database-locks.js';
import { instantOf } from '../database/column-types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { Bike } from './bike.entity.js';
import { mobilityErrors } from './mobility.errors.js';
import { Reservation, type ReservationStatus } from './reservation.entity.js';

const RIDER_ACTIVE_INDEX = { name: 'UQ_reservations_rider_active', columns: 'reservations.rider_id' };
const BIKE_ACTIVE_INDEX = { name: 'UQ_reservations_bike_active', columns: 'reservations.bike_id' };

/**
 * The reservations table, in TypeORM's portable terms (both dialects run the same queries). A
 * reservation holds its bike while `active` and before `expires_at`: readers treat an active one
 * past its expiry as expired, whether or not its expiry work has run yet.
 */
@Injectable()
export class ReservationsRepository {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly locks: DatabaseLocks,
  ) {}

  /**
   * Row-locks the bike until the caller's transaction ends and reads it under the lock. Reserving
   * and starting a trip (whose claim UPDATE locks the same row) are thereby ordered: whichever comes
   * second sees what the first committed.
   */
  async lockBike(bikeId: string): Promise<Bike | undefined> {
    const [bike] = await this.locks.lockRows(this.transactions.manager(), Bike, 'id', [bikeId]);
    return bike;
  }

  /**
   * Inserts an active reservation. The partial unique indexes refuse a second active one for the
   * rider (`RIDER_HAS_RESERVATION`) or the bike (`BIKE_RESERVED`), under any concurrency.
   */
  async insert(reservation: Reservation): Promise<void> {
    try {
      await this.transactions.run((manager) => manager.insert(Reservation, reservation));
    } catch (error) {
      if (isUniqueViolation(error, RIDER_ACTIVE_INDEX)) throw mobilityErrors.riderHasReservation();
      if (isUniqueViolation(error, BIKE_ACTIVE_INDEX)) throw mobilityErrors.bikeReserved(reservation.bikeId);
      throw error;
    }
  }

  findById(id: string): Promise<Reservation | null> {
    return this.transactions.manager().findOneBy(Reservation, { id });
  }

  /** The active reservations of a bike or of a rider (at most one each), lapsed ones included. */
  findActive(where: { bikeId: string } | { riderId: number }): Promise<Reservation | null> {
    return this.transactions.manager().findOneBy(Reservation, { ...where, status: 'active' });
  }

  /**
   * Marks as expired the active reservations of the bike or the rider that are past their expiry,
   * so that they free the unique indexes before their expiry work has run (a worker lagging
   * behind never keeps a bike held past its time).
   */
  async expireLapsed(where: { bikeId: string } | { riderId: number }, now: Date): Promise<void> {
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(Reservation)
        .set({ status: 'expired', endedAt: () => 'expires_at' })
        .where('bikeId' in where ? 'bike_id = :bikeId' : 'rider_id = :riderId', { ...where })
        .andWhere("status = 'active'")
        .andWhere('expires_at <= :now', { now })
        .execute(),
    );
  }

  /**
   * Ends an active reservation: only while it is active and (unless it expires) before its expiry,
   * so a cancel racing the expiry, or two cancels, change it once. False when it was not so.
   */
  async end(id: string, status: Exclude<ReservationStatus, 'active'>, at: Date, tripId: string | null = null): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder()
        .update(Reservation)
        .set({ status, endedAt: status === 'expired' ? () => 'expires_at' : at, tripId })
        .where('id = :id', { id })
        .andWhere("status = 'active'");
      if (status === 'expired') query.andWhere('expires_at <= :at', { at });
      else query.andWhere('expires_at > :at', { at });
      return ((await query.execute()).affected ?? 0) > 0;
    });
  }

  /** The public GBFS ids of the bikes an unexpired reservation holds at `now`. */
  async reservedPublicIds(now: Date): Promise<Set<string>> {
    const rows = await this.transactions
      .manager()
      .createQueryBuilder(Bike, 'bike')
      .select('bike.publicId', 'public_id')
      .innerJoin(Reservation, 'reservation', 'reservation.bikeId = bike.id')
      .where("reservation.status = 'active'")
      .andWhere('reservation.expiresAt > :now', { now })
      .getRawMany<{ public_id: string }>();
    return new Set(rows.map((row) => row.public_id));
  }

  /**
   * When the set of reserved bikes last changed at `now`: a reservation made or ended, or one that
   * lapsed (readers count it as over from its `expires_at`, before the expiry work writes it).
   */
  async lastChangeAt(now: Date): Promise<Date | null> {
    const row = await this.transactions
      .manager()
      .createQueryBuilder(Reservation, 'reservation')
      .select('MAX(reservation.created_at)', 'made')
      .addSelect('MAX(reservation.ended_at)', 'ended')
      .addSelect('MAX(CASE WHEN reservation.expires_at <= :now THEN reservation.expires_at END)', 'lapsed')
      .setParameter('now', now)
      .getRawOne<{ made: Date | string | null; ended: Date | string | null; lapsed: Date | string | null }>();
    const instants = [row?.made, row?.ended, row?.lapsed].filter((value): value is Date | string => value != null).map(instantOf);
    return instants.length === 0 ? null : new Date(Math.max(...instants.map((instant) => instant.getTime())));
  }
}

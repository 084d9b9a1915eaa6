import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { BasicPrincipal, JwtPrincipal } from '../common/auth/realms.js';
import { mobilityConfig } from '../config/configuration.js';
import { DueWork } from '../database/due-work/due-work.service.js';
import type { DueWorkOutcome } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { GeofencingZonesService } from './geofencing-zones.service.js';
import { mobilityErrors } from './mobility.errors.js';
import { Reservation } from './reservation.entity.js';
import { ReservationsRepository } from './reservations.repository.js';

/** The durable work item that expires one reservation at its `expires_at` (run by `ReservationExpiryWork`). */
export const RESERVATION_EXPIRY_WORK = 'mobility.reservation-expiry';

/** Who reads a reservation: its rider (member JWT) or an admin. */
export type ReservationReader = JwtPrincipal | BasicPrincipal;

/**
 * Reservations: a rider holds an available bike for `RESERVATION_MINUTES`; only that rider may
 * start a trip on it meanwhile, and the trip uses the reservation. One active reservation per rider
 * and per bike (partial unique indexes); the bike row lock orders reservations and trip starts.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly transactions: TransactionRunner,
    private readonly dueWork: DueWork,
    private readonly geofencing: GeofencingZonesService,
    @Inject(mobilityConfig.KEY) private readonly config: ConfigType<typeof mobilityConfig>,
  ) {}

  /**
   * Reserves an available bike for the rider. Under the bike's row lock: the bike must be
   * available, and outside any zone that forbids starting a ride (ZONE_FORBIDS_RIDE_START), lapsed reservations of the bike and of the rider are expired first (so a lagging
   * expiry never blocks), then the insert, whose unique indexes are the last word on "one per rider,
   * one per bike". Its expiry is committed with it, as durable work.
   */
  async reserve(riderId: number, requestedBikeId: string): Promise<Reservation> {
    const bikeId = requestedBikeId.toLowerCase();
    return this.transactions.run(async (manager) => {
      const bike = await this.reservations.lockBike(bikeId);
      if (!bike) throw mobilityErrors.bikeNotFound(bikeId, 'bike_id');
      if (bike.status !== 'available') throw mobilityErrors.bikeNotAvailable(bikeId);
      // A bike no ride may start from is no use to hold.
      await this.geofencing.assertRideStartAllowed(bike, bike.vehicleTypeId);
      const now = new Date();
      await this.reservations.expireLapsed({ bikeId }, now);
      await this.reservations.expireLapsed({ riderId }, now);
      // Read first for the clearer answer; the indexes hold the rule whatever these reads saw.
      const onBike = await this.reservations.findActive({ bikeId });
      if (onBike) throw onBike.riderId === riderId ? mobilityErrors.riderHasReservation() : mobilityErrors.bikeReserved(bikeId);
      if (await this.reservations.findActive({ riderId })) throw mobilityErrors.riderHasReservation();

      const reservation = Object.assign(new Reservation(), {
        id: randomUUID(),
        bikeId,
        riderId,
        status: 'active',
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.reservationMs),
        endedAt: null,
        tripId: null,
      } satisfies Reservation);
      await this.reservations.insert(reservation);
      await this.dueWork.schedule(
        manager,
        { kind: RESERVATION_EXPIRY_WORK, key: reservation.id, payload: { reservationId: reservation.id }, dueAt: reservation.expiresAt },
        'replace',
      );
      return reservation;
    });
  }

  /** The rider cancels their active reservation: the bike is free at once. */
  async cancel(riderId: number, reservationId: string): Promise<Reservation> {
    const reservation = await this.findOne(reservationId);
    if (reservation.riderId !== riderId) throw mobilityErrors.reservationOfAnotherRider(reservationId);
    const now = new Date();
    if (!(await this.reservations.end(reservationId, 'cancelled', now))) {
      const current = await this.findOne(reservationId);
      throw mobilityErrors.reservationOver(reservationId, effectiveStatus(current, now));
    }
    return Object.assign(reservation, { status: 'cancelled' as const, endedAt: now });
  }

  /** The reservation, for its rider or an admin; RESERVATION_NOT_FOUND, or RESERVATION_OF_ANOTHER_RIDER. */
  async findForReader(reservationId: string, reader: ReservationReader): Promise<Reservation> {
    const reservation = await this.findOne(reservationId);
    if (reader.realm === 'admin') return reservation;
    if ('id' in reader && reader.realm === 'member' && reservation.riderId === reader.id) return reservation;
    throw mobilityErrors.reservationOfAnotherRider(reservationId);
  }

  /** The rider's reservation holding a bike now, or RESERVATION_NOT_FOUND. */
  async findActiveOf(riderId: number): Promise<Reservation> {
    const active = await this.reservations.findActive({ riderId });
    if (!active || effectiveStatus(active, new Date()) !== 'active') {
      throw mobilityErrors.noActiveReservation();
    }
    return active;
  }

  /**
   * Called by a trip start, in its transaction, after the bike was claimed (its row locked): refuses
   * the bike when another rider's unexpired reservation holds it (BIKE_RESERVED), uses the rider's
   * own reservation of it, and releases one the rider held on another bike (a rider on a trip
   * cannot take that one, and it would keep it from everyone else).
   */
  async takeForTrip(riderId: number, bikeId: string, tripId: string, at: Date): Promise<void> {
    await this.transactions.run(async () => {
      const onBike = await this.reservations.findActive({ bikeId });
      if (onBike && onBike.expiresAt.getTime() > at.getTime() && onBike.riderId !== riderId) throw mobilityErrors.bikeReserved(bikeId);
      const mine = await this.reservations.findActive({ riderId });
      if (mine && mine.expiresAt.getTime() > at.getTime()) {
        if (mine.bikeId === bikeId) await this.reservations.end(mine.id, 'used', at, tripId);
        else await this.reservations.end(mine.id, 'cancelled', at);
      }
    });
  }

  /** The public GBFS ids of the bikes reservations hold now (`is_reserved`). */
  reservedPublicIds(at = new Date()): Promise<Set<string>> {
    return this.reservations.reservedPublicIds(at);
  }

  /** When the reserved bikes last changed (for `vehicle_status.json`'s `last_updated`). */
  lastChangeAt(at = new Date()): Promise<Date | null> {
    return this.reservations.lastChangeAt(at);
  }

  /**
   * The expiry work: expires the reservation if it is still active and due; runs again at its
   * expiry if this process's clock reads it early. Used or cancelled reservations are left alone.
   */
  async expireWhenDue(reservationId: string): Promise<DueWorkOutcome> {
    const now = new Date();
    if (await this.reservations.end(reservationId, 'expired', now)) return undefined;
    const reservation = await this.reservations.findById(reservationId);
    if (reservation?.status === 'active' && reservation.expiresAt.getTime() > now.getTime()) {
      return { again: { dueAt: reservation.expiresAt } };
    }
    return undefined;
  }

  private async findOne(reservationId: string): Promise<Reservation> {
    const reservation = await this.reservations.findById(reservationId);
    if (!reservation) throw mobilityErrors.reservationNotFound(reservationId);
    return reservation;
  }
}

/** The status as of `at`: an active reservation past its expiry is expired, whether its work has run or not. */
export function effectiveStatus(reservation: Reservation, at: Date): Reservation['status'] {
  return reservation.status === 'active' && reservation.expiresAt.getTime() <= at.getTime() ? 'expired' : reservation.status;
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { RESERVATION_EXPIRY_WORK, ReservationsService } from './reservations.service.js';

export { RESERVATION_EXPIRY_WORK };

/** Its payload: the reservation. */
export interface ReservationExpiryPayload {
  reservationId: string;
}

/**
 * Expires unused reservations on time: the handler of `mobility.reservation-expiry` items. The
 * item is committed with the reservation, so a reservation exists only with its expiry, whatever
 * process dies meanwhile; a reservation used or cancelled first makes the item a no-op.
 */
@Injectable()
export class ReservationExpiryWork implements OnModuleInit {
  constructor(
    private readonly runner: DueWorkRunner,
    private readonly reservations: ReservationsService,
  ) {}

  onModuleInit(): void {
    this.runner.register({
      kind: RESERVATION_EXPIRY_WORK,
      concurrency: 4,
      run: (work) => this.reservations.expireWhenDue((work.payload as ReservationExpiryPayload).reservationId),
    });
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { RESERVATION_STATUSES, type Reservation, type ReservationStatus } from '../reservation.entity.js';
import { effectiveStatus } from '../reservations.service.js';

export class CreateReservationDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2b7e-8a43-4f0e-9b1d-2c5e6f7a8b9c' })
  @IsUUID('all', { message: 'bike_id must be a UUID' })
  bike_id: string;
}

/** A reservation as the API shows it. */
export class ReservationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  bike_id: string;

  @ApiProperty({ description: 'the member id of the rider', example: 42 })
  rider_id: number;

  @ApiProperty({ enum: RESERVATION_STATUSES, description: 'active holds the bike until expires_at' })
  status: ReservationStatus;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  expires_at: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'when it stopped holding the bike' })
  ended_at: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the trip that used it' })
  trip_id: string | null;
}

/** A reservation as of `at`: one past its expiry shows as expired even before its expiry work ran. */
export function toReservationView(reservation: Reservation, at = new Date()): ReservationView {
  const status = effectiveStatus(reservation, at);
  const endedAt = status === 'expired' && reservation.endedAt === null ? reservation.expiresAt : reservation.endedAt;
  return {
    id: reservation.id,
    bike_id: reservation.bikeId,
    rider_id: reservation.riderId,
    status,
    created_at: reservation.createdAt.toISOString(),
    expires_at: reservation.expiresAt.toISOString(),
    ended_at: endedAt?.toISOString() ?? null,
    trip_id: reservation.tripId,
  };
}

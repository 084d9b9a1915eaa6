import { DomainError, type DomainErrorTable } from '../common/errors/domain-error.js';

/**
 * The mobility module's refusals and how each is answered (the platform error body, through the
 * one exception filter). Services, repositories and the position work throw these; controllers,
 * guards and pipes keep `ApiError`.
 */
export const MOBILITY_ERRORS = {
  /** No bike under this id (a path id, or a trip's `bike_id`). */
  BIKE_NOT_FOUND: { status: 404 },
  /** An admin status change refused: the bike's status belongs to its trip until the trip ends. */
  BIKE_ON_TRIP: { status: 409 },
  /** A trip start refused: the bike is on another trip or out of service. */
  BIKE_NOT_AVAILABLE: { status: 409 },
  /** A trip start refused: the rider already rides. */
  RIDER_HAS_TRIP: { status: 409 },
  TRIP_NOT_FOUND: { status: 404 },
  /** A trip is read or ended by a rider who is not its rider. */
  TRIP_OF_ANOTHER_RIDER: { status: 403 },
  /** Ending a trip that has already ended. */
  TRIP_OVER: { status: 409 },
  /** A position report whose `recorded_at` is not a date-time. */
  REPORT_TIME_INVALID: { status: 400 },
  /** A position report recorded further ahead of our clock than bikes' clocks may drift. */
  REPORT_FROM_THE_FUTURE: { status: 400 },
  /** No geofencing zone under this id. */
  ZONE_NOT_FOUND: { status: 404 },
  /** A zone whose time window ends before it starts, or names a date that does not exist. */
  ZONE_WINDOW_INVALID: { status: 400 },
  /** A trip start refused: a geofencing zone's rule forbids starting a ride where the bike stands. */
  ZONE_FORBIDS_RIDE_START: { status: 409 },
  /** A trip end refused: a geofencing zone's rule forbids ending a ride where the bike stands. */
  ZONE_FORBIDS_RIDE_END: { status: 409 },
  RESERVATION_NOT_FOUND: { status: 404 },
  /** A reservation read or cancelled by a rider who is not its rider. */
  RESERVATION_OF_ANOTHER_RIDER: { status: 403 },
  /** Cancelling a reservation that no longer holds its bike (used, cancelled, expired). */
  RESERVATION_OVER: { status: 409 },
  /** A reservation or a trip start refused: another rider holds the bike. */
  BIKE_RESERVED: { status: 409 },
  /** A reservation refused: the rider already holds a bike. */
  RIDER_HAS_RESERVATION: { status: 409 },
  // The GBFS catalog: vehicle types, pricing plans, system alerts.
  VEHICLE_TYPE_NOT_FOUND: { status: 404 },
  /** A bike or a write names a vehicle type that does not exist. */
  UNKNOWN_VEHICLE_TYPE: { status: 400 },
  /** Deleting a vehicle type bikes still have. */
  VEHICLE_TYPE_IN_USE: { status: 409 },
  PRICING_PLAN_NOT_FOUND: { status: 404 },
  /** A vehicle type names a pricing plan that does not exist. */
  UNKNOWN_PRICING_PLAN: { status: 400 },
  /** Deleting a pricing plan a vehicle type still uses. */
  PRICING_PLAN_IN_USE: { status: 409 },
  /** A pricing segment whose `end` is not after its `start`. */
  PRICING_SEGMENT_INVALID: { status: 400 },
  ALERT_NOT_FOUND: { status: 404 },
  /** An alert whose `ends_at` is not after its `starts_at`. */
  ALERT_TIMES_INVALID: { status: 400 },
} satisfies DomainErrorTable<string>;

export type MobilityErrorCode = keyof typeof MOBILITY_ERRORS;

export class MobilityError extends DomainError<MobilityErrorCode> {}

/** Each refusal with its message, written once. */
export const mobilityErrors = {
  bikeNotFound: (bikeId: string, field?: 'bike_id') =>
    new MobilityError('BIKE_NOT_FOUND', `bike ${bikeId} not found`, field === undefined ? {} : { field }),
  bikeOnTrip: (bikeId: string) => new MobilityError('BIKE_ON_TRIP', `bike ${bikeId} is on a trip: its status changes when the trip ends`),
  bikeNotAvailable: (bikeId: string) => new MobilityError('BIKE_NOT_AVAILABLE', `bike ${bikeId} is not available`, { field: 'bike_id' }),
  riderHasTrip: () => new MobilityError('RIDER_HAS_TRIP', 'you already have a trip in progress: end it before starting another'),
  tripNotFound: (tripId: string) => new MobilityError('TRIP_NOT_FOUND', `trip ${tripId} not found`),
  tripOfAnotherRider: (tripId: string) => new MobilityError('TRIP_OF_ANOTHER_RIDER', `trip ${tripId} belongs to another rider`),
  tripOver: (tripId: string) => new MobilityError('TRIP_OVER', `trip ${tripId} has already ended`),
  reportTimeInvalid: () => new MobilityError('REPORT_TIME_INVALID', 'recorded_at must be an ISO 8601 date-time', { field: 'recorded_at' }),
  vehicleTypeNotFound: (id: string) => new MobilityError('VEHICLE_TYPE_NOT_FOUND', `vehicle type ${id} not found`),
  unknownVehicleType: (id: string) =>
    new MobilityError('UNKNOWN_VEHICLE_TYPE', `vehicle_type_id ${id} names no vehicle type`, { field: 'vehicle_type_id' }),
  vehicleTypeInUse: (id: string) =>
    new MobilityError('VEHICLE_TYPE_IN_USE', `vehicle type ${id} is the type of some bikes: give them another type first`),
  pricingPlanNotFound: (id: string) => new MobilityError('PRICING_PLAN_NOT_FOUND', `pricing plan ${id} not found`),
  unknownPricingPlan: (id: string) =>
    new MobilityError('UNKNOWN_PRICING_PLAN', `default_pricing_plan_id ${id} names no pricing plan`, { field: 'default_pricing_plan_id' }),
  pricingPlanInUse: (id: string) =>
    new MobilityError('PRICING_PLAN_IN_USE', `pricing plan ${id} is the default plan of a vehicle type: change that type first`),
  pricingSegmentInvalid: (field: 'per_min_pricing' | 'per_km_pricing', index: number) =>
    new MobilityError('PRICING_SEGMENT_INVALID', `${field}[${index}].end must be above its start`, { field }),
  alertNotFound: (id: string) => new MobilityError('ALERT_NOT_FOUND', `alert ${id} not found`),
  alertTimesInvalid: () => new MobilityError('ALERT_TIMES_INVALID', 'ends_at must be after starts_at', { field: 'ends_at' }),
  reportFromTheFuture: () =>
    new MobilityError('REPORT_FROM_THE_FUTURE', 'recorded_at is more than 5 minutes in the future', { field: 'recorded_at' }),
  zoneNotFound: (zoneId: string) => new MobilityError('ZONE_NOT_FOUND', `geofencing zone ${zoneId} not found`),
  zoneWindowInvalid: (field: 'start' | 'end', message: string) => new MobilityError('ZONE_WINDOW_INVALID', message, { field }),
  /** A zone's rule, or with no zone the system's global rules (where no zone has a rule for the vehicle). */
  zoneForbidsRideStart: (zone?: { id: string; name: string }) =>
    new MobilityError(
      'ZONE_FORBIDS_RIDE_START',
      zone ? `rides may not start in zone "${zone.name}" (${zone.id})` : 'rides may not start here: the global geofencing rules forbid it',
      { field: 'bike_id' },
    ),
  zoneForbidsRideEnd: (zone?: { id: string; name: string }) =>
    new MobilityError(
      'ZONE_FORBIDS_RIDE_END',
      zone
        ? `rides may not end in zone "${zone.name}" (${zone.id}): park outside it`
        : 'rides may not end here: the global geofencing rules forbid it outside the zones that allow it',
    ),
  reservationNotFound: (reservationId: string) => new MobilityError('RESERVATION_NOT_FOUND', `reservation ${reservationId} not found`),
  noActiveReservation: () => new MobilityError('RESERVATION_NOT_FOUND', 'you hold no reservation'),
  reservationOfAnotherRider: (reservationId: string) =>
    new MobilityError('RESERVATION_OF_ANOTHER_RIDER', `reservation ${reservationId} belongs to another rider`),
  reservationOver: (reservationId: string, status: string) =>
    new MobilityError('RESERVATION_OVER', `reservation ${reservationId} no longer holds its bike (${status})`),
  bikeReserved: (bikeId: string) => new MobilityError('BIKE_RESERVED', `bike ${bikeId} is reserved by another rider`, { field: 'bike_id' }),
  riderHasReservation: () =>
    new MobilityError('RIDER_HAS_RESERVATION', 'you already hold a reservation: cancel it before reserving another bike'),
};

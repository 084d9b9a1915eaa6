import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors/api-error.js';
import { DomainErrors } from '../common/errors/domain-error.js';
import { MOBILITY_ERRORS, type MobilityError, mobilityErrors } from './mobility.errors.js';

const BIKE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const TRIP = '3f1c2b7e-8a43-4f0e-9b1d-2c5e6f7a8b9c';

/** Each domain error beside the ApiError the services threw before they had codes: the wire must not tell them apart. */
const BEFORE_CODES: Array<[string, MobilityError, ApiError]> = [
  ['bike not found', mobilityErrors.bikeNotFound(BIKE), ApiError.notFound(`bike ${BIKE} not found`)],
  ['bike_id not found', mobilityErrors.bikeNotFound(BIKE, 'bike_id'), ApiError.notFound(`bike ${BIKE} not found`, { field: 'bike_id' })],
  [
    'bike on a trip',
    mobilityErrors.bikeOnTrip(BIKE),
    ApiError.conflict(`bike ${BIKE} is on a trip: its status changes when the trip ends`),
  ],
  ['bike not available', mobilityErrors.bikeNotAvailable(BIKE), ApiError.conflict(`bike ${BIKE} is not available`, { field: 'bike_id' })],
  [
    'rider has a trip',
    mobilityErrors.riderHasTrip(),
    ApiError.conflict('you already have a trip in progress: end it before starting another'),
  ],
  ['trip not found', mobilityErrors.tripNotFound(TRIP), ApiError.notFound(`trip ${TRIP} not found`)],
  ['another rider', mobilityErrors.tripOfAnotherRider(TRIP), ApiError.forbidden(`trip ${TRIP} belongs to another rider`)],
  ['trip over', mobilityErrors.tripOver(TRIP), ApiError.conflict(`trip ${TRIP} has already ended`)],
  [
    'report time invalid',
    mobilityErrors.reportTimeInvalid(),
    ApiError.invalidFields([{ field: 'recorded_at', message: 'recorded_at must be an ISO 8601 date-time' }]),
  ],
  [
    'report from the future',
    mobilityErrors.reportFromTheFuture(),
    ApiError.invalidFields([{ field: 'recorded_at', message: 'recorded_at is more than 5 minutes in the future' }]),
  ],
  // The GBFS catalog's codes (added with it): the wire each one gets.
  ['vehicle type not found', mobilityErrors.vehicleTypeNotFound(BIKE), ApiError.notFound(`vehicle type ${BIKE} not found`)],
  [
    'unknown vehicle type',
    mobilityErrors.unknownVehicleType(BIKE),
    ApiError.invalidFields([{ field: 'vehicle_type_id', message: `vehicle_type_id ${BIKE} names no vehicle type` }]),
  ],
  [
    'vehicle type in use',
    mobilityErrors.vehicleTypeInUse(BIKE),
    ApiError.conflict(`vehicle type ${BIKE} is the type of some bikes: give them another type first`),
  ],
  ['pricing plan not found', mobilityErrors.pricingPlanNotFound(BIKE), ApiError.notFound(`pricing plan ${BIKE} not found`)],
  [
    'unknown pricing plan',
    mobilityErrors.unknownPricingPlan(BIKE),
    ApiError.invalidFields([{ field: 'default_pricing_plan_id', message: `default_pricing_plan_id ${BIKE} names no pricing plan` }]),
  ],
  [
    'pricing plan in use',
    mobilityErrors.pricingPlanInUse(BIKE),
    ApiError.conflict(`pricing plan ${BIKE} is the default plan of a vehicle type: change that type first`),
  ],
  [
    'pricing segment invalid',
    mobilityErrors.pricingSegmentInvalid('per_km_pricing', 1),
    ApiError.invalidFields([{ field: 'per_km_pricing', message: 'per_km_pricing[1].end must be above its start' }]),
  ],
  ['alert not found', mobilityErrors.alertNotFound(BIKE), ApiError.notFound(`alert ${BIKE} not found`)],
  [
    'alert times invalid',
    mobilityErrors.alertTimesInvalid(),
    ApiError.invalidFields([{ field: 'ends_at', message: 'ends_at must be after starts_at' }]),
  ],
];

const ZONE = { id: '0b6f1c6a-3d2e-4f5a-8b9c-1d2e3f4a5b6c', name: 'Parvis' };
const RESERVATION = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** The codes added with geofencing zones and reservations (issue 16), answered in the same format. */
const SINCE_ZONES: Array<[string, MobilityError, ApiError]> = [
  ['zone not found', mobilityErrors.zoneNotFound(ZONE.id), ApiError.notFound(`geofencing zone ${ZONE.id} not found`)],
  [
    'zone window invalid',
    mobilityErrors.zoneWindowInvalid('end', 'end must be after start'),
    ApiError.invalidFields([{ field: 'end', message: 'end must be after start' }]),
  ],
  [
    'zone forbids start',
    mobilityErrors.zoneForbidsRideStart(ZONE),
    ApiError.conflict(`rides may not start in zone "Parvis" (${ZONE.id})`, { field: 'bike_id' }),
  ],
  [
    'zone forbids end',
    mobilityErrors.zoneForbidsRideEnd(ZONE),
    ApiError.conflict(`rides may not end in zone "Parvis" (${ZONE.id}): park outside it`),
  ],
  [
    'global rules forbid start',
    mobilityErrors.zoneForbidsRideStart(),
    ApiError.conflict('rides may not start here: the global geofencing rules forbid it', { field: 'bike_id' }),
  ],
  [
    'global rules forbid end',
    mobilityErrors.zoneForbidsRideEnd(),
    ApiError.conflict('rides may not end here: the global geofencing rules forbid it outside the zones that allow it'),
  ],
  ['reservation not found', mobilityErrors.reservationNotFound(RESERVATION), ApiError.notFound(`reservation ${RESERVATION} not found`)],
  ['no active reservation', mobilityErrors.noActiveReservation(), ApiError.notFound('you hold no reservation')],
  [
    'reservation of another rider',
    mobilityErrors.reservationOfAnotherRider(RESERVATION),
    ApiError.forbidden(`reservation ${RESERVATION} belongs to another rider`),
  ],
  [
    'reservation over',
    mobilityErrors.reservationOver(RESERVATION, 'expired'),
    ApiError.conflict(`reservation ${RESERVATION} no longer holds its bike (expired)`),
  ],
  [
    'bike reserved',
    mobilityErrors.bikeReserved(BIKE),
    ApiError.conflict(`bike ${BIKE} is reserved by another rider`, { field: 'bike_id' }),
  ],
  [
    'rider has a reservation',
    mobilityErrors.riderHasReservation(),
    ApiError.conflict('you already hold a reservation: cancel it before reserving another bike'),
  ],
];

describe('mobility errors', () => {
  const errors = new DomainErrors();
  errors.register(MOBILITY_ERRORS);

  it.each([...BEFORE_CODES, ...SINCE_ZONES])('answers "%s" exactly as before: status, entries, headers', (_case, domain, before) => {
    const answer = errors.toApiError(domain);
    expect(answer).toBeDefined();
    expect({ status: answer!.status, errors: answer!.errors, headers: answer!.headers }).toEqual({
      status: before.status,
      errors: before.errors,
      headers: before.headers,
    });
  });

  it('has a line in the table for every code it throws', () => {
    const thrown = new Set([...BEFORE_CODES, ...SINCE_ZONES].map(([, domain]) => domain.code));
    expect([...thrown].sort()).toEqual(Object.keys(MOBILITY_ERRORS).sort());
  });
});

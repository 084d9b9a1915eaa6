import type { HailTransition } from './hail-transition.entity.js';
import type { Hail } from './hail.entity.js';
import type { RegistryCall } from './registry-call.entity.js';
import type { Taxi } from './taxi.entity.js';

/** The JSON shapes of the operator's answers (snake_case, like the registry's). */

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function taxiView(taxi: Taxi) {
  return {
    id: taxi.id,
    phone_number: taxi.phoneNumber,
    driver_name: taxi.driverName,
    licence_plate: taxi.licencePlate,
    created_at: iso(taxi.createdAt),
  };
}

export function hailSummaryView(hail: Hail) {
  return {
    id: hail.id,
    taxi_id: hail.taxiId,
    status: hail.status,
    customer_lon: hail.customerLon,
    customer_lat: hail.customerLat,
    customer_address: hail.customerAddress,
    customer_phone_number: hail.customerPhoneNumber,
    ...hail.registryFields,
    created_at: iso(hail.receivedAt),
    received_by_taxi_at: iso(hail.receivedByTaxiAt),
    decision_deadline_at: iso(hail.decisionDeadlineAt),
    updated_at: iso(hail.updatedAt),
  };
}

export function transitionView(transition: HailTransition) {
  return { from: transition.fromStatus, to: transition.toStatus, cause: transition.cause, at: iso(transition.at) };
}

export function registryCallView(call: RegistryCall) {
  return {
    method: call.method,
    body: call.requestBody,
    answer_status: call.answerStatus,
    error: call.error,
    duration_ms: call.durationMs,
    attempt: call.attempt,
    at: iso(call.at),
  };
}

export function hailDetailView(hail: Hail, transitions: HailTransition[], calls: RegistryCall[]) {
  return { ...hailSummaryView(hail), transitions: transitions.map(transitionView), registry_calls: calls.map(registryCallView) };
}

/** What the driver app sees of a hail. */
export function driverHailView(hail: Hail) {
  return {
    id: hail.id,
    status: hail.status,
    customer_lon: hail.customerLon,
    customer_lat: hail.customerLat,
    customer_address: hail.customerAddress,
    customer_phone_number: hail.customerPhoneNumber,
    created_at: iso(hail.receivedAt),
    decision_deadline_at: iso(hail.decisionDeadlineAt),
  };
}

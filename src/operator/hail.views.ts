import type {
  DriverHailResponse,
  DriverStatusResponse,
  HailDetailResponse,
  HailSummaryResponse,
  HailTransitionResponse,
  RegisteredTaxiResponse,
  RegistryCallResponse,
  TaxiResponse,
} from './dto/operator-responses.dto.js';
import type { HailTransition } from './hail-transition.entity.js';
import type { Hail } from './hail.entity.js';
import type { RegistryCall } from './registry-call.entity.js';
import type { TaxiRegistryState } from './taxi-registry.entities.js';
import type { Taxi } from './taxi.entity.js';

/** The JSON shapes of the operator's answers (snake_case, like the registry's); their Swagger types are in `dto/`. */

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function toTaxiView(taxi: Taxi): TaxiResponse {
  return {
    id: taxi.id,
    phone_number: taxi.phoneNumber,
    driver_name: taxi.driverName,
    licence_plate: taxi.licencePlate,
    created_at: iso(taxi.createdAt),
  };
}

/** A taxi just registered, with its driver token: the only time the token is shown. */
export function toRegisteredTaxiView(taxi: Taxi, token: string): RegisteredTaxiResponse {
  return { ...toTaxiView(taxi), token };
}

export function toHailSummaryView(hail: Hail): HailSummaryResponse {
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
    status_deadline_at: iso(hail.statusDeadlineAt),
    incident_taxi_reason: hail.incidentTaxiReason ?? null,
    reporting_customer_reason: hail.reportingCustomerReason ?? null,
    updated_at: iso(hail.updatedAt),
  };
}

export function toTransitionView(transition: HailTransition): HailTransitionResponse {
  return { from: transition.fromStatus, to: transition.toStatus, cause: transition.cause, at: iso(transition.at) };
}

export function toRegistryCallView(call: RegistryCall): RegistryCallResponse {
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

export function toHailDetailView(hail: Hail, transitions: HailTransition[], calls: RegistryCall[]): HailDetailResponse {
  return { ...toHailSummaryView(hail), transitions: transitions.map(toTransitionView), registry_calls: calls.map(toRegistryCallView) };
}

/** What the driver app sees of a hail. */
export function toDriverHailView(hail: Hail): DriverHailResponse {
  return {
    id: hail.id,
    status: hail.status,
    customer_lon: hail.customerLon,
    customer_lat: hail.customerLat,
    customer_address: hail.customerAddress,
    customer_phone_number: hail.customerPhoneNumber,
    created_at: iso(hail.receivedAt),
    decision_deadline_at: iso(hail.decisionDeadlineAt),
    status_deadline_at: iso(hail.statusDeadlineAt),
    incident_taxi_reason: hail.incidentTaxiReason ?? null,
    reporting_customer_reason: hail.reportingCustomerReason ?? null,
  };
}

/** A taxi's registry status as the driver sees it (`GET /operator/driver/status`). */
export function toDriverStatusView(state: TaxiRegistryState | null): DriverStatusResponse {
  const at = (ms: string | null | undefined) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
  return {
    status: state?.registryStatus ?? null,
    read_at: at(state?.registryReadAtMs),
    requested: state?.requestedStatus ?? null,
    requested_at: at(state?.requestedAtMs),
    last_error: state?.lastError ?? null,
  };
}

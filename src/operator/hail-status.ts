/**
 * The hail's status as this operator knows it: the registry's own status names, set here when we
 * decided them (driver answers), when the registry confirmed them (received_by_taxi) or when we
 * learnt them by reading the hail back (customer answers).
 */
export const HAIL_STATUSES = [
  'received',
  'received_by_taxi',
  'accepted_by_taxi',
  'declined_by_taxi',
  'timeout_taxi',
  'accepted_by_customer',
  'declined_by_customer',
  'timeout_customer',
  'incident_customer',
  'customer_on_board',
  'finished',
  'incident_taxi',
  'failure',
] as const;

export type HailStatus = (typeof HAIL_STATUSES)[number];

/** Statuses after which nothing more happens to the hail. */
export const TERMINAL_STATUSES: readonly HailStatus[] = [
  'declined_by_taxi',
  'timeout_taxi',
  'declined_by_customer',
  'timeout_customer',
  'incident_customer',
  'finished',
  'incident_taxi',
  'failure',
];

/** The driver's answers and the local statuses each may start from (the registry's transition table). */
export const DRIVER_ACTIONS = {
  // The driver may answer while our received_by_taxi PUT is still in flight (status `received`):
  // the answer's PUT is queued behind it, so the registry still sees them in order.
  accept: { to: 'accepted_by_taxi', from: ['received', 'received_by_taxi'] },
  decline: { to: 'declined_by_taxi', from: ['received', 'received_by_taxi'] },
  'customer-on-board': { to: 'customer_on_board', from: ['accepted_by_customer'] },
  finish: { to: 'finished', from: ['customer_on_board'] },
  incident: { to: 'incident_taxi', from: ['received', 'received_by_taxi', 'accepted_by_taxi', 'accepted_by_customer', 'customer_on_board'] },
} as const satisfies Record<string, { to: HailStatus; from: readonly HailStatus[] }>;

export type DriverAction = keyof typeof DRIVER_ACTIONS;

/** Statuses whose decision window is the registry's 30 s one: past it, the driver gets 410. */
export const DECISION_STATUSES: readonly HailStatus[] = ['received', 'received_by_taxi'];

/**
 * What the registry may tell us while we poll a hail waiting for the customer (timeout_taxi: our
 * accepted_by_taxi never made it in time).
 */
export const CUSTOMER_OUTCOMES: readonly HailStatus[] = [
  'timeout_taxi',
  'accepted_by_customer',
  'declined_by_customer',
  'timeout_customer',
  'incident_customer',
  'incident_taxi',
  'failure',
];

/** Reasons the registry accepts with `incident_taxi`. */
export const INCIDENT_TAXI_REASONS = ['no_show', 'address', 'traffic', 'breakdown', 'traffic_jam', 'garbage_truck'] as const;
export type IncidentTaxiReason = (typeof INCIDENT_TAXI_REASONS)[number];

export const isTerminal = (status: HailStatus) => TERMINAL_STATUSES.includes(status);

/** Statuses the driver's list shows: waiting for an answer, or the current ride. */
export const DRIVER_VISIBLE_STATUSES: readonly HailStatus[] = [
  'received',
  'received_by_taxi',
  'accepted_by_taxi',
  'accepted_by_customer',
  'customer_on_board',
];

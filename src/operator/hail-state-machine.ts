import { OperatorError } from './operator.errors.js';

/**
 * The hail's state machine, in one place: its statuses, who may move it where (the registry's
 * transition table, docs/contracts/operator.md), the windows each move must fit in, and which of
 * the registry's answers are worth trying again. Services ask it; they do not restate its rules.
 *
 * The status is the registry's own status name, set here when we decided it (driver answers), when
 * the registry confirmed it (received_by_taxi) or when we learnt it by reading the hail back
 * (customer answers).
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
  'timeout_accepted_by_customer',
  'failure',
] as const;

export type HailStatus = (typeof HAIL_STATUSES)[number];

/** Statuses after which nothing more happens to the hail (APITaxi_models2/hail.py, HAIL_TERMINAL_STATUS). */
export const TERMINAL_STATUSES: readonly HailStatus[] = [
  'declined_by_taxi',
  'timeout_taxi',
  'declined_by_customer',
  'timeout_customer',
  'incident_customer',
  'finished',
  'incident_taxi',
  'timeout_accepted_by_customer',
  'failure',
];

export const isTerminal = (status: HailStatus) => TERMINAL_STATUSES.includes(status);

export const NON_TERMINAL_STATUSES: readonly HailStatus[] = HAIL_STATUSES.filter((status) => !isTerminal(status));

/** Statuses whose decision window is the registry's 30 s one: past it, the driver gets 410. */
export const DECISION_STATUSES: readonly HailStatus[] = ['received', 'received_by_taxi'];

/** Statuses the driver's list shows: waiting for an answer, or the current ride. */
export const DRIVER_VISIBLE_STATUSES: readonly HailStatus[] = [
  'received',
  'received_by_taxi',
  'accepted_by_taxi',
  'accepted_by_customer',
  'customer_on_board',
];

/** A move of the state machine: the statuses it may start from, where it goes, and why (kept on the transition). */
export interface HailMove {
  from: readonly HailStatus[];
  to: HailStatus;
  cause: string;
}

/** The moves nobody's answer decides: the registry's, the clock's, and ours when AUTO_ACCEPT is on. */
export const HAIL_MOVES = {
  /** The registry took our received_by_taxi: the taxi's decision window opens. */
  receivedByTaxi: { from: ['received'], to: 'received_by_taxi', cause: 'registry' },
  /** AUTO_ACCEPT, as the reference example server: accepted right after received_by_taxi. */
  autoAccept: { from: ['received_by_taxi'], to: 'accepted_by_taxi', cause: 'auto-accept' },
  /** The taxi let the decision window pass: the registry sets timeout_taxi, and so do we. */
  decisionTimeout: { from: DECISION_STATUSES, to: 'timeout_taxi', cause: 'decision-timeout' },
} as const satisfies Record<string, HailMove>;

/**
 * Without received_by_taxi the registry fails the hail (refused for good, or not delivered before
 * its window closed): so do we, from wherever the hail stands. `cause`: `deadline`, `registry-refused-403`…
 */
export function undeliveredMove(cause: string): HailMove {
  return { from: NON_TERMINAL_STATUSES, to: 'failure', cause };
}

/**
 * What reading the hail back (`GET /hails/:id`) teaches us, as a move; undefined when it teaches
 * nothing. The registry is the truth on a hail that ended there (declined_by_customer,
 * incident_customer, timeout_customer, timeout_accepted_by_customer, timeout_taxi, failure, or a
 * status of ours it refused): the local hail takes it from wherever it stands. The one non-final
 * status only the registry sets is accepted_by_customer. Anything else (the registry behind us,
 * our PUT still on its way) is no news.
 */
export function learntMove(local: HailStatus, registryStatus: string | undefined, cause = 'registry-poll'): HailMove | undefined {
  const status = HAIL_STATUSES.find((known) => known === registryStatus);
  if (status === undefined || status === local) return undefined;
  if (isTerminal(status)) return { from: HAIL_STATUSES.filter((other) => other !== status), to: status, cause };
  if (status === 'accepted_by_customer' && local === 'accepted_by_taxi') return { from: [local], to: status, cause };
  return undefined;
}

/** The statuses in which the hail is read back every HAIL_POLL_MS, after the registry took received_by_taxi. */
export const FOLLOWED_STATUSES: readonly HailStatus[] = [
  'received_by_taxi',
  'accepted_by_taxi',
  'accepted_by_customer',
  'customer_on_board',
];

/** The driver's answers and the local statuses each may start from (the registry's transition table). */
export const DRIVER_ACTIONS = {
  // The driver may answer while our received_by_taxi PUT is still in flight (status `received`):
  // the answer's PUT is queued behind it, so the registry still sees them in order.
  accept: { to: 'accepted_by_taxi', from: ['received', 'received_by_taxi'] },
  decline: { to: 'declined_by_taxi', from: ['received', 'received_by_taxi'] },
  'customer-on-board': { to: 'customer_on_board', from: ['accepted_by_customer'] },
  finish: { to: 'finished', from: ['customer_on_board'] },
  incident: {
    to: 'incident_taxi',
    from: ['received', 'received_by_taxi', 'accepted_by_taxi', 'accepted_by_customer', 'customer_on_board'],
  },
} as const satisfies Record<string, { to: HailStatus; from: readonly HailStatus[] }>;

/**
 * The driver answering while the hail is still `received` (our received_by_taxi PUT in flight) proves
 * the taxi has it: the received_by_taxi step is recorded first, so the transitions (and the domain
 * events) follow the registry's order, none skipped.
 */
export const IMPLIED_RECEIVED_BY_TAXI: HailMove = { from: ['received'], to: 'received_by_taxi', cause: 'driver-answer' };

/** Reasons the registry accepts with `reporting_customer` (APITaxi_models2/hail.py; `ko` is kept there only for old clients). */
export const REPORTING_CUSTOMER_REASONS = ['payment', 'courtesy', 'route', 'cleanliness', 'late', 'aggressive', 'no_show'] as const;
export type ReportingCustomerReason = (typeof REPORTING_CUSTOMER_REASONS)[number];

export type DriverAction = keyof typeof DRIVER_ACTIONS;

/** Reasons the registry accepts with `incident_taxi`. */
export const INCIDENT_TAXI_REASONS = ['no_show', 'address', 'traffic', 'breakdown', 'traffic_jam', 'garbage_truck'] as const;
export type IncidentTaxiReason = (typeof INCIDENT_TAXI_REASONS)[number];

/** What the state machine reads of a hail. */
export interface HailState {
  id: string;
  status: HailStatus;
  receivedAt: Date;
  decisionDeadlineAt: Date | null;
  statusDeadlineAt?: Date | null;
}

/** Statuses after which the driver's answers are pointless, the hail being gone: 410. */
const OVER_STATUSES: readonly HailStatus[] = ['timeout_taxi', 'failure', 'timeout_customer', 'timeout_accepted_by_customer'];

/**
 * The driver's `action` on `hail` at `now`, as a move, or null when the hail already is where the
 * action leads (the same answer again: 200, nothing re-sent, as the registry answers a repeated
 * status), or the refusal: 410 once the hail is over without the driver (timeouts, failure) or the
 * window of its status has passed, 409 when its status does not allow it.
 */
export function driverMove(hail: HailState, action: DriverAction, now: Date): HailMove | null {
  const rule = DRIVER_ACTIONS[action];
  if (hail.status === rule.to) return null;
  if (OVER_STATUSES.includes(hail.status)) {
    throw new OperatorError('HAIL_OVER', `hail ${hail.id} is over (${hail.status})`);
  }
  if (decisionWindowClosed(hail, now)) {
    throw new OperatorError('DECISION_WINDOW_PASSED', `the decision window of hail ${hail.id} has passed`);
  }
  if (statusWindowClosed(hail, now)) {
    throw new OperatorError('STATUS_WINDOW_PASSED', `the registry's window for ${hail.status} on hail ${hail.id} has passed`);
  }
  if (!(rule.from as readonly HailStatus[]).includes(hail.status)) {
    throw new OperatorError('ACTION_NOT_ALLOWED', `hail ${hail.id} is ${hail.status}: cannot ${action}`);
  }
  return { from: [hail.status], to: rule.to, cause: 'driver' };
}

function decisionWindowClosed(hail: HailState, now: Date): boolean {
  if (!DECISION_STATUSES.includes(hail.status) || hail.decisionDeadlineAt === null) return false;
  return now.getTime() > new Date(hail.decisionDeadlineAt).getTime();
}

function statusWindowClosed(hail: HailState, now: Date): boolean {
  if (!TIMED_STATUSES.includes(hail.status) || !hail.statusDeadlineAt) return false;
  return now.getTime() > new Date(hail.statusDeadlineAt).getTime();
}

// ---- Windows ------------------------------------------------------------------------------------

/**
 * The registry's clocks, from configuration (HAIL_*_MS). Where each comes from: received
 * (10 s) APITaxi2/tasks/operators.py send_request_operator; the others APITaxi2/views/hails.py,
 * hails_details, the `handle_hail_timeout` tasks started after a status change.
 */
export interface HailClocks {
  /** From our 200 to the hail's POST, the registry's window for received_by_taxi (10 s). */
  receivedDeadlineMs: number;
  /** From the registry taking received_by_taxi, the taxi's window to answer (30 s → timeout_taxi). */
  decisionTimeoutMs: number;
  /** accepted_by_taxi → timeout_customer (30 s). */
  customerTimeoutMs: number;
  /** accepted_by_customer → timeout_accepted_by_customer (30 min): the taxi's time to pick the customer up. */
  pickupTimeoutMs: number;
  /** customer_on_board → timeout_taxi (2 h). */
  rideTimeoutMs: number;
}

/** Statuses after received_by_taxi on which the registry runs a timer (received_by_taxi's is the decision window). */
export const TIMED_STATUSES: readonly HailStatus[] = ['accepted_by_taxi', 'accepted_by_customer', 'customer_on_board'];

/** The registry's timer on `status` (after received_by_taxi): how long from when it took the status, and what it then sets. */
export function statusTimer(status: HailStatus, clocks: HailClocks): { ms: number; move: HailMove } | undefined {
  const timer = (ms: number, to: HailStatus) => ({ ms, move: { from: [status], to, cause: 'status-timeout' } });
  if (status === 'accepted_by_taxi') return timer(clocks.customerTimeoutMs, 'timeout_customer');
  if (status === 'accepted_by_customer') return timer(clocks.pickupTimeoutMs, 'timeout_accepted_by_customer');
  if (status === 'customer_on_board') return timer(clocks.rideTimeoutMs, 'timeout_taxi');
  return undefined;
}

/**
 * How long after the hail came a read is still worth it: every window of the registry end to end,
 * and a quarter of an hour more. Past it a hail the registry will not show (unreadable, archived)
 * stops being read; its local timers still end it.
 */
export function watchLimitMs(clocks: HailClocks): number {
  return (
    clocks.receivedDeadlineMs +
    clocks.decisionTimeoutMs +
    clocks.customerTimeoutMs +
    clocks.pickupTimeoutMs +
    clocks.rideTimeoutMs +
    15 * 60_000
  );
}

/**
 * The local timer fires this long after the registry's would: the registry is the truth, and a
 * customer's answer in its last milliseconds must reach us by a read before we close the hail. The
 * driver's routes answer 410 from the deadline itself.
 */
export const LOCAL_TIMER_GRACE_MS = 2000;

/**
 * When the registry took a status, from its own timestamp (`last_status_change` of its answer),
 * kept within what we know for sure: not before `notBefore` (we had not sent it yet), not after
 * `now` (clocks differ). Without a usable timestamp, `now`.
 */
export function registryTakenAt(registryHail: { last_status_change?: unknown } | undefined, notBefore: Date, now: Date): Date {
  const raw = registryHail?.last_status_change;
  if (typeof raw !== 'string') return now;
  // The registry writes UTC; a naive timestamp is UTC too.
  const parsed = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`).getTime();
  if (Number.isNaN(parsed)) return now;
  return new Date(Math.min(Math.max(parsed, notBefore.getTime()), now.getTime()));
}

/**
 * How long the PUTs after the decision (customer_on_board, finished, incident_taxi, a report) are
 * retried (5xx, network) at most, then given up and recorded as expired; never past the timer of
 * the status they leave (`updateDeadline`).
 */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

/** Until when the registry takes received_by_taxi for a hail we answered at `receivedAt`. */
export function receivedByTaxiDeadline(receivedAt: Date, clocks: HailClocks): Date {
  return new Date(receivedAt.getTime() + clocks.receivedDeadlineMs);
}

/** When the taxi's decision window closes, for received_by_taxi taken at `takenAt`. */
export function decisionDeadline(takenAt: Date, clocks: HailClocks): Date {
  return new Date(takenAt.getTime() + clocks.decisionTimeoutMs);
}

/** Until when the registry may still take `status` for `hail`: past it, retrying the PUT is pointless. */
export function updateDeadline(hail: HailState, status: HailStatus, now: Date, clocks: HailClocks): Date {
  if (status === 'accepted_by_taxi' || status === 'declined_by_taxi') {
    if (hail.decisionDeadlineAt) return new Date(hail.decisionDeadlineAt);
    // Answered before the registry took received_by_taxi: its window ends at the latest then.
    return decisionDeadline(receivedByTaxiDeadline(new Date(hail.receivedAt), clocks), clocks);
  }
  const followUp = now.getTime() + FOLLOW_UP_WINDOW_MS;
  // Leaving a timed status (customer_on_board within the pickup's 30 min, finished within the ride's
  // 2 h, an incident within either): past its timer the registry has moved on, retrying is pointless.
  if (TIMED_STATUSES.includes(hail.status) && hail.statusDeadlineAt) {
    return new Date(Math.min(new Date(hail.statusDeadlineAt).getTime(), followUp));
  }
  return new Date(followUp);
}

// ---- The registry's answers -------------------------------------------------------------------

/** 5xx and 429: the registry in trouble, not judging the update; sent again within its window. */
export function isRegistryTrouble(answerStatus: number | null): boolean {
  return answerStatus !== null && (answerStatus >= 500 || answerStatus === 429);
}

/** Where each status stands in the hail's course (APITaxi2/views/hails.py, TRANSITIONS): a later one ranks higher. */
const COURSE_RANK: Partial<Record<string, number>> = {
  received: 0,
  sent_to_operator: 0,
  received_by_operator: 1,
  received_by_taxi: 2,
  accepted_by_taxi: 3,
  accepted_by_customer: 4,
  customer_on_board: 5,
};

/**
 * What a PUT whose outcome we do not know (no answer, or a 4xx) did, from the hail as the registry
 * shows it now (`registryStatus`, undefined when it could not be read):
 * - `delivered`: the registry holds that status or a later one (a repeated status is a 200 there);
 * - `ended`: the hail is over at the registry in another status, which the local hail takes;
 * - `early`: received_by_taxi while the registry has not processed our 200 yet (or just has): again;
 * - `unknown`: the hail could not be read: the PUT is sent again, within its window;
 * - `refused`: none of these: the registry's 4xx is its final word.
 */
export type UpdateResolution = { kind: 'delivered' } | { kind: 'ended'; status: HailStatus } | { kind: 'early' | 'unknown' | 'refused' };

export function resolveUpdate(update: HailStatus, registryStatus: string | undefined): UpdateResolution {
  if (registryStatus === undefined) return { kind: 'unknown' };
  if (registryStatus === update) return { kind: 'delivered' };
  const known = HAIL_STATUSES.find((status) => status === registryStatus);
  if (known !== undefined && isTerminal(known)) return { kind: 'ended', status: known };
  const registryRank = COURSE_RANK[registryStatus];
  const updateRank = COURSE_RANK[update];
  if (registryRank !== undefined && updateRank !== undefined && registryRank > updateRank) return { kind: 'delivered' };
  if (update === 'received_by_taxi' && registryRank !== undefined && registryRank <= 1) return { kind: 'early' };
  return { kind: 'refused' };
}

/** Back-off between tries of one update: fast first (the early-race 400 clears in milliseconds). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(50 * 2 ** (failedAttempts - 1), 1000);
}

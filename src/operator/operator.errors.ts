import { DomainError, type DomainErrorTable } from '../common/errors/domain-error.js';

/** The operator module's refusals, and how each is answered (in the platform's error format). */
export const OPERATOR_ERRORS = {
  /** No such hail, or another taxi's (its existence is none of this driver's business). */
  HAIL_NOT_FOUND: { status: 404 },
  /** The hail ended without the driver: timeout_taxi, timeout_customer, timeout_accepted_by_customer or failure. */
  HAIL_OVER: { status: 410 },
  /** The driver answered after the registry's decision window closed. */
  DECISION_WINDOW_PASSED: { status: 410 },
  /** The registry's timer on the hail's status ran out (customer's answer, pickup, ride). */
  STATUS_WINDOW_PASSED: { status: 410 },
  /** The driver's answer is not one the hail's status allows (the registry's transition table). */
  ACTION_NOT_ALLOWED: { status: 409 },
  /** Another change to the hail committed between the read and the write. */
  HAIL_CHANGED_MEANWHILE: { status: 409 },
  /** A taxi id that is not one of our fleet. */
  TAXI_NOT_FOUND: { status: 404 },
  TAXI_ALREADY_REGISTERED: { status: 409 },
  /** A driver position the registry could not use (a timestamp from the future). */
  POSITION_REFUSED: { status: 400 },
  /** Back-pressure on the positions route: the pool is busy, hails go first. */
  POSITIONS_DEFERRED: { status: 503 },
  /** A fleet change with nothing to change. */
  NOTHING_TO_CHANGE: { status: 400 },
  /** Back-pressure on the hail webhook: a 200 now would promise a received_by_taxi we cannot deliver in time. */
  HAIL_CANNOT_BE_SERVED_IN_TIME: { status: 503 },
} as const satisfies DomainErrorTable<string>;

export type OperatorErrorCode = keyof typeof OPERATOR_ERRORS;

/** What the operator's services, repository and work throw when a rule of the hail protocol refuses. */
export class OperatorError extends DomainError<OperatorErrorCode> {}

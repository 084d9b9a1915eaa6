import { DomainError, type DomainErrorTable } from '../common/errors/domain-error.js';

/**
 * Every rule of the parking module that refuses a request, and how it is answered (one line each).
 * The wire format is the platform's: the entry's `code` is the status, `field` where one is at fault.
 */
export const PARKING_ERRORS = {
  // Requests that say something impossible.
  INVALID_DATES: { status: 400 },
  INDEFINITE_WITH_DATES: { status: 400 },
  INVALID_SEARCH: { status: 400 },
  INVALID_PASS_FILTER: { status: 400 },
  INVALID_USER_REFERENCE: { status: 400 },
  UNKNOWN_DAY_STATE: { status: 400 },
  // Credentials.
  PARKING_WRONG_CREDENTIALS: { status: 401 },
  PARKING_TOKEN_USER_GONE: { status: 401 },
  // Roles.
  MODERATORS_ONLY: { status: 403 },
  MEMBERS_ONLY: { status: 403 },
  PARTICIPANTS_ONLY: { status: 403 },
  PASS_OWNER_ONLY: { status: 403 },
  PASS_OWNER_OR_MODERATOR_ONLY: { status: 403 },
  // Things that are not there.
  ORG_NOT_FOUND: { status: 404 },
  PASS_NOT_FOUND: { status: 404 },
  BORROW_REQUEST_NOT_FOUND: { status: 404 },
  PARTICIPANT_NOT_FOUND: { status: 404 },
  PARKING_USER_NOT_FOUND: { status: 404 },
  NO_SCHEDULE: { status: 404 },
  SCHEDULE_INVALID: { status: 400 },
  // The state of things refuses the change.
  PARKING_EMAIL_TAKEN: { status: 409 },
  DAY_STATE_TAKEN: { status: 409 },
  SPOT_TAKEN: { status: 409 },
  PASS_NOT_VERIFIED: { status: 409 },
  PASS_CHANGED_MEANWHILE: { status: 409 },
  PASS_OFFERED_AHEAD: { status: 409 },
  REQUEST_SERVED: { status: 409 },
  RELEASE_TOO_LATE: { status: 409 },
  NOT_LENT: { status: 409 },
  NOT_MATCHED: { status: 409 },
} satisfies DomainErrorTable<string>;

export type ParkingErrorCode = keyof typeof PARKING_ERRORS;

/** What the parking services throw when one of its rules refuses a request. */
export class ParkingError extends DomainError<ParkingErrorCode> {}

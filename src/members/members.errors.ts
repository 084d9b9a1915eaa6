import { DomainError, type DomainErrorTable } from '../common/errors/domain-error.js';

/**
 * What the members domain refuses, and how each refusal is answered (status; the entry's code is
 * the status, as the members API has always sent). Messages, fields and `WWW-Authenticate` ride on
 * the error itself (see `membersErrors`), so the wire format is exactly the one before the codes.
 */
export const MEMBERS_ERRORS = {
  MEMBER_NOT_FOUND: { status: 404 },
  /** A valid token whose member no longer exists. */
  MEMBER_OF_TOKEN_GONE: { status: 401 },
  MEMBER_BAD_CREDENTIALS: { status: 401 },
  MEMBER_INACTIVE: { status: 403 },
  /** A login naming both a username and an e-mail. */
  MEMBER_LOGIN_AMBIGUOUS: { status: 400 },
  /** `If-Match` names a version of the profile that is no longer the current one. */
  PROFILE_CHANGED: { status: 412 },
  USERNAME_TAKEN: { status: 409 },
  EMAIL_TAKEN: { status: 409 },
  /** A unique index refused the account for a reason other than its username or e-mail. */
  ACCOUNT_CONFLICT: { status: 409 },
  CURRENT_PASSWORD_REQUIRED: { status: 400 },
  CURRENT_PASSWORD_WRONG: { status: 400 },
  /** An account the staff CLI was asked to create breaks the sign-up rules (one entry per field). */
  ACCOUNT_FIELDS_INVALID: { status: 400 },
} satisfies DomainErrorTable<string>;

export type MembersErrorCode = keyof typeof MEMBERS_ERRORS;

/** A faulty field of an account, with what is wrong with it. */
export interface FieldFault {
  field: string;
  message: string;
}

export class MembersError extends DomainError<MembersErrorCode> {
  /** Every faulty field, for `ACCOUNT_FIELDS_INVALID` (the first one is also `details.field`). */
  readonly faults: FieldFault[];

  constructor(
    code: MembersErrorCode,
    message: string,
    details: { field?: string; headers?: Record<string, string>; faults?: FieldFault[] } = {},
  ) {
    super(code, message, { field: details.field, headers: details.headers });
    this.faults = details.faults ?? (details.field === undefined ? [] : [{ field: details.field, message }]);
  }
}

/** The 409 of a taken username (sign-up, profile change, or the unique index deciding a race). */
export const usernameTaken = () => new MembersError('USERNAME_TAKEN', 'this username is already taken', { field: 'username' });

/** The 409 of a taken e-mail. */
export const emailTaken = () => new MembersError('EMAIL_TAKEN', 'this e-mail is already taken', { field: 'email' });

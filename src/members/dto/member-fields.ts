import { ApiHideProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { WhenPresent } from '../../common/input/dto-rules.js';
import { FORBIDDEN_USERNAME_CHARACTERS } from '../username.js';

/**
 * Validation and normalisation shared by the DTOs that write a member, so sign-up, profile update
 * and the staff CLI apply the same rules.
 */

export const USERNAME_MAX_LENGTH = 30;
export const PASSWORD_MIN_LENGTH = 8;
// bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
export const PASSWORD_MAX_BYTES = 72;

/** The fields a client may read but never write: the seed's server-managed columns. */
export const READ_ONLY_FIELDS = ['id', 'is_staff', 'is_active', 'last_visit', 'date_joined'] as const;

/**
 * Trimmed and in Unicode NFC, so that `andré` typed as `e` + combining accent is the same name as
 * the precomposed one (and collides with it for uniqueness).
 */
export const NormalizeUsername = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value));

export const TrimString = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** `""` (or only blanks) clears an optional text field: it is stored and read back as `null`. */
export const EmptyToNull = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value,
  );

/** Validates only when the key was sent, so `null` is checked (and refused) rather than skipped. */
export const WhenSent = WhenPresent;

/** 1–30 characters (code points), no `,` or `/`, no control, format or unassigned characters. */
export function IsUsername(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isUsername',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          [...value].length >= 1 &&
          [...value].length <= USERNAME_MAX_LENGTH &&
          !FORBIDDEN_USERNAME_CHARACTERS.test(value),
        defaultMessage: () =>
          `username must be 1 to ${USERNAME_MAX_LENGTH} characters, without "," or "/" or invisible (control, format) characters`,
      },
    },
    options,
  );
}

/** At least 8 characters and at most 72 bytes (bcrypt's limit). */
export function IsPassword(field = 'password', options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isPassword',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && [...value].length >= PASSWORD_MIN_LENGTH && Buffer.byteLength(value) <= PASSWORD_MAX_BYTES,
        defaultMessage: () => `${field} must be at least ${PASSWORD_MIN_LENGTH} characters and at most ${PASSWORD_MAX_BYTES} bytes`,
      },
    },
    options,
  );
}

/** Refuses the key whatever its value: the field is managed by the server. */
export function ReadOnly() {
  return function (target: object, property: string) {
    WhenSent()(target, property);
    ValidateBy({
      name: 'readOnly',
      validator: { validate: () => false, defaultMessage: () => `${property} is read-only` },
    })(target, property);
  };
}

/** The fields only the server writes: a sign-up or profile update that sends one is refused (400). */
export class RefusesReadOnlyFields {
  @ApiHideProperty()
  @ReadOnly()
  id?: unknown;

  @ApiHideProperty()
  @ReadOnly()
  is_staff?: unknown;

  @ApiHideProperty()
  @ReadOnly()
  is_active?: unknown;

  @ApiHideProperty()
  @ReadOnly()
  last_visit?: unknown;

  @ApiHideProperty()
  @ReadOnly()
  date_joined?: unknown;
}

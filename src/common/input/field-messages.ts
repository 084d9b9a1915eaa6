import type { ValidationError } from '@nestjs/common';

/** Constraints that refuse the key itself: unknown, or written by the server only. */
const REFUSED_KEYS = ['whitelistValidation', 'readOnly'];

/**
 * Constraints that say what a value is, before those that say how big it is: for `"abc"` where a
 * number in [-180, 180] is due, "must be a number" is the fault, not "must not be greater than 180".
 */
const KIND_FIRST = [
  'isDefined',
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
  'isIn',
  'isEnum',
  'equals',
];

/**
 * The one message a faulty field gets, naming its actual fault: a missing field says it is
 * required, a `null` that it must not be null, a value of the wrong kind what kind is due, and
 * only then the first other rule it breaks. Needs the errors with `value` (the pipe keeps it to
 * choose, and never sends it back).
 */
export function fieldMessage(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  const messages = Object.values(constraints);
  // A key that must not be sent at all is refused for that, whatever its value.
  for (const name of REFUSED_KEYS) if (constraints[name] !== undefined) return constraints[name];
  if ('value' in error && error.value === undefined) {
    return messages.find((message) => /\brequired\b/.test(message)) ?? `${error.property} is required`;
  }
  if ('value' in error && error.value === null) return `${error.property} must not be null`;
  for (const name of KIND_FIRST) if (constraints[name] !== undefined) return constraints[name];
  return messages[0];
}

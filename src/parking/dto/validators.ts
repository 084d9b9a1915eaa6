import { registerDecorator, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../../config/environment.js';
import { INT4_MAX } from '../../common/input/dto-rules.js';
import { isCalendarDate, WEEKDAYS } from '../schedule.js';

/** A real `YYYY-MM-DD` calendar date. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** An IANA time zone such as `Europe/Paris`. */
export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/Paris`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && isTimeZone(value) },
    });
}

export const LOCK_IN_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What a recurring offer or request repeats on: a weekday (`friday`) or a day state id of the org. */
export function IsRecurrence(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isRecurrence',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a weekday (${WEEKDAYS.join(', ')}) or a day state id`, ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value)) ||
          (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= INT4_MAX),
      },
    });
}

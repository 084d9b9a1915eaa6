import { registerDecorator, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../../config/environment.js';
import { isCalendarDate } from '../schedule.js';

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

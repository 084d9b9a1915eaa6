import type { DatesDto } from './dto/borrow.dto.js';
import type { Org } from './org.entity.js';
import { ParkingError } from './parking.errors.js';
import { addDays, datesFrom, dayStateOn, daysBetween, lockInInstant, todayIn, weekdayOf } from './schedule.js';

/** The longest range one borrow or lend request may cover. */
export const MAX_RANGE_DAYS = 366;

/** Where the dates of a request may fall: from today (org zone) to `horizonDays` later. */
export interface BookingWindow {
  today: string;
  horizonDays: number;
}

/** The last date that may be booked, lent or locked in. */
export function horizonEnd(window: BookingWindow): string {
  return addDays(window.today, window.horizonDays);
}

/**
 * The dates a `{date}`, `{start_date, end_date}` or `{every, until, start_date?}` body names, or an
 * INVALID_DATES naming the faulty field. Dates beyond the booking horizon are refused as a whole
 * (400): a date thousands of years out would schedule a lock-in there. A recurrence expands to its
 * occurrences from `start_date` (default today) to `until`: each weekday named, or each date whose
 * day state (under the org's schedule now) is the one named.
 */
export function requestedDates(dto: DatesDto, org: Org, window: BookingWindow): string[] {
  const single = dto.date !== undefined;
  const range = dto.end_date !== undefined || (dto.start_date !== undefined && dto.every === undefined);
  const recurring = dto.every !== undefined || dto.until !== undefined;
  const invalid = (message: string, field: string) => new ParkingError('INVALID_DATES', message, { field });
  const last = horizonEnd(window);
  const beyond = (field: string) =>
    invalid(`${field} is beyond the booking horizon: dates may be at most ${window.horizonDays} days ahead (until ${last})`, field);
  if (recurring) {
    if (single || dto.end_date !== undefined) throw invalid('every takes until (and optionally start_date), not date or end_date', 'every');
    if (dto.every === undefined) throw invalid('until is given with every', 'every');
    if (dto.until === undefined) throw invalid('every needs until, the last date', 'until');
    if (dto.until > last) throw beyond('until');
    const from = dto.start_date ?? window.today;
    if (dto.until < from) throw invalid(`until must not be before ${dto.start_date === undefined ? 'today' : 'start_date'}`, 'until');
    const every = dto.every;
    const given = org.schedule ? [...org.schedule.sequence, ...org.schedule.exceptions.map((e) => e.daystate_id)] : [];
    if (typeof every === 'number' && !given.includes(every)) {
      throw new ParkingError('UNKNOWN_DAY_STATE', `every names day state ${every}, which the org's schedule never gives`, {
        field: 'every',
      });
    }
    const occurs =
      typeof every === 'number' ? (date: string) => dayStateIdOn(org, date) === every : (date: string) => weekdayOf(date) === every;
    return datesFrom(from, dto.until, window.horizonDays + 366).filter(occurs);
  }
  if (single && range) throw invalid('give either date or start_date and end_date, not both', 'date');
  if (single) {
    if (dto.date! > last) throw beyond('date');
    return [dto.date!];
  }
  if (!range) throw invalid('give date, start_date and end_date, or every and until', 'date');
  if (dto.start_date === undefined) throw invalid('start_date is required with end_date', 'start_date');
  if (dto.end_date === undefined) throw invalid('end_date is required with start_date', 'end_date');
  const span = daysBetween(dto.start_date, dto.end_date, 'utc') + 1;
  if (span < 1) throw invalid('end_date must not be before start_date', 'end_date');
  if (span > MAX_RANGE_DAYS) throw invalid(`a range covers at most ${MAX_RANGE_DAYS} days`, 'end_date');
  if (dto.end_date > last) throw beyond('end_date');
  return datesFrom(dto.start_date, dto.end_date, MAX_RANGE_DAYS);
}

/** A single date (a lock-in, a release) beyond the booking horizon is a 400 naming `field`. */
export function requireWithinHorizon(date: string, window: BookingWindow, field = 'date'): void {
  const last = horizonEnd(window);
  if (date > last) {
    throw new ParkingError(
      'INVALID_DATES',
      `${field} is beyond the booking horizon: dates may be at most ${window.horizonDays} days ahead (until ${last})`,
      { field },
    );
  }
}

/** Today's date in the org's time zone. */
export function todayOf(org: Org, now: Date): string {
  return todayIn(org.timezone, now);
}

/** The day-state id of `date` in `org`, or null (no schedule, skipped day, `null` exception): nobody parks. */
export function dayStateIdOn(org: Org, date: string): number | null {
  return org.schedule ? dayStateOn(org.schedule, date, org.timezone) : null;
}

/** When `date` is locked in: the org's `lock_in` time on the day before, in its time zone. */
export function lockInTimeOf(org: Org, date: string): Date {
  return lockInInstant(date, org.lockIn, org.timezone);
}

/** Whether the lock-in time of `date` has come at `now`. */
export function isLockInDue(org: Org, date: string, now: Date): boolean {
  return now >= lockInTimeOf(org, date);
}

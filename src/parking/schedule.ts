import { DateTime } from 'luxon';

/** Weekday names as the API spells them, in ISO order (luxon's `weekday` 1 = Monday … 7 = Sunday). */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** An org's day-state schedule, as stored and as the API shows it. */
export interface Schedule {
  /** Day-state ids, cycled through one step per advancing day. */
  sequence: number[];
  /** A date known to be in a given state: the walk starts there. */
  anchor: { date: string; daystate_id: number };
  /** Weekdays that have no day state and do not advance the sequence. */
  skip: Weekday[];
  /** Dated overrides: a day state, or `null` for "nobody parks"; neither advances the sequence. */
  exceptions: Array<{ date: string; daystate_id: number | null }>;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real `YYYY-MM-DD` calendar date (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && CALENDAR_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** A calendar date as the start of that day in `zone` (luxon moves a midnight that DST skips). */
function calendarDay(date: string, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day');
}

/** Calendar days from `from` to `to` (negative if `to` is earlier), counted on the calendar, not in seconds. */
export function daysBetween(from: string, to: string, zone: string): number {
  // luxon diffs days by calendar date, so a 23 h or 25 h DST day still counts as one day.
  return Math.round(calendarDay(to, zone).diff(calendarDay(from, zone), 'days').days);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number, zone = 'utc'): string {
  return calendarDay(date, zone).plus({ days }).toISODate()!;
}

/**
 * Every calendar date from `start` to `end`, inclusive. The count is checked before the walk: with
 * a date that is not one (`null` once reached this), the walk never ended.
 */
export function datesFrom(start: string, end: string, limit = 366): string[] {
  if (!isCalendarDate(start) || !isCalendarDate(end)) throw new RangeError(`datesFrom: ${start}..${end} are not calendar dates`);
  const count = daysBetween(start, end, 'utc') + 1;
  if (count > limit) throw new RangeError(`datesFrom: ${count} dates, more than ${limit}`);
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** Today's calendar date in `zone` at the instant `now`. */
export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/**
 * The instant a date is locked in: `lockIn` (`HH:mm`) on the day before, in the org's time zone.
 * A wall time that a DST change skips is moved forward by luxon, one that occurs twice takes the first.
 */
export function lockInInstant(date: string, lockIn: string, zone: string): Date {
  const [hour, minute] = lockIn.split(':').map(Number);
  return calendarDay(date, zone).minus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** What `dayStateOn` reads of a schedule, computed once per schedule rather than once per date. */
interface ScheduleIndex {
  exceptionsByDate: Map<string, number | null>;
  /** Exception dates on weekdays that are not skipped (the ones that hold the sequence back), sorted. */
  holdingExceptionDates: string[];
  skipped: Set<Weekday>;
}

const scheduleIndexes = new WeakMap<Schedule, ScheduleIndex>();

/**
 * A schedule may hold 5,000 exceptions and a borrow may name 366 dates: scanning the exceptions
 * (with a luxon weekday each) per date took 45 s of one event loop. Indexed once, a date costs a
 * binary search.
 */
function indexOf(schedule: Schedule): ScheduleIndex {
  let index = scheduleIndexes.get(schedule);
  if (index === undefined) {
    const skipped = new Set(schedule.skip);
    index = {
      // The first exception of a date wins, as a search from the start would find it.
      exceptionsByDate: new Map(schedule.exceptions.toReversed().map((e) => [e.date, e.daystate_id])),
      holdingExceptionDates: [...new Set(schedule.exceptions.map((e) => e.date))]
        .filter((date) => !skipped.has(calendarWeekday(date)))
        .sort(),
      skipped,
    };
    scheduleIndexes.set(schedule, index);
  }
  return index;
}

/** The weekday of a calendar date: the same in every time zone, so read without one. */
export function weekdayOf(date: string): Weekday {
  return calendarWeekday(date);
}

function calendarWeekday(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
}

/** How many of the sorted `dates` fall within [first, last]. */
function countWithin(dates: string[], first: string, last: string): number {
  const lowerBound = (value: string, inclusive: boolean) => {
    let low = 0;
    let high = dates.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (dates[middle] < value || (inclusive && dates[middle] === value)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return lowerBound(last, true) - lowerBound(first, false);
}

/**
 * Number of advancing days (neither skipped nor an exception) among the `count` calendar days
 * starting at `first`. Whole weeks are counted at once, so a date years from the anchor costs the
 * same as tomorrow; the result is the one a day-by-day walk would give.
 */
function advancingDays(first: string, count: number, index: ScheduleIndex, zone: string): number {
  if (count <= 0) return 0;
  const activePerWeek = WEEKDAYS.filter((day) => !index.skipped.has(day)).length;
  const firstWeekday = WEEKDAYS.indexOf(calendarWeekday(first));
  let total = Math.floor(count / 7) * activePerWeek;
  for (let i = 0; i < count % 7; i++) {
    if (!index.skipped.has(WEEKDAYS[(firstWeekday + i) % 7])) total++;
  }
  return total - countWithin(index.holdingExceptionDates, first, addDays(first, count - 1, zone));
}

/**
 * The day-state id of `date` under `schedule`, or `null` when nobody parks (skipped weekday, `null`
 * exception). Walks calendar dates in the org's time zone from the anchor, one step through the
 * sequence per day that is neither skipped nor an exception; dates before the anchor walk backwards.
 */
export function dayStateOn(schedule: Schedule, date: string, zone: string): number | null {
  const index = indexOf(schedule);
  const exception = index.exceptionsByDate.get(date);
  if (exception !== undefined) return exception;
  if (index.skipped.has(calendarWeekday(date))) return null;

  const anchor = schedule.anchor;
  const anchorIndex = schedule.sequence.indexOf(anchor.daystate_id);
  const offset = daysBetween(anchor.date, date, zone);
  const steps =
    offset >= 0 ? advancingDays(addDays(anchor.date, 1, zone), offset, index, zone) : -advancingDays(date, -offset, index, zone);
  const length = schedule.sequence.length;
  return schedule.sequence[(((anchorIndex + steps) % length) + length) % length];
}

/** Reasons a schedule cannot be used, as `{field, message}` entries (empty when it is sound). */
export function scheduleProblems(schedule: Schedule, dayStateIds: Set<number>): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  schedule.sequence.forEach((id, i) => {
    if (!dayStateIds.has(id)) problems.push({ field: `sequence[${i}]`, message: `day state ${id} does not belong to this org` });
  });
  if (!schedule.sequence.includes(schedule.anchor.daystate_id)) {
    problems.push({ field: 'anchor.daystate_id', message: 'the anchor day state must appear in the sequence' });
  }
  if (schedule.skip.includes(calendarWeekday(schedule.anchor.date))) {
    problems.push({ field: 'anchor.date', message: 'the anchor date falls on a skipped weekday' });
  }
  if (new Set(schedule.skip).size === WEEKDAYS.length)
    problems.push({ field: 'skip', message: 'at least one weekday must not be skipped' });
  const seen = new Set<string>();
  schedule.exceptions.forEach((exception, i) => {
    if (exception.date === schedule.anchor.date) {
      problems.push({ field: `exceptions[${i}].date`, message: 'the anchor date cannot be an exception' });
    } else if (seen.has(exception.date)) {
      problems.push({ field: `exceptions[${i}].date`, message: 'each date may have one exception only' });
    }
    seen.add(exception.date);
    if (exception.daystate_id !== null && !dayStateIds.has(exception.daystate_id)) {
      problems.push({ field: `exceptions[${i}].daystate_id`, message: `day state ${exception.daystate_id} does not belong to this org` });
    }
  });
  return problems;
}

import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import {
  addDays,
  dayStateOn,
  datesFrom,
  isCalendarDate,
  lockInInstant,
  Schedule,
  scheduleProblems,
  todayIn,
  WEEKDAYS,
} from './schedule.js';

const A = 1;
const B = 2;
const PARIS = 'Europe/Paris';

/** A/B days on school days, anchored on Monday 2 November 2026 = A. */
const school: Schedule = {
  sequence: [A, B],
  anchor: { date: '2026-11-02', daystate_id: A },
  skip: ['saturday', 'sunday'],
  exceptions: [],
};

/** The spec's walk, literally: one calendar day at a time. Used to check the counting shortcut. */
function walk(schedule: Schedule, date: string, zone: string): number | null {
  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception) return exception.daystate_id;
  const weekday = (d: string) => WEEKDAYS[DateTime.fromISO(d, { zone }).weekday - 1];
  if (schedule.skip.includes(weekday(date))) return null;
  const advances = (d: string) => !schedule.skip.includes(weekday(d)) && !schedule.exceptions.some((e) => e.date === d);
  let index = schedule.sequence.indexOf(schedule.anchor.daystate_id);
  const forward = date >= schedule.anchor.date;
  for (let d = schedule.anchor.date; d !== date;) {
    if (forward) {
      d = addDays(d, 1, zone);
      if (advances(d)) index++;
    } else {
      if (advances(d) && d !== schedule.anchor.date) index--;
      d = addDays(d, -1, zone);
    }
  }
  if (!forward && advances(date)) index--;
  const n = schedule.sequence.length;
  return schedule.sequence[((index % n) + n) % n];
}

describe('dayStateOn (the schedule walk)', () => {
  it('alternates A and B over two school weeks, weekends having no day state', () => {
    const expected: Record<string, number | null> = {
      '2026-11-02': A,
      '2026-11-03': B,
      '2026-11-04': A,
      '2026-11-05': B,
      '2026-11-06': A,
      '2026-11-07': null,
      '2026-11-08': null,
      '2026-11-09': B,
      '2026-11-10': A,
      '2026-11-11': B,
      '2026-11-12': A,
      '2026-11-13': B,
      '2026-11-14': null,
      '2026-11-15': null,
      '2026-11-16': A,
    };
    for (const [date, state] of Object.entries(expected)) expect([date, dayStateOn(school, date, PARIS)]).toEqual([date, state]);
  });

  it('steps one calendar day across the daylight-saving changes (25 h and 23 h days in Paris)', () => {
    // Clocks go back on Sunday 25 October 2026 and forward on Sunday 28 March 2027.
    const autumn: Schedule = { ...school, anchor: { date: '2026-10-19', daystate_id: A } };
    expect(['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27'].map((d) => dayStateOn(autumn, d, PARIS))).toEqual([
      A,
      null,
      null,
      B,
      A,
    ]);
    const spring: Schedule = { ...school, anchor: { date: '2027-03-22', daystate_id: A } };
    expect(['2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30'].map((d) => dayStateOn(spring, d, PARIS))).toEqual([
      A,
      null,
      null,
      B,
      A,
    ]);
    // Every day of the week around the change, not only weekdays: a daily sequence of seven states.
    const daily: Schedule = { sequence: [1, 2, 3, 4, 5, 6, 7], anchor: { date: '2026-10-19', daystate_id: 1 }, skip: [], exceptions: [] };
    expect(datesFrom('2026-10-19', '2026-10-27').map((d) => dayStateOn(daily, d, PARIS))).toEqual([1, 2, 3, 4, 5, 6, 7, 1, 2]);
  });

  it('walks backwards from the anchor for earlier dates', () => {
    expect(dayStateOn(school, '2026-10-30', PARIS)).toBe(B); // Friday before the anchor
    expect(dayStateOn(school, '2026-10-29', PARIS)).toBe(A);
    expect(dayStateOn(school, '2026-11-01', PARIS)).toBeNull(); // Sunday
    expect(dayStateOn(school, '2026-10-26', PARIS)).toBe(B); // across the October DST change, backwards
  });

  it('gives exception dates their state without advancing the sequence', () => {
    const withHoliday: Schedule = {
      ...school,
      exceptions: [
        { date: '2026-11-11', daystate_id: null }, // Armistice day: nobody parks
        { date: '2026-11-05', daystate_id: A }, // a forced A day
      ],
    };
    expect(dayStateOn(withHoliday, '2026-11-04', PARIS)).toBe(A);
    expect(dayStateOn(withHoliday, '2026-11-05', PARIS)).toBe(A);
    expect(dayStateOn(withHoliday, '2026-11-06', PARIS)).toBe(B); // the exception did not advance
    expect(dayStateOn(withHoliday, '2026-11-09', PARIS)).toBe(A);
    expect(dayStateOn(withHoliday, '2026-11-10', PARIS)).toBe(B);
    expect(dayStateOn(withHoliday, '2026-11-11', PARIS)).toBeNull();
    expect(dayStateOn(withHoliday, '2026-11-12', PARIS)).toBe(A);
    expect(dayStateOn(withHoliday, '2026-10-30', PARIS)).toBe(B); // earlier dates are not affected
  });

  it('agrees with a day-by-day walk over years, forwards and backwards', () => {
    const schedules: Schedule[] = [
      school,
      {
        sequence: [1, 2, 3],
        anchor: { date: '2026-03-10', daystate_id: 2 },
        skip: ['sunday'],
        exceptions: [
          { date: '2026-03-29', daystate_id: 3 },
          { date: '2026-04-01', daystate_id: null },
          { date: '2025-12-25', daystate_id: null },
        ],
      },
      {
        sequence: [5, 6, 5, 7],
        anchor: { date: '2027-01-01', daystate_id: 7 },
        skip: ['monday', 'wednesday'],
        exceptions: [{ date: '2026-10-25', daystate_id: 6 }],
      },
    ];
    for (const schedule of schedules) {
      for (let offset = -400; offset <= 400; offset += 29) {
        for (const extra of [0, 3]) {
          const date = addDays(schedule.anchor.date, offset + extra);
          expect([date, dayStateOn(schedule, date, PARIS)]).toEqual([date, walk(schedule, date, PARIS)]);
        }
      }
    }
  });
});

describe('calendar helpers', () => {
  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate(20260203)).toBe(false);
  });

  it("reads today in the org's time zone", () => {
    const lateEvening = new Date('2026-11-22T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-11-22');
    expect(todayIn(PARIS, lateEvening)).toBe('2026-11-23');
  });

  it('locks a date in at lock_in on the day before, in local time, DST included', () => {
    expect(lockInInstant('2026-12-01', '18:00', PARIS).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(lockInInstant('2026-07-01', '18:00', PARIS).toISOString()).toBe('2026-06-30T16:00:00.000Z');
    // The day before 26 October 2026 is the 25-hour day: 18:00 is already winter time there.
    expect(lockInInstant('2026-10-26', '18:00', PARIS).toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(lockInInstant('2026-12-01', '07:30', 'UTC').toISOString()).toBe('2026-11-30T07:30:00.000Z');
  });

  it('lists the dates of a range, month and year ends included', () => {
    expect(datesFrom('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('gives a schedule of 5,000 exceptions the states of a day-by-day walk (indexed: 366 dates took 45 s before)', () => {
    const exceptions = Array.from({ length: 5000 }, (_, i) => ({
      date: addDays('2026-01-01', i * 2),
      daystate_id: i % 3 === 0 ? null : 2,
    }));
    const busy: Schedule = {
      sequence: [1, 2, 3],
      anchor: { date: '2025-12-01', daystate_id: 1 },
      skip: ['saturday', 'sunday'],
      exceptions,
    };
    const byDate = new Map(exceptions.map((e) => [e.date, e.daystate_id]));
    const walked = new Map<string, number | null>();
    let step = 0;
    for (let date = '2025-12-01'; date <= '2040-12-31'; date = addDays(date, 1)) {
      const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
      if (byDate.has(date)) walked.set(date, byDate.get(date)!);
      else if (busy.skip.includes(weekday)) walked.set(date, null);
      else walked.set(date, busy.sequence[step++ % 3]);
    }
    const dates = datesFrom('2040-01-01', '2040-12-31');
    expect(dates.map((date) => dayStateOn(busy, date, PARIS))).toEqual(dates.map((date) => walked.get(date)));
  });

  it('bounds the walk of datesFrom before it runs: non-dates and over-long ranges throw', () => {
    expect(() => datesFrom(null as unknown as string, null as unknown as string)).toThrow(RangeError);
    expect(() => datesFrom('2026-01-01', '2027-01-02', 366)).toThrow(RangeError);
    expect(datesFrom('2026-01-01', '2027-01-01', 366)).toHaveLength(366);
  });
});

describe('scheduleProblems', () => {
  it('accepts a sound schedule', () => {
    expect(scheduleProblems(school, new Set([A, B]))).toEqual([]);
  });

  it('names each faulty field', () => {
    const bad: Schedule = {
      sequence: [A, 9],
      anchor: { date: '2026-11-07', daystate_id: 3 },
      skip: ['saturday'],
      exceptions: [
        { date: '2026-11-10', daystate_id: 8 },
        { date: '2026-11-10', daystate_id: null },
      ],
    };
    expect(scheduleProblems(bad, new Set([A, B])).map((p) => p.field)).toEqual([
      'sequence[1]',
      'anchor.daystate_id',
      'anchor.date',
      'exceptions[0].daystate_id',
      'exceptions[1].date',
    ]);
  });
});

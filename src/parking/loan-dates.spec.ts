import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { horizonEnd, requestedDates } from './loan-dates.js';
import type { Org } from './org.entity.js';
import { addDays, dayStateOn, weekdayOf, WEEKDAYS } from './schedule.js';

const org = {
  id: 1,
  timezone: 'Europe/Paris',
  schedule: { sequence: [1, 2], anchor: { date: '2026-11-23', daystate_id: 1 }, skip: ['saturday', 'sunday'], exceptions: [] },
} as unknown as Org;
const window = { today: '2026-11-22', horizonDays: 120 };
const fault = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { code: string; options?: { field?: string } };
  }
  throw new Error('expected a refusal');
};

describe('requestedDates', () => {
  it('refuses any date beyond the horizon, naming the field', () => {
    expect(horizonEnd(window)).toBe('2027-03-22');
    expect(requestedDates({ date: '2027-03-22' }, org, window)).toEqual(['2027-03-22']);
    expect(fault(() => requestedDates({ date: '9999-12-31' }, org, window))).toMatchObject({ code: 'INVALID_DATES' });
    expect(fault(() => requestedDates({ start_date: '2027-03-01', end_date: '2027-03-23' }, org, window))).toMatchObject({
      code: 'INVALID_DATES',
    });
    expect(fault(() => requestedDates({ every: 'friday', until: '2027-03-23' }, org, window))).toMatchObject({ code: 'INVALID_DATES' });
  });

  it('expands every weekday to exactly the dates of that weekday from start to until', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (every, a, b) => {
        const [from, until] = [addDays(window.today, Math.min(a, b)), addDays(window.today, Math.max(a, b))];
        const dates = requestedDates({ every, start_date: from, until }, org, window);
        const expected: string[] = [];
        for (let date = from; date <= until; date = addDays(date, 1)) if (weekdayOf(date) === every) expected.push(date);
        expect(dates).toEqual(expected);
      }),
    );
  });

  it('expands every day state to the dates the schedule gives it', () => {
    const dates = requestedDates({ every: 2, until: '2026-12-31' }, org, window);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((date) => dayStateOn(org.schedule!, date, org.timezone) === 2)).toBe(true);
    expect(requestedDates({ every: 1, until: '2026-12-31' }, org, window).length + dates.length).toBe(
      // every weekday from 23 November to 31 December is A or B
      29,
    );
    expect(fault(() => requestedDates({ every: 3, until: '2026-12-31' }, org, window))).toMatchObject({ code: 'UNKNOWN_DAY_STATE' });
  });
});

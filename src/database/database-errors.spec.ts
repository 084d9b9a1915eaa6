import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { databaseErrorCode, isDatabaseUnavailable, isRetryableConflict, isUniqueViolation } from './database-errors.js';

const failed = (driverError: object) => new QueryFailedError('INSERT ...', [], Object.assign(new Error('failed'), driverError));
const RIDER_INDEX = { name: 'UQ_trips_rider_in_progress', columns: 'trips.rider_id' };

describe('database errors', () => {
  it('reads a unique violation on PostgreSQL and on SQLite, primary keys included', () => {
    expect(isUniqueViolation(failed({ code: '23505', constraint: 'UQ_x' }))).toBe(true);
    expect(isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(true);
    expect(isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))).toBe(true);
    expect(isUniqueViolation(failed({ code: '23503' }))).toBe(false);
    expect(isUniqueViolation(new Error('not a query'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it('narrows to one index: by name on PostgreSQL, by columns on SQLite', () => {
    expect(isUniqueViolation(failed({ code: '23505', constraint: 'UQ_trips_rider_in_progress' }), RIDER_INDEX)).toBe(true);
    expect(isUniqueViolation(failed({ code: '23505', constraint: 'UQ_trips_bike_in_progress' }), RIDER_INDEX)).toBe(false);
    expect(
      isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: trips.rider_id' }), RIDER_INDEX),
    ).toBe(true);
    expect(
      isUniqueViolation(failed({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: trips.bike_id' }), RIDER_INDEX),
    ).toBe(false);
  });

  it('tells retryable conflicts from other failures', () => {
    for (const code of ['23505', '40P01', '40001', 'SQLITE_BUSY']) expect(isRetryableConflict(failed({ code }))).toBe(true);
    expect(isRetryableConflict(failed({ code: '23503' }))).toBe(false);
    expect(databaseErrorCode(failed({ code: '40P01' }))).toBe('40P01');
  });
});

describe('isDatabaseUnavailable', () => {
  it('reads an unreachable or overloaded database, and nothing else', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable({ driverError: { code: '57P01', message: 'terminating connection due to administrator command' } })).toBe(
      true,
    );
    expect(isDatabaseUnavailable({ driverError: { code: '08006' } })).toBe(true);
    expect(isDatabaseUnavailable(failed({ code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(failed({ code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});

import { Injectable } from '@nestjs/common';

/**
 * "Now" for the parking rules (past dates, today's date, lock-in instants, priority keys). One
 * provider so that tests can move time (`jest.spyOn(clock, 'now')`) instead of waiting for it.
 */
@Injectable()
export class ParkingClock {
  now(): Date {
    return new Date();
  }
}

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

  /**
   * The real instant at which the parking clock reads `instant`: the same unless tests moved the
   * clock, and work items wait in real time.
   */
  wallClockInstant(instant: Date): Date {
    return new Date(Date.now() + (instant.getTime() - this.now().getTime()));
  }
}

import { describe, expect, it } from '@jest/globals';
import { LoanLockSequence } from './loan-locks.js';
import type { LoansRepository } from './loans.repository.js';
import type { ParkingRowLocksRepository } from './parking-row-locks.repository.js';

/** A lock sequence over fakes that record what was locked, in order; `gone` orgs lock nothing. */
function sequence(gone: number[] = []) {
  const taken: string[] = [];
  const rows = {
    lockUser: async (id: number) => void taken.push(`user ${id}`),
    lockPass: async (id: number) => (taken.push(`pass ${id}`), null),
    lockOrg: async (id: number) => (taken.push(`org ${id}`), gone.includes(id) ? null : { id }),
    lockDays: async (orgId: number, dates: readonly string[]) => {
      taken.push(`days ${dates.join(',')}`);
      return dates.map((date) => ({ orgId, date, lockedAt: null }));
    },
    lockMembership: async (orgId: number, userId: number) => (taken.push(`membership ${orgId}/${userId}`), null),
  } as unknown as ParkingRowLocksRepository;
  const loans = {
    ensureLoanDays: async (_orgId: number, dates: readonly string[]) => void taken.push(`ensure ${dates.join(',')}`),
  } as unknown as LoansRepository;
  return { locks: new LoanLockSequence(rows, loans), taken };
}

describe('LoanLockSequence', () => {
  it('takes user, pass, org and days in that order, the days created first and sorted without repeats', async () => {
    const { locks, taken } = sequence();
    await locks.user(7);
    await locks.pass(3);
    await locks.org(1);
    const days = await locks.days(1, ['2026-12-03', '2026-12-01', '2026-12-03']);
    expect(taken).toEqual(['user 7', 'pass 3', 'org 1', 'ensure 2026-12-01,2026-12-03', 'days 2026-12-01,2026-12-03']);
    expect([...days.keys()]).toEqual(['2026-12-01', '2026-12-03']);
  });

  it('never takes the org after the days', async () => {
    const { locks } = sequence();
    await locks.org(1);
    await locks.days(1, []);
    await expect(locks.org(1)).rejects.toThrow('parking lock order: org taken after days');
  });

  it("refuses an org's dates unless it holds that org's row: a match reads a queue no other match of the org may change", async () => {
    const unheld = sequence();
    await expect(unheld.locks.days(1, ['2026-12-01'])).rejects.toThrow('parking lock order: days of org 1 taken without its org row');
    const other = sequence();
    await other.locks.org(2);
    await expect(other.locks.days(1, ['2026-12-01'])).rejects.toThrow('days of org 1 taken without its org row');
    const gone = sequence([1]);
    await gone.locks.org(1);
    await expect(gone.locks.days(1, ['2026-12-01'])).rejects.toThrow('days of org 1 taken without its org row');
    expect([...unheld.taken, ...other.taken, ...gone.taken]).toEqual(['org 2', 'org 1']);
  });

  it('may skip a step', async () => {
    const { locks, taken } = sequence();
    await locks.user(7);
    await locks.org(1);
    await locks.days(1, ['2026-12-01']);
    expect(taken).toEqual(['user 7', 'org 1', 'ensure 2026-12-01', 'days 2026-12-01']);
  });

  it('refuses a lock out of the one order, before taking it', async () => {
    const { locks, taken } = sequence();
    await locks.org(1);
    await locks.days(1, []);
    await expect(locks.user(7)).rejects.toThrow('parking lock order: user taken after days');
    await expect(locks.pass(3)).rejects.toThrow(/lock order/);
    expect(taken).toEqual(['org 1']);
  });

  it('takes memberships last, one borrower after another, and nothing after them', async () => {
    const { locks, taken } = sequence();
    await locks.org(1);
    await locks.days(1, ['2026-12-01']);
    await locks.membership(1, 7);
    await locks.membership(1, 8);
    await expect(locks.days(1, ['2026-12-02'])).rejects.toThrow('parking lock order: days taken after membership');
    await expect(locks.org(1)).rejects.toThrow('parking lock order: org taken after membership');
    expect(taken).toEqual(['org 1', 'ensure 2026-12-01', 'days 2026-12-01', 'membership 1/7', 'membership 1/8']);
  });
});

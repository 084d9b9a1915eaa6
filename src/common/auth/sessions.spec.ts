import { describe, expect, it, jest } from '@jest/globals';
import { Sessions, type SessionState } from './sessions.js';

const sessionsWith = (sessionCacheMs: number) => new Sessions({ sessionCacheMs } as never);

describe('Sessions', () => {
  it('asks the realm once per account within SESSION_CACHE_MS, not once per request', async () => {
    const sessions = sessionsWith(60_000);
    const loader = jest.fn(async (): Promise<SessionState | null> => ({ version: 2, active: true }));
    sessions.register('member', loader);
    const answers = await Promise.all([1, 2, 3].map(() => sessions.isOpen('member', 7, 2)));
    expect(answers).toEqual([true, true, true]);
    expect(await sessions.isOpen('member', 7, 1)).toBe(false);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('reads again after forget() or once the cache time has passed', async () => {
    let version = 0;
    const loader = jest.fn(async () => ({ version, active: true }));
    const forgetful = sessionsWith(60_000);
    forgetful.register('parking', loader);
    expect(await forgetful.isOpen('parking', 1, 0)).toBe(true);
    version = 1;
    forgetful.forget('parking', 1);
    expect(await forgetful.isOpen('parking', 1, 0)).toBe(false);

    const uncached = sessionsWith(0);
    uncached.register('parking', loader);
    version = 2;
    expect(await uncached.isOpen('parking', 1, 2)).toBe(true);
    version = 3;
    expect(await uncached.isOpen('parking', 1, 2)).toBe(false);
  });

  it('refuses inactive and unknown accounts, and realms nobody registered', async () => {
    const sessions = sessionsWith(60_000);
    sessions.register('member', async (id) => (id === 1 ? { version: 0, active: false } : null));
    expect(await sessions.isOpen('member', 1, 0)).toBe(false);
    expect(await sessions.isOpen('member', 2, 0)).toBe(false);
    expect(await sessions.isOpen('parking', 1, 0)).toBe(false);
  });

  it('does not remember a failed read', async () => {
    const sessions = sessionsWith(60_000);
    const loader = jest
      .fn<() => Promise<SessionState | null>>()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValue({ version: 0, active: true });
    sessions.register('member', loader);
    await expect(sessions.isOpen('member', 5, 0)).rejects.toThrow('database down');
    expect(await sessions.isOpen('member', 5, 0)).toBe(true);
  });
});

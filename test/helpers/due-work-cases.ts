import { expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DueWorkRepository } from '../../src/database/due-work/due-work.repository.js';
import { DueWorkRunner } from '../../src/database/due-work/due-work.runner.js';
import { DueWork } from '../../src/database/due-work/due-work.service.js';
import type { ClaimedWork } from '../../src/database/due-work/due-work.types.js';
import type { TestApp } from './test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

/**
 * The durable-work rules, on whichever dialect the calling project boots (PostgreSQL in e2e,
 * SQLite in smoke): committed with the caller's transaction or not at all, run once, re-armed work
 * runs again, failed work is retried, and a dead owner's lease is retaken, with one log line.
 */
export function dueWorkCases(app: () => TestApp): void {
  const services = () => ({
    dataSource: app().app.get(DataSource),
    dueWork: app().app.get(DueWork),
    repository: app().app.get(DueWorkRepository),
    runner: app().app.get(DueWorkRunner),
  });

  it('runs an item committed with its transaction, and never one whose transaction rolled back', async () => {
    const { dataSource, dueWork, runner, repository } = services();
    const ran: string[] = [];
    runner.register({ kind: 'test.commit', concurrency: 2, run: async (work) => void ran.push(work.key) });
    await dataSource.transaction((manager) => dueWork.schedule(manager, { kind: 'test.commit', key: 'kept' }));
    await dataSource
      .transaction(async (manager) => {
        await dueWork.schedule(manager, { kind: 'test.commit', key: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await until(() => (ran.includes('kept') ? true : undefined));
    await until(async () => ((await repository.count('test.commit')) === 0 ? true : undefined));
    await sleep(300);
    expect(ran).toEqual(['kept']);
  });

  it('runs a re-armed item again after the run that was under way, and a failed one again later', async () => {
    const { dataSource, dueWork, runner, repository } = services();
    const runs: Array<{ key: string; payload: unknown }> = [];
    let release: () => void = () => undefined;
    const firstRunHeld = new Promise<void>((resolve) => (release = resolve));
    let failures = 1;
    runner.register({
      kind: 'test.rearm',
      concurrency: 2,
      run: async (work: ClaimedWork) => {
        runs.push({ key: work.key, payload: work.payload });
        if (work.key === 'held' && runs.filter((run) => run.key === 'held').length === 1) await firstRunHeld;
        if (work.key === 'flaky' && failures-- > 0) throw new Error('not yet');
      },
    });
    await dueWork.schedule(dataSource.manager, [
      { kind: 'test.rearm', key: 'held', payload: { n: 1 } },
      { kind: 'test.rearm', key: 'flaky' },
    ]);
    await until(() => (runs.some((run) => run.key === 'held') ? true : undefined));
    // Scheduled again while its first run is under way: that run's completion must not delete it.
    await dueWork.schedule(dataSource.manager, { kind: 'test.rearm', key: 'held', payload: { n: 2 } });
    release();
    await until(() => (runs.filter((run) => run.key === 'held').length === 2 ? true : undefined));
    expect(runs.filter((run) => run.key === 'held').map((run) => run.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    // The flaky one failed once, was retried after its back-off, and is done.
    await until(() => (runs.filter((run) => run.key === 'flaky').length === 2 ? true : undefined), 5000);
    await until(async () => ((await repository.count('test.rearm')) === 0 ? true : undefined));
  });

  it("retakes a dead owner's item once its lease has run out, and says so", async () => {
    const { dataSource, dueWork, runner, repository } = services();
    await dueWork.schedule(dataSource.manager, { kind: 'test.orphan', key: 'orphan' });
    // Another process claimed it with a 600 ms lease, then died (never renewed, never finished).
    const [taken] = await repository.claim('test.orphan', 'dead-process', 1, 600);
    expect(taken.key).toBe('orphan');
    const warnings: string[] = [];
    const logger = (runner as unknown as { logger: { warn: (message: string) => void } }).logger;
    const original = logger.warn.bind(logger);
    logger.warn = (message: string) => {
      warnings.push(message);
      original(message);
    };
    const claimedAt = Date.now();
    let retakenAt = 0;
    runner.register({ kind: 'test.orphan', concurrency: 1, run: async () => void (retakenAt = Date.now()) });
    await until(() => (retakenAt > 0 ? true : undefined), 5000);
    logger.warn = original;
    expect(retakenAt - claimedAt).toBeGreaterThanOrEqual(500);
    expect(warnings.some((line) => line.includes('re-took 1 test.orphan item(s)') && line.includes('dead-process'))).toBe(true);
    await until(async () => ((await repository.count('test.orphan')) === 0 ? true : undefined));
  });
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TransactionContext } from './transaction-context.js';

describe('TransactionContext', () => {
  it('shows each open transaction to its own work only, across overlapping transactions and turns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        async (works) => {
          const context = new TransactionContext<{ id: number; open: boolean }>();
          const afterwards: Array<Promise<unknown>> = [];
          await Promise.all(
            works.map((turns, id) =>
              context.run({ id, open: true }, async () => {
                for (const turn of turns) {
                  for (let i = 0; i < turn; i += 1) await nextTurn();
                  expect(context.current()?.id).toBe(id);
                }
                // Scheduled inside, run after the end: the transaction is closed by then.
                afterwards.push(
                  nextTurn()
                    .then(() => nextTurn())
                    .then(() => expect(context.current()).toBeUndefined()),
                );
              }),
            ),
          );
          await Promise.all(afterwards);
          expect(context.current()).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes the promise hooks off once the last open transaction has ended, and on again for the next', () => {
    // jest itself keeps an async hook on, so the hooks are watched in a process of their own.
    const script = `
      import { executionAsyncResource } from 'node:async_hooks';
      import { TransactionContext } from ${JSON.stringify(new URL('./transaction-context.ts', import.meta.url).href)};
      const hooksOn = async () => { await null; return executionAsyncResource() instanceof Promise; };
      const seen = [];
      const context = new TransactionContext();
      seen.push(['before any', await hooksOn()]);
      let release;
      const first = context.run({ open: true }, () => new Promise((resolve) => (release = resolve)));
      await context.run({ open: true }, async () => seen.push(['inside', await hooksOn()]));
      seen.push(['one still open', await hooksOn()]);
      release();
      await first;
      seen.push(['all ended', await hooksOn()]);
      await context.run({ open: true }, async () => seen.push(['inside the next', await hooksOn()]));
      await context.run({ open: true }, () => Promise.reject(new Error('refused'))).catch(() => undefined);
      seen.push(['after a failed one', await hooksOn()]);
      process.stdout.write(JSON.stringify(seen));
    `;
    const child = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', '--input-type=module', '--eval', script], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([
      ['before any', false],
      ['inside', true],
      ['one still open', true],
      ['all ended', false],
      ['inside the next', true],
      ['after a failed one', false],
    ]);
  });

  it('closes the transaction when its work fails', async () => {
    const context = new TransactionContext();
    const transaction = { open: true };
    await expect(context.run(transaction, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(transaction.open).toBe(false);
    expect(context.current()).toBeUndefined();
  });
});

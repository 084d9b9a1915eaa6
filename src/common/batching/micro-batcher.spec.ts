import { describe, expect, it } from '@jest/globals';
import { MicroBatcher } from './micro-batcher.js';

describe('MicroBatcher', () => {
  it('answers each caller its own result, batching the calls of one turn together', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((item) => item * 10);
      },
      { maxBatch: 100 },
    );
    const results = await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await batcher.submit(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('gathers calls made while a batch is written into the next one, at most maxBatch each', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxBatch: 2 },
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('rejects every caller of a failed batch, and goes on with the next', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        if (fail) throw new Error('redis away');
        return items;
      },
      { maxBatch: 10 },
    );
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('redis away');
    fail = false;
    expect(await batcher.submit(3)).toBe(3);
  });

  it('writes up to `concurrency` batches at once, and no more', async () => {
    const releases: Array<() => void> = [];
    const batches: number[][] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        writing += 1;
        mostAtOnce = Math.max(mostAtOnce, writing);
        await new Promise<void>((resolve) => releases.push(resolve));
        writing -= 1;
        return items;
      },
      { maxBatch: 100, concurrency: 2 },
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const results: Array<Promise<number>> = [batcher.submit(1), batcher.submit(2)];
    await turn();
    // The first lane is writing [1, 2]: a second lane takes the next turn's calls.
    results.push(batcher.submit(3));
    await turn();
    // Both lanes are busy: these wait, together, for the first lane to be free.
    results.push(batcher.submit(4), batcher.submit(5), batcher.submit(6));
    await turn();
    expect(batches).toEqual([[1, 2], [3]]);
    releases.shift()!();
    await turn();
    expect(batches).toEqual([[1, 2], [3], [4, 5, 6]]);
    while (releases.length > 0) {
      releases.shift()!();
      await turn();
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mostAtOnce).toBe(2);
  });

  it('closes a batch before it outweighs maxWeight, but lets a single heavy item through alone', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items;
      },
      { maxBatch: 100, weigh: (item) => item, maxWeight: 10 },
    );
    await Promise.all([4, 5, 2, 30, 1].map((item) => batcher.submit(item)));
    expect(batches).toEqual([[4, 5], [2], [30], [1]]);
  });
});

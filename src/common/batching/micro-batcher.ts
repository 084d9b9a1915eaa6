interface Waiting<T, R> {
  item: T;
  weight: number;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface MicroBatcherOptions<T> {
  /** Most items in one batch. */
  maxBatch: number;
  /**
   * Batches written at the same time (default 1). More than one lets a slow batch (a row lock, a
   * commit's flush) overlap with the next instead of holding every caller behind it.
   */
  concurrency?: number;
  /** With `maxWeight`: what one item weighs (its size in bytes, say). */
  weigh?: (item: T) => number;
  /** Most total weight in one batch; a single heavier item still goes, alone. */
  maxWeight?: number;
}

/**
 * Turns many concurrent single-item calls into few batched ones: items submitted while batches are
 * being written wait for the next batch, so batches grow with the load and a lone call costs one
 * event-loop turn. Used where each item would otherwise pay its own round trip (a socket write was
 * the dominant cost of a position report, see docs/mobility.md, and of an event append).
 */
export class MicroBatcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  /** Lanes alive, each writing one batch at a time. */
  private lanes = 0;
  /** Whether a lane is still gathering the current turn's calls, which then join its batch. */
  private gathering = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly weigh: ((item: T) => number) | undefined;
  private readonly maxWeight: number;

  /** `write` answers one result per item, in order; if it throws, every item of the batch rejects. */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    options: MicroBatcherOptions<T>,
  ) {
    this.maxBatch = options.maxBatch;
    this.concurrency = options.concurrency ?? 1;
    this.weigh = options.weigh;
    this.maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, weight: this.weigh?.(item) ?? 0, resolve, reject });
      // A new lane only when every lane is busy writing: calls of one turn share one batch.
      if (!this.gathering && this.lanes < this.concurrency) void this.lane();
    });
  }

  private async lane(): Promise<void> {
    this.lanes += 1;
    this.gathering = true;
    // Let the calls made in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    this.gathering = false;
    while (this.waiting.length > 0) {
      const batch = this.nextBatch();
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.lanes -= 1;
  }

  private nextBatch(): Array<Waiting<T, R>> {
    let count = 0;
    let weight = 0;
    while (count < this.waiting.length && count < this.maxBatch) {
      weight += this.waiting[count].weight;
      if (count > 0 && weight > this.maxWeight) break;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }
}

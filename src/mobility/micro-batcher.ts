interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many concurrent single-item calls into few batched ones: items submitted while a batch is
 * being written wait for the next batch, so batches grow with the load and a lone call costs one
 * event-loop turn. Used where each item would otherwise pay its own round trip (a socket write was
 * the dominant cost of a position report, see docs/mobility.md).
 */
export class MicroBatcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private running = false;

  /** `write` answers one result per item, in order; if it throws, every item of the batch rejects. */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let the calls made in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.running = false;
  }
}

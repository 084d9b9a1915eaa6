import { AsyncLocalStorage } from 'node:async_hooks';

/** What a transaction's async context holds; `open` turns false when its work ends. */
export interface OpenTransaction {
  open: boolean;
}

/**
 * The async context of open transactions: an AsyncLocalStorage that is on only while one is open.
 *
 * On Node 20, a storage that has once been `run` keeps async_hooks' promise hooks on for the whole
 * process, so every promise of every request pays a hook call and a store copy, transaction or not:
 * about 5 µs of the 36 µs of CPU that `GET /mobility/gbfs/gbfs.json` cost (docs/performance.md,
 * change 20). No context needs the store once the last open transaction has ended — a callback a
 * transaction scheduled finds it closed either way — so the storage is disabled then, which takes
 * the hooks off until the next transaction starts.
 */
export class TransactionContext<T extends OpenTransaction> {
  private readonly storage = new AsyncLocalStorage<T>();
  private openTransactions = 0;

  /** Runs `work` with `transaction` as its context's; closes it when the work ends. */
  async run<R>(transaction: T, work: () => Promise<R>): Promise<R> {
    this.openTransactions += 1;
    try {
      return await this.storage.run(transaction, work);
    } finally {
      transaction.open = false;
      this.openTransactions -= 1;
      if (this.openTransactions === 0) this.storage.disable();
    }
  }

  /**
   * The transaction this call runs in, while it is open. A callback scheduled inside a transaction
   * (a timer, setImmediate) inherits its context but runs after the commit: it gets undefined.
   */
  current(): T | undefined {
    const transaction = this.storage.getStore();
    return transaction?.open ? transaction : undefined;
  }
}

import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

type Wake = () => void;

/**
 * Wakes long polls of this process as soon as an append to their (stream, event name) commits.
 * Appends made by other processes (or inside a caller's transaction, whose commit this module does
 * not see) are found by the poll's periodic re-read instead.
 */
@Injectable()
export class EventArrivals implements BeforeApplicationShutdown {
  private readonly waiting = new Map<string, Set<Wake>>();
  private closing = false;

  /** Resolves on the next arrival, after `ms`, at shutdown, or when `signal` aborts, whichever comes first. */
  next(stream: string, eventName: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.closing || signal?.aborted) return Promise.resolve();
    const key = keyOf(stream, eventName);
    return new Promise((resolve) => {
      const wakers = this.waiting.get(key) ?? new Set<Wake>();
      this.waiting.set(key, wakers);
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        wakers.delete(wake);
        if (wakers.size === 0 && this.waiting.get(key) === wakers) this.waiting.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal?.addEventListener('abort', wake, { once: true });
      wakers.add(wake);
    });
  }

  arrived(stream: string, eventName: string): void {
    const wakers = this.waiting.get(keyOf(stream, eventName));
    if (wakers) for (const wake of [...wakers]) wake();
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Held requests answer at once, before the HTTP server waits for in-flight requests to end. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const wakers of this.waiting.values()) for (const wake of [...wakers]) wake();
  }
}

function keyOf(stream: string, eventName: string): string {
  return `${stream}\u0000${eventName}`;
}

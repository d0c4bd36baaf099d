interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

/**
 * An append-only log that tests can await. `waitFor` looks at what is already recorded first, so a test never
 * loses a race against an event that happened before it started waiting.
 */
export class Recorder<T> {
  readonly items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();

  readonly #listeners = new Set<(item: T) => void>();

  /** Calls `listener` for every item recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (item: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(item: T): void {
    this.items.push(item);
    for (const listener of this.#listeners) listener(item);
    for (const waiter of this.#waiters) {
      if (waiter.match(item)) waiter.resolve(item);
    }
  }

  /** Resolves with the first recorded item matching `match` (recorded at index `from` or later). */
  waitFor(match: (item: T) => boolean, timeoutMs: number, what: string, from = 0): Promise<T> {
    for (let i = from; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (match(item)) return Promise.resolve(item);
    }
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          settle();
          resolve(item);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending wait, so a closed fake never leaves a test waiting for its own timeout. */
  rejectAll(reason: string): void {
    for (const waiter of [...this.#waiters]) waiter.reject(new Error(`fake-discord: ${reason}`));
  }
}

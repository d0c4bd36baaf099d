// A bounded queue of writes flushed in batches, so logging a question never waits on the database. While the
// database is away, batches stay queued and are retried; past `capacity` new items are dropped and counted
// (shown in /metrics), so an outage costs some question-log rows, never memory without bound.
export interface WriteQueueOptions<T> {
  capacity: number;
  batchSize: number;
  /** How long an item may wait for others to join its batch. */
  flushDelayMs: number;
  retryDelayMs: number;
  /** Writes one batch; rejects to have it retried (`retry: true`) or dropped. */
  write(batch: readonly T[]): Promise<void>;
  /** Whether a failed batch is worth retrying (the connection's fault, not the rows'). */
  retryable(err: unknown): boolean;
  onDrop?(count: number, err?: unknown): void;
}

export interface WriteQueue<T> {
  /** False when the queue was full (or closed) and the item was dropped. */
  push(item: T): boolean;
  stats(): { queued: number; dropped: number; written: number };
  /** Resolves after one attempt to write everything queued so far (what failed retryably stays queued). */
  drain(): Promise<void>;
  /** Stops retrying after one last attempt; what is still queued then is counted as dropped. */
  close(): Promise<void>;
}

export function createWriteQueue<T>(o: WriteQueueOptions<T>): WriteQueue<T> {
  const items: T[] = [];
  let dropped = 0;
  let written = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let closed = false;

  const drop = (count: number, err?: unknown) => {
    dropped += count;
    o.onDrop?.(count, err);
  };

  const schedule = (delay: number) => {
    if (timer !== undefined || running !== null || items.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
    timer.unref();
  };

  /** Writes batches until the queue is empty or a write fails; one flush at a time. */
  const flush = (): Promise<void> => {
    running ??= (async () => {
      while (items.length > 0) {
        const batch = items.slice(0, o.batchSize);
        try {
          await o.write(batch);
          items.splice(0, batch.length);
          written += batch.length;
        } catch (err) {
          if (!closed && o.retryable(err)) return 'retry';
          items.splice(0, batch.length);
          drop(batch.length, err);
        }
      }
      return 'done';
    })().then((outcome) => {
      running = null;
      if (outcome === 'retry') schedule(o.retryDelayMs);
      else schedule(o.flushDelayMs);
    });
    return running;
  };

  return {
    push(item) {
      if (closed || items.length >= o.capacity) {
        drop(1);
        return false;
      }
      items.push(item);
      if (items.length >= o.batchSize && running === null) {
        clearTimeout(timer);
        timer = undefined;
        void flush();
      } else schedule(o.flushDelayMs);
      return true;
    },
    stats: () => ({ queued: items.length, dropped, written }),
    async drain() {
      clearTimeout(timer);
      timer = undefined;
      await running;
      await flush();
    },
    async close() {
      clearTimeout(timer);
      timer = undefined;
      await running;
      closed = true;
      await flush();
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

// A Map for per-member and per-channel state that must never grow without bound: every entry expires, and
// past `maxSize` the oldest entries go first. Entries are kept in the order they were set, so the expired ones
// are found at the front: each call looks at the front only, never the whole map (amortised O(1)).

export interface ExpiringMap<V> {
  /** The value, or undefined when absent or expired. */
  get(key: string): V | undefined;
  /** Sets the value until `expiresAt` (ms, same clock as `now`); moves the key to the back. */
  set(key: string, value: V, expiresAt: number): void;
  /** Removes the key; returns its value unless it was absent or expired. */
  delete(key: string): V | undefined;
  /** Drops the expired entries at the front (a timer calls it, so unread entries do not stay); returns how many went. */
  sweep(): number;
  readonly size: number;
}

export function createExpiringMap<V>(maxSize: number, now: () => number = Date.now): ExpiringMap<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();

  /** Drops expired entries from the front, and the oldest ones while over the cap; returns how many went. */
  const trim = (t: number): number => {
    let dropped = 0;
    for (const [key, entry] of entries) {
      if (entry.expiresAt > t && entries.size <= maxSize) break;
      entries.delete(key);
      dropped += 1;
    }
    return dropped;
  };

  const get = (key: string): V | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now()) return entry.value;
    entries.delete(key);
    return undefined;
  };

  return {
    get,
    set(key, value, expiresAt) {
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      trim(now());
    },
    delete(key) {
      const value = get(key);
      entries.delete(key);
      return value;
    },
    sweep: () => trim(now()),
    get size() {
      return entries.size;
    },
  };
}

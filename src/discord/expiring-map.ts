// A Map for per-member and per-channel state that must never grow without bound: every entry expires, and
// past `maxSize` the oldest entries go first. Entries are kept in the order they were set, so the expired ones
// are found at the front: each call looks at the front only, never the whole map (amortised O(1)).

export interface ExpiringMap<V> {
  /** The value, or undefined when absent or expired. */
  get(key: string): V | undefined;
  /** Sets the value until `expiresAt` (ms, same clock as `now`); moves the key to the back. */
  set(key: string, value: V, expiresAt: number): void;
  readonly size: number;
}

export function createExpiringMap<V>(maxSize: number, now: () => number = Date.now): ExpiringMap<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();

  /** Drops expired entries from the front, and the oldest ones while over the cap. */
  const trim = (t: number) => {
    for (const [key, entry] of entries) {
      if (entry.expiresAt > t && entries.size <= maxSize) break;
      entries.delete(key);
    }
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, expiresAt) {
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      trim(now());
    },
    get size() {
      return entries.size;
    },
  };
}

// A Map for per-member and per-channel state that must never grow without bound: every entry expires, and
// past `maxSize` the oldest entries go first. Entries are kept in the order they were set, so the expired ones
// are found at the front: each call looks at the front only, never the whole map (amortised O(1)).
//
// The order is a queue of its own beside the Map, not the Map's iteration order: V8 leaves a hole in a Map's
// table for every deleted key until the table is rebuilt, and an iterator starts at the first slot, so taking
// the oldest of a full map (20,000 answered messages) walked over thousands of holes on every set (23 µs per
// set at that size, 1.5 µs at 100).

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

/** One entry; `live` goes false when the key is deleted or set again, and the queue skips it. */
interface Slot<V> {
  key: string;
  value: V | undefined;
  expiresAt: number;
  live: boolean;
}

/** Queue slots already passed over before the array is cut (so a cut is rare and costs little per set). */
const CUT_AFTER = 1_024;

export function createExpiringMap<V>(maxSize: number, now: () => number = Date.now): ExpiringMap<V> {
  const entries = new Map<string, Slot<V>>();
  // Every slot ever set and not yet passed over, oldest first; dead slots stay until the front reaches them.
  let order: Slot<V>[] = [];
  let head = 0;

  const kill = (slot: Slot<V>): void => {
    slot.live = false;
    // The value is freed now, not when the front reaches its slot.
    slot.value = undefined;
  };

  /** Drops expired entries from the front, and the oldest ones while over the cap; returns how many went. */
  const trim = (t: number): number => {
    let dropped = 0;
    while (head < order.length) {
      const slot = order[head] as Slot<V>;
      if (slot.live) {
        if (slot.expiresAt > t && entries.size <= maxSize) break;
        entries.delete(slot.key);
        kill(slot);
        dropped += 1;
      }
      head += 1;
    }
    if (head >= CUT_AFTER && head * 2 >= order.length) {
      order = order.slice(head);
      head = 0;
    }
    // Keys deleted or set again behind a live front (a message settled while an older one is still out) would
    // pile up until it expires: past twice the live entries, the queue keeps only the live slots, in order.
    if (order.length - head > 2 * entries.size + CUT_AFTER) {
      order = order.slice(head).filter((slot) => slot.live);
      head = 0;
    }
    return dropped;
  };

  return {
    get(key) {
      const slot = entries.get(key);
      if (!slot) return undefined;
      if (slot.expiresAt > now()) return slot.value;
      entries.delete(key);
      kill(slot);
      return undefined;
    },
    set(key, value, expiresAt) {
      const old = entries.get(key);
      if (old) kill(old);
      const slot: Slot<V> = { key, value, expiresAt, live: true };
      entries.set(key, slot);
      order.push(slot);
      trim(now());
    },
    delete(key) {
      const slot = entries.get(key);
      if (!slot) return undefined;
      entries.delete(key);
      const value = slot.expiresAt > now() ? slot.value : undefined;
      kill(slot);
      return value;
    },
    sweep: () => trim(now()),
    get size() {
      return entries.size;
    },
  };
}

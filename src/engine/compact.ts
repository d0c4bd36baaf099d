// Compact lookup structures for tables built once per knowledge base. A Map or Set of strings costs
// tens of bytes per entry plus the strings; these keep one 32-bit hash per entry in a sorted typed
// array and find it by binary search, which matters for the ~6,700-row USDA table and the typo
// corrector's tens of thousands of deletion keys.

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** First position in a sorted array whose value is >= `value`. */
function lowerBound(sorted: Int32Array, value: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A set that may answer yes for a string it does not hold (two strings can share a hash), never no for
 * one it does: for pre-checks whose "yes" leads to the exact, slower test.
 */
export interface HashedSet {
  mayHave(s: string): boolean;
  readonly size: number;
}

export function hashedSet(strings: Iterable<string>): HashedSet {
  const hashes: number[] = [];
  for (const s of strings) hashes.push(hash32(s));
  const sorted = Int32Array.from(hashes).sort();
  // Duplicates out: the set stays as small as its distinct hashes.
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
  const unique = sorted.slice(0, n);
  return {
    mayHave(s) {
      const h = hash32(s);
      const at = lowerBound(unique, h);
      return at < unique.length && unique[at] === h;
    },
    size: n,
  };
}

/**
 * Positions 0..count-1 by a string key, exact: a hash narrows the candidates, `keyOf` confirms them.
 * `first` and `last` give the lowest and highest position with the key, as a Map built by keeping the
 * first or the last entry would.
 */
export interface StringIndex {
  first(key: string): number | undefined;
  last(key: string): number | undefined;
}

export function createStringIndex(count: number, keyOf: (position: number) => string): StringIndex {
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hash32(keyOf(i));
  // Positions ordered by hash, then by position, so equal hashes list their positions in order.
  const order = Int32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => (hashes[a] as number) - (hashes[b] as number) || a - b,
  );
  const sortedHashes = order.map((i) => hashes[i] as number);
  const matches = (key: string): number[] => {
    const h = hash32(key);
    const found: number[] = [];
    for (let at = lowerBound(sortedHashes, h); at < count && sortedHashes[at] === h; at++) {
      const position = order[at] as number;
      if (keyOf(position) === key) found.push(position);
    }
    return found;
  };
  return {
    first: (key) => matches(key)[0],
    last: (key) => matches(key).at(-1),
  };
}

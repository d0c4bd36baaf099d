// A bounded selection, for the matcher's hottest loop: at 10,000 entries a full sort of every candidate
// costs more than scoring the few that matter.

/** The `k` items with the highest key, best first (ties: lower index first), without sorting them all. */
export function topBy(items: readonly number[], key: (i: number) => number, k: number): number[] {
  const best: number[] = [];
  const better = (a: number, b: number) => key(a) > key(b) || (key(a) === key(b) && a < b);
  for (const item of items) {
    if (best.length === k && !better(item, best[k - 1] as number)) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && better(item, best[at - 1] as number)) at--;
    best.splice(at, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

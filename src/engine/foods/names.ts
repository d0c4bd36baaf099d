import type { FoodName } from '../../knowledge/schema.js';
import { formCost, type RowFeatures } from './rank.js';
import { foodKey, foodTokens } from './text.js';

// Common names the USDA table words differently (knowledge/food-names.json): "hot dog" is
// "Frankfurter, ...", "venison" is "Game meat, deer, ...". Each name lists description starts, best
// first; the general row ranking (fewest qualifiers, plain preparations first) picks among the rows
// each start covers, so the file names a food, not a row, unless it spells a whole description.

export interface CommonName {
  /** The name as written in the file, for messages. */
  name: string;
  /** Row indices, best first. */
  rows: number[];
}

export interface CommonNames {
  /** The common name whose name or alias has exactly this key (singular tokens), or undefined. */
  byKey(key: string): CommonName | undefined;
  /** Every key, for prefix search (autocomplete). */
  keys(): readonly string[];
  /** Longest key length in tokens, so text scans try no longer phrases. */
  maxTokens: number;
}

/** Cost added per step down the file's list: an earlier start always beats a later one. */
const LIST_STEP = 1000;

const startsWithWords = (tokens: readonly string[], prefix: readonly string[]): boolean =>
  prefix.length > 0 && prefix.length <= tokens.length && prefix.every((w, i) => tokens[i] === w);

/**
 * Resolves each common name to its USDA rows once, at load. Names whose starts match no row are
 * dropped (a knowledge folder without the USDA table still loads); the foods tests check the shipped file.
 */
export function compileCommonNames(names: readonly FoodName[], features: readonly RowFeatures[]): CommonNames {
  const map = new Map<string, CommonName>();
  let maxTokens = 0;
  for (const entry of names) {
    const ranked: { row: number; cost: number }[] = [];
    entry.usda.forEach((start, step) => {
      const prefix = foodTokens(start);
      for (const f of features) {
        if (!startsWithWords(f.tokens, prefix)) continue;
        // A start that spells the whole description pins that row ahead of longer ones.
        const pinned = f.tokens.length === prefix.length ? -LIST_STEP / 2 : 0;
        ranked.push({ row: f.index, cost: step * LIST_STEP + pinned + f.baseCost + formCost(f) });
      }
    });
    ranked.sort((a, b) => a.cost - b.cost || a.row - b.row);
    const rows = [...new Set(ranked.map((r) => r.row))];
    if (!rows.length) continue;
    const compiled = { name: entry.name, rows };
    for (const phrase of [entry.name, ...entry.aliases]) {
      const key = foodKey(phrase);
      if (!key || map.has(key)) continue;
      map.set(key, compiled);
      maxTokens = Math.max(maxTokens, key.split(' ').length);
    }
  }
  const keys = [...map.keys()].sort();
  return { byKey: (key) => map.get(key), keys: () => keys, maxTokens };
}

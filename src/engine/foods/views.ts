import type { FoodComparison, FoodResult } from '../types.js';
import { type Category, findCategory, inCategory } from './categories.js';
import { FOOD_LIMITS } from './limits.js';
import { headOf, nameOf, type RowFeatures } from './rank.js';
import { formatNumber, type Hit, type Results, round1 } from './results.js';
import type { FoodTables } from './tables.js';
import { foodTokens, QUESTION_WORDS } from './text.js';

// List views over the food tables: the richest foods (optionally in a category) and two foods compared.

/** Stand-ins and powders: rich per 100 g but not what "the richest foods" means. */
const LIST_EXCLUDED_FORMS = new Set([
  'meatless',
  'imitation',
  'substitute',
  'analog',
  'powder',
  'powdered',
  'mix',
  'concentrate',
]);
/** Words of "with salt added" / "without salt": rows differing only in them are one food in lists. */
const SALT_WORDS = new Set(['with', 'without', 'salt', 'added', 'no']);

/** One ordered part of the top view: every food in it is ranked by the same unit. */
export interface TopGroup {
  table: 'ods' | 'usda';
  /** What the ranking is by, for a heading: "per serving (NIH ODS)", "per 100 g (USDA SR26)". */
  label: string;
  unit: 'serving' | '100 g';
  foods: FoodResult[];
}

export interface FoodViews {
  top(options?: { category?: string; limit?: number }): FoodResult[];
  topGroups(options?: { category?: string; limit?: number }): TopGroup[];
  compare(a: string, b: string): FoodComparison;
}

export function createFoodViews(
  tables: FoodTables,
  results: Results,
  lookup: (query: string) => FoodResult,
): FoodViews {
  const { byPer100g, byRichness, curated, curatedHeads, curatedNameTokens, rows } = tables;
  const { resultOf, odsHit, usdaHit, sourceTitle, usdaTitle } = results;

  function categoryFilter(word: string | undefined): {
    ods: (i: number) => boolean;
    usda: (f: RowFeatures) => boolean;
  } {
    if (!word?.trim()) return { ods: () => true, usda: () => true };
    const category: Category | null = findCategory(word);
    if (category) {
      return {
        ods: (i) => inCategory(category, curatedHeads[i] ?? [], null),
        usda: (f) => inCategory(category, headOf(f), f.ndb),
      };
    }
    // A word the categories do not define ("cheese"): foods whose name carries it.
    const wanted = foodTokens(word).filter((t) => !QUESTION_WORDS.has(t));
    if (!wanted.length) return { ods: () => false, usda: () => false };
    return {
      ods: (i) => wanted.every((t) => curatedNameTokens[i]?.includes(t)),
      usda: (f) => {
        const name = nameOf(f);
        return wanted.every((t) => name.includes(t));
      },
    };
  }

  function topGroups(options: { category?: string; limit?: number } = {}): TopGroup[] {
    const limit = Math.max(1, Math.min(FOOD_LIMITS.topMax, Math.floor(options.limit ?? FOOD_LIMITS.topDefault)));
    const filter = categoryFilter(options.category);
    const ods = byRichness
      .filter(filter.ods)
      .slice(0, limit)
      .map((i) => resultOf(odsHit(i) as Hit, 1, []));
    // Brand, restaurant and baby-food rows would crowd the list with near-duplicates, and so would
    // rows that differ only in salt ("with salt added" / "without salt"): one per food and amount.
    const seen = new Set<string>();
    const usda: FoodResult[] = [];
    for (const f of byPer100g) {
      if (usda.length + ods.length >= limit) break;
      if (f.special || f.forms.some(([w]) => LIST_EXCLUDED_FORMS.has(w)) || !filter.usda(f)) continue;
      const key = `${f.tokens.filter((t) => !SALT_WORDS.has(t)).join(' ')}|${rows[f.index]?.[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      usda.push(resultOf(usdaHit(f.index) as Hit, 1, []));
    }
    const groups: TopGroup[] = [
      { table: 'ods', label: `per serving (${sourceTitle(curated[0]?.sourceId)})`, unit: 'serving', foods: ods },
      { table: 'usda', label: `per 100 g (${usdaTitle})`, unit: '100 g', foods: usda },
    ];
    return groups.filter((g) => g.foods.length);
  }

  /** The two groups of `topGroups` one after the other: curated per serving, then USDA per 100 g. */
  function top(options: { category?: string; limit?: number } = {}): FoodResult[] {
    return topGroups(options).flatMap((g) => g.foods);
  }

  function compare(a: string, b: string): FoodComparison {
    const ra = lookup(a);
    const rb = lookup(b);
    const missing = [ra.found ? null : a, rb.found ? null : b].filter((x): x is string => x !== null);
    if (missing.length) {
      const text = missing.map((q) => `I couldn't find "${q.trim()}" in my food tables.`).join(' ');
      return { a: ra, b: rb, ratio: null, text };
    }
    const line = (r: FoodResult) =>
      `${r.name}: ${formatNumber(r.mcg ?? 0)} mcg per ${r.serving} (${r.percentDailyValue}% DV)` +
      (r.per100g !== null ? `, ${formatNumber(r.per100g)} mcg per 100 g` : '');
    const ma = ra.mcg ?? 0;
    const mb = rb.mcg ?? 0;
    const ratio = mb > 0 ? round1(ma / mb) : null;
    let verdict: string;
    if (ma === 0 && mb === 0) verdict = 'Neither has a meaningful amount of selenium.';
    else if (mb === 0) verdict = `${ra.name} has selenium; ${rb.name} has essentially none.`;
    else if (ma === 0) verdict = `${rb.name} has selenium; ${ra.name} has essentially none.`;
    else if (Math.abs(ma - mb) / Math.max(ma, mb) < 0.05) verdict = 'Per serving they have about the same amount.';
    else if (ma > mb) verdict = `Per serving, ${ra.name} has about ${formatNumber(ma / mb)} times as much selenium.`;
    else verdict = `Per serving, ${rb.name} has about ${formatNumber(mb / ma)} times as much selenium.`;
    const perGram =
      ra.per100g !== null && rb.per100g !== null && rb.per100g > 0
        ? ` Per 100 g the ratio is ${formatNumber(ra.per100g / rb.per100g)}.`
        : '';
    return { a: ra, b: rb, ratio, text: `${line(ra)}\n${line(rb)}\n${verdict}${perGram}` };
  }

  return { top, topGroups, compare };
}

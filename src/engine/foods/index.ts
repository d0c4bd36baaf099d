import type { KnowledgeBase } from '../../knowledge/types.js';
import { once } from '../once.js';
import type { AutocompleteChoice, FoodComparison, FoodResult } from '../types.js';
import { createFoodAutocomplete } from './autocomplete.js';
import { createFoodDescriber, type FoodDescriber } from './describe.js';
import { createLookup } from './lookup.js';
import { createCuratedNaming } from './naming.js';
import { createResults } from './results.js';
import { buildFoodTables } from './tables.js';
import { createTextSearch, type TextHit } from './text-search.js';
import { createUsdaSearch } from './usda-search.js';
import { createFoodViews, type TopGroup } from './views.js';

export { createFoodDescriber, describeFood, type FoodDescriber, type FoodDescription } from './describe.js';
export { FOOD_LIMITS, normaliseServings } from './limits.js';
export type { TextHit } from './text-search.js';
export type { TopGroup } from './views.js';

// The food index: the curated NIH ODS table (32 rows) first, then the USDA SR26 table (~6,700 rows).
// Everything is built once per knowledge base; lookups only read, so shards and reloads are safe.

export interface FoodIndex {
  /** A food by name, alias, id ("brazil-nuts", "usda-15076") or a close spelling. `servings` multiplies. */
  lookup(query: string, options?: { servings?: number }): FoodResult;
  /**
   * The food a free-text question names, or null. Conservative: unknown words never become a food,
   * and plain drinks (water, coffee, tea, soda, beer, wine) only in a question about selenium.
   */
  findInText(text: string): TextHit | null;
  /** At most 25 choices of at most 100 characters; values are food ids that `lookup` accepts. */
  autocomplete(partial: string): AutocompleteChoice[];
  /**
   * Richest foods, optionally within a category: the curated rows first, ordered by selenium per
   * serving, then the USDA rows, ordered by selenium per 100 g (their servings differ too much to
   * compare). `topGroups` gives the same two lists apart, labelled, for views that show both units.
   */
  top(options?: { category?: string; limit?: number }): FoodResult[];
  topGroups(options?: { category?: string; limit?: number }): TopGroup[];
  compare(a: string, b: string): FoodComparison;
  /** The one answer text for a food result (describe.ts), built on this index's tables. */
  describe: FoodDescriber['describe'];
  /** Builds the tables now rather than on first use (warm-up, benchmarks). */
  prepare(): void;
}

/**
 * The index, built on first use: the tables are most of an engine's build (~6,700 USDA rows to tokenise
 * and rank), and a process that starts has better things to do first (log in; the engine's warm-up then
 * asks a question, which builds them before the bot says it is ready). Built once, then only read.
 */
export function createFoodIndex(kb: KnowledgeBase): FoodIndex {
  const index = once(() => buildFoodIndex(kb));
  return {
    lookup: (query, options) => index().lookup(query, options),
    findInText: (text) => index().findInText(text),
    autocomplete: (partial) => index().autocomplete(partial),
    top: (options) => index().top(options),
    topGroups: (options) => index().topGroups(options),
    compare: (a, b) => index().compare(a, b),
    describe: (result, servings) => index().describe(result, servings),
    prepare: () => {
      index();
    },
  };
}

/**
 * Builds the tables once (tables.ts), then the parts that read them: USDA search, results, lookup,
 * free-text search, autocomplete and the list views, one file each.
 */
function buildFoodIndex(kb: KnowledgeBase): Omit<FoodIndex, 'prepare'> {
  const tables = buildFoodTables(kb);
  const search = createUsdaSearch(tables);
  const results = createResults(kb, tables);
  const naming = createCuratedNaming(tables);
  const { lookup, commonRows, curatedPrefixTypos } = createLookup(tables, search, results, naming);
  const findInText = createTextSearch(tables, search, results, commonRows, naming);
  const autocomplete = createFoodAutocomplete(tables, search, results, curatedPrefixTypos);
  const { top, topGroups, compare } = createFoodViews(tables, results, lookup);
  const { describe } = createFoodDescriber(kb, { mentions: tables.mentions, usdaByNdb: tables.byNdb });
  return { lookup, findInText, autocomplete, top, topGroups, compare, describe };
}

import type { Food } from '../../knowledge/schema.js';
import type { FoodResult } from '../types.js';
import { editDistance } from '../typos.js';
import { FOOD_LIMITS, normaliseServings } from './limits.js';
import { type CuratedNaming, compoundForms } from './naming.js';
import { NAMING_TIER } from './rank.js';
import type { Hit, Results } from './results.js';
import { type FoodTables, FUSE_CURATED } from './tables.js';
import {
  ANIMAL_WORDS,
  canNameFood,
  contentWords,
  foodKey,
  foodTokens,
  MODIFIER_WORDS,
  NON_FOOD_WORDS,
  normaliseFoodText,
  QUESTION_WORDS,
  singular,
} from './text.js';
import type { UsdaMatch, UsdaSearch } from './usda-search.js';

// Looking a food up by what a member typed: an id, a curated name or alias, a whole USDA description,
// a common name, USDA rows that name the words, or a close spelling; suggestions when nothing fits.

/** Longer queries are not food names: no fuzzy search (it would only cost time). */
export const MAX_FUZZY_CHARS = 64;
const USDA_ID = /^(?:usda[\s:-]*)?(\d{5})$/i;
/** Modifiers that say the food was cooked, whichever way. */
const COOKING_WORDS = new Set(
  'grilled baked fried roasted roast boiled steamed broiled poached stewed braised seared cooked'
    .split(' ')
    .map(singular),
);

const mainWord = (words: readonly string[]): string | undefined =>
  words.findLast((t) => !MODIFIER_WORDS.has(t)) ?? words.at(-1);

export interface Lookup {
  lookup(query: string, options?: { servings?: number }): FoodResult;
  /** A common name's rows, best first, those carrying the extra words (modifiers) moved up. */
  commonRows(rowsOf: readonly number[], extra: readonly string[]): Hit[];
  /** Curated foods whose name starts with a close spelling of what was typed. */
  curatedPrefixTypos(typed: string): number[];
}

export function createLookup(
  tables: FoodTables,
  search: UsdaSearch,
  results: Results,
  curatedNaming: CuratedNaming,
): Lookup {
  const {
    curated,
    curatedById,
    curatedKeys,
    curatedFuse,
    byKey,
    byBag,
    byNdb,
    byDescription,
    common,
    postings,
    features,
    rows,
  } = tables;
  const { terms, searchUsda } = search;
  const { resultOf, notFound, odsHit, usdaHit, hitName } = results;
  const tableWord = (w: string) => postings.has(w);

  /**
   * A USDA row with no selenium is an answer only to a query that names it (every word is in the food's own
   * name, before its qualifiers, or a whole naming segment: "water", "chai", "fish oil sardine"); otherwise
   * it is a row that merely shares words ("sardines in oil" is not "Fish oil, sardine") and would tell the
   * member the food has none.
   */
  const shownZero = (m: UsdaMatch): boolean => (rows[m.index]?.[2] ?? 0) > 0 || m.match.tier < NAMING_TIER;

  /** Curated foods by a close spelling; `strict` for picking, loose for "did you mean". */
  function curatedFuzzy(query: string, strict: boolean): number[] {
    const key = foodKey(query);
    if (!key || key.length > MAX_FUZZY_CHARS) return [];
    const max = strict ? FUSE_CURATED.threshold : FUSE_CURATED.loose;
    const out: number[] = [];
    for (const r of curatedFuse.search(key)) {
      if ((r.score ?? 1) > max) break;
      // Fuse forgives missing words; a pick must be about as long as what was typed.
      if (strict && Math.abs(r.item.key.length - key.length) > Math.max(2, key.length / 4)) continue;
      if (!out.includes(r.item.food)) out.push(r.item.food);
    }
    return out;
  }

  /**
   * Curated foods whose name starts with a close spelling of what was typed ("brazl" -> "brazil nut"):
   * the typed text is compared with the start of each name, since it may be unfinished.
   */
  function curatedPrefixTypos(typed: string): number[] {
    if (typed.length < 4 || typed.length > MAX_FUZZY_CHARS) return [];
    const maxEdits = typed.length >= 7 ? 2 : 1;
    const out: number[] = [];
    for (const k of curatedKeys) {
      if (out.includes(k.food)) continue;
      const close = [0, 1, -1].some((d) => editDistance(typed, k.key.slice(0, typed.length + d), maxEdits) <= maxEdits);
      if (close) out.push(k.food);
    }
    return out;
  }

  /** The curated food whose name or alias is the longest run of the query's words ("marinara sauce"). */
  function curatedContained(words: readonly string[]): number | null {
    for (let n = Math.min(5, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const slice = words.slice(i, i + n);
        if (slice.every((t) => QUESTION_WORDS.has(t))) continue;
        const food = byKey.get(slice.join(' '));
        if (food !== undefined) return food;
      }
    }
    return null;
  }

  /**
   * The common name's rows, best first; rows carrying the query's extra words (modifiers such as
   * "smoked", "steak") move up, since they say which of the name's rows was meant.
   */
  function commonRows(rowsOf: readonly number[], extra: readonly string[]): Hit[] {
    // "grilled", "fried": the table says how, or at least "cooked".
    const cooked = extra.some((t) => COOKING_WORDS.has(t)) ? ['cooked'] : [];
    const wanted = [...new Set([...extra, ...cooked])].filter((t) => postings.has(t));
    const score = (i: number) => wanted.filter((t) => features[i]?.tokens.includes(t)).length;
    const ordered = wanted.length ? [...rowsOf].sort((a, b) => score(b) - score(a)) : rowsOf;
    return ordered.slice(0, FOOD_LIMITS.suggestions + 1).map((i) => usdaHit(i) as Hit);
  }

  /** Ranked candidates for a query, best first. */
  function candidates(query: string): Hit[] {
    const raw = query.trim();
    const idHit = odsHit(
      curatedById.has(raw.toLowerCase()) ? curated.indexOf(curatedById.get(raw.toLowerCase()) as Food) : undefined,
    );
    if (idHit) return [idHit];
    const ndb = USDA_ID.exec(raw)?.[1];
    const ndbRow = ndb ? byNdb.last(ndb) : undefined;
    if (ndbRow !== undefined) return [usdaHit(ndbRow) as Hit];

    const tokens = foodTokens(raw);
    const content = contentWords(tokens);
    const exact =
      odsHit(byKey.get(tokens.join(' '))) ??
      odsHit(byBag.get([...tokens].sort().join(' '))) ??
      odsHit(byKey.get(content.join(' '))) ??
      odsHit(byBag.get([...content].sort().join(' ')));
    const description = usdaHit(byDescription.first(normaliseFoodText(raw)));
    if (exact) return [exact];
    if (description) return [description];
    if (!content.length) return [];
    // A curated row the words plausibly name wins over USDA rows sharing some of them (naming.ts), and over
    // a common name made of its own words ("porridge oats": both are the curated oatmeal's names).
    const curatedNamed = curatedNaming(content);
    if (curatedNamed !== null) return [odsHit(curatedNamed) as Hit];
    const named = common.byKey(tokens.join(' ')) ?? common.byKey(content.join(' '));
    if (named) return commonRows(named.rows, []);
    return fromUsda(compoundForms(content, tableWord));
  }

  /** Candidates for content words no curated or common name covers: the USDA table first, then close spellings. */
  function fromUsda(content: string[]): Hit[] {
    const joinedNamed = common.byKey(content.join(' '));
    if (joinedNamed) return commonRows(joinedNamed.rows, []);

    // Cuts, forms and cooking words ("salmon fillet", "grilled venison") narrow a food but need not
    // be in its name: the food is looked up without them when the whole phrase names nothing.
    const core = content.filter((t) => !MODIFIER_WORDS.has(t));
    const modifiers = content.filter((t) => MODIFIER_WORDS.has(t));
    const namedCore = core.length ? common.byKey(core.join(' ')) : undefined;
    if (namedCore) return commonRows(namedCore.rows, modifiers);
    const withoutModifiers = (): Hit[] => (core.length && modifiers.length ? candidates(core.join(' ')) : []);

    // "apple laptop", "plastic bag": a query whose main noun is an object is about that object.
    if (NON_FOOD_WORDS.has(mainWord(content) ?? '')) return [];
    // Nutrients and animals are not foods on their own ("caffeine", "dog"): only a row they name
    // outright (tier 0, "Sugars, brown") is taken, never one that mentions them ("Pickle relish, hot dog").
    if (content.every((t) => ANIMAL_WORDS.has(t))) return [];
    const foodish = content.some(canNameFood) || content.some((t) => MODIFIER_WORDS.has(t));
    const exactTerms = terms(content, { prefixLast: false, fuzzy: false });
    const usdaAll = exactTerms
      ? searchUsda(exactTerms, FOOD_LIMITS.suggestions + 1, { named: true }).filter(shownZero)
      : [];
    const usdaExact = foodish ? usdaAll : usdaAll.filter((m) => m.match.tier === 0);
    if (!foodish) return usdaExact.map((m) => usdaHit(m.index) as Hit);
    const curatedClose = curatedFuzzy(content.join(' '), true);
    const usdaHits = (list: typeof usdaExact) => list.map((m) => usdaHit(m.index) as Hit);
    const odsHits = (list: number[]) => list.map((i) => odsHit(i) as Hit);

    // A USDA row that names every word beats a curated near-spelling; a curated near-spelling
    // beats USDA rows that only mention the words somewhere in a long description.
    if (usdaExact.length && (usdaExact[0]?.match.tier ?? NAMING_TIER + 1) <= NAMING_TIER)
      return [...usdaHits(usdaExact), ...odsHits(curatedClose)];
    const contained = curatedContained(content);
    if (contained !== null) return [odsHits([contained])[0] as Hit, ...usdaHits(usdaExact)];
    if (curatedClose.length) return [...odsHits(curatedClose), ...usdaHits(usdaExact)];
    const bare = withoutModifiers();
    if (bare.length) return bare;
    if (usdaExact.length) return usdaHits(usdaExact);
    const prefixTypos = curatedPrefixTypos(content.join(' '));
    if (prefixTypos.length) return odsHits(prefixTypos);
    const fuzzyTerms = terms(content, { prefixLast: false, fuzzy: true });
    return fuzzyTerms
      ? usdaHits(searchUsda(fuzzyTerms, FOOD_LIMITS.suggestions + 1, { named: true }).filter(shownZero))
      : [];
  }

  function suggestionsFor(query: string): string[] {
    // Objects are never suggested as foods: "plastic" is one letter from "classic" (beef pasta mix).
    const asked = contentWords(foodTokens(query));
    const content = asked.filter((t) => !NON_FOOD_WORDS.has(t));
    const near = content.length ? content.join(' ') : asked.length ? '' : query;
    const names = curatedFuzzy(near, false).map((i) => curated[i]?.name as string);
    const fuzzyTerms = content.length ? terms(content, { prefixLast: true, fuzzy: true }) : null;
    if (fuzzyTerms)
      for (const m of searchUsda(fuzzyTerms, FOOD_LIMITS.suggestions)) names.push(rows[m.index]?.[1] as string);
    // Single words catch queries where only one word is a food ("purple salmon").
    for (const word of content) {
      const t = terms([word], { prefixLast: false, fuzzy: true });
      if (t) for (const m of searchUsda(t, 2)) names.push(rows[m.index]?.[1] as string);
    }
    return [...new Set(names)].slice(0, FOOD_LIMITS.suggestions);
  }

  function lookup(query: string, options: { servings?: number } = {}): FoodResult {
    const servings = normaliseServings(options.servings);
    const found = candidates(query);
    const [best, ...rest] = found;
    if (!best) return notFound(query.trim() ? suggestionsFor(query) : []);
    const alternatives = [...new Set(rest.map(hitName))].filter((n) => n !== hitName(best)).slice(0, 3);
    return resultOf(best, servings, alternatives);
  }

  return { lookup, commonRows, curatedPrefixTypos };
}

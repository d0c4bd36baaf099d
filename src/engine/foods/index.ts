import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../../knowledge/load.js';
import type { Food, UsdaFoodRow } from '../../knowledge/schema.js';
import type { AutocompleteChoice, FoodComparison, FoodResult } from '../types.js';
import { editDistance } from '../typos.js';
import { type Category, findCategory, inCategory, isPlantFood } from './categories.js';
import { articleDailyValueNotes } from './describe.js';
import { compileCommonNames } from './names.js';
import {
  askedWords,
  NAMING_TIER,
  namesTerm,
  type QueryTerm,
  type RowFeatures,
  type RowMatch,
  rowFeatures,
  rowMatch,
  SEGMENT_TIER,
} from './rank.js';
import {
  ANIMAL_WORDS,
  CONTEXT_WORDS,
  canNameFood,
  foodBagKey,
  foodKey,
  foodTokens,
  MODIFIER_WORDS,
  NON_FOOD_WORDS,
  NUTRIENT_WORDS,
  normaliseFoodText,
  QUESTION_WORDS,
  SELENIUM_WORDS,
  singular,
} from './text.js';

export { describeFood } from './describe.js';

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
}

/** A food named in free text. */
export interface TextHit {
  result: FoodResult;
  /** The words of the text that named it, as typed. */
  matched: string;
  /**
   * How it was named, strongest first: a curated (NIH ODS) name or alias; a common name from
   * knowledge/food-names.json; the words of a USDA description; a misspelt curated name. Callers that
   * weigh intent may ask more of the weaker kinds (a USDA name shares words with many topics).
   */
  matchedBy: 'curated' | 'common-name' | 'usda-name' | 'typo';
}

/** One ordered part of the top view: every food in it is ranked by the same unit. */
export interface TopGroup {
  table: 'ods' | 'usda';
  /** What the ranking is by, for a heading: "per serving (NIH ODS)", "per 100 g (USDA SR26)". */
  label: string;
  unit: 'serving' | '100 g';
  foods: FoodResult[];
}

export const FOOD_LIMITS = {
  autocompleteChoices: 25,
  choiceChars: 100,
  topDefault: 10,
  topMax: 25,
  suggestions: 5,
  maxServings: 1000,
} as const;

const FUSE_CURATED = { threshold: 0.3, loose: 0.55 };
/** Longer queries are not food names: no fuzzy search (it would only cost time). */
const MAX_FUZZY_CHARS = 64;
const USDA_ID = /^(?:usda[\s:-]*)?(\d{5})$/i;
/** SR26 food group 14: beverages (water, coffee, tea, soft and energy drinks, beer, wine). */
const DRINKS_GROUP = '14';
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
/** Modifiers that say the food was cooked, whichever way. */
const COOKING_WORDS = new Set(
  'grilled baked fried roasted roast boiled steamed broiled poached stewed braised seared cooked'
    .split(' ')
    .map(singular),
);

type Hit = { table: 'ods'; food: Food } | { table: 'usda'; row: UsdaFoodRow; features: RowFeatures };

interface CuratedKey {
  key: string;
  tokens: string[];
  food: number;
}

/** The query's main noun: its last word that is not a cut, form or cooking word ("pork chop": pork). */
const mainTerm = (qterms: readonly QueryTerm[]): QueryTerm | undefined =>
  qterms.findLast((t) => !MODIFIER_WORDS.has(t.word)) ?? qterms.at(-1);
const mainWord = (words: readonly string[]): string | undefined =>
  words.findLast((t) => !MODIFIER_WORDS.has(t)) ?? words.at(-1);

const round1 = (n: number): number => Math.round(n * 10) / 10;
const formatNumber = (n: number): string => String(round1(n));

/** Clamp a member-chosen number of servings to something sensible (default 1). */
export function normaliseServings(servings: number | undefined): number {
  if (servings === undefined || !Number.isFinite(servings) || servings <= 0) return 1;
  return Math.min(servings, FOOD_LIMITS.maxServings);
}

const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

export function createFoodIndex(kb: KnowledgeBase): FoodIndex {
  const dv = kb.facts.dailyValue.mcg;
  const references = new Map(kb.references.map((r) => [r.id, r]));
  const usdaRef = references.get(kb.usda.sourceId);

  // ---- curated table ----
  const curated = kb.foods;
  const curatedById = new Map(curated.map((f) => [f.id, f]));
  const curatedKeys: CuratedKey[] = [];
  const byKey = new Map<string, number>();
  const byBag = new Map<string, number>();
  curated.forEach((food, i) => {
    for (const phrase of [food.name, ...food.aliases, food.id.replace(/-/g, ' ')]) {
      const key = foodKey(phrase);
      if (!key) continue;
      curatedKeys.push({ key, tokens: key.split(' '), food: i });
      if (!byKey.has(key)) byKey.set(key, i);
      const bag = foodBagKey(phrase);
      if (!byBag.has(bag)) byBag.set(bag, i);
    }
  });
  const curatedMaxTokens = Math.max(0, ...curatedKeys.map((k) => k.tokens.length));
  // Misspelt names are compared only with keys of as many tokens and the same first letter (typos rarely
  // change it): grouped once here, in table order, so the first close key is the one a full scan finds.
  const curatedByStart = new Map<string, CuratedKey[]>();
  for (const k of curatedKeys) {
    const group = `${k.tokens.length} ${k.key[0]}`;
    curatedByStart.set(group, [...(curatedByStart.get(group) ?? []), k]);
  }
  const curatedFuse = new Fuse(curatedKeys, {
    keys: ['key'],
    includeScore: true,
    threshold: FUSE_CURATED.loose,
    ignoreLocation: true,
  });
  const curatedNameTokens = curated.map((f) => [...new Set([f.name, ...f.aliases].flatMap(foodTokens))]);
  // Names as describeFood looks them up in the article: aliases and the name's first segment.
  const curatedArticleNotes = curated.map((f) =>
    articleDailyValueNotes(kb, [...f.aliases, f.name.split(',')[0] ?? f.name]),
  );
  // Head nouns for categories: the last word of the name's first segment and of each alias, so
  // "pasta sauce" is a sauce, not pasta, while "brazil nuts" are nuts.
  const curatedHeads = curated.map((f) => [
    ...new Set(
      [f.name.split(',')[0] ?? f.name, ...f.aliases].map((p) => foodTokens(p).at(-1)).filter((t) => t !== undefined),
    ),
  ]);
  const byRichness = [...curated.keys()].sort((a, b) => (curated[b]?.mcg ?? 0) - (curated[a]?.mcg ?? 0));

  // ---- USDA table ----
  const rows = kb.usda.foods;
  const features = rows.map(rowFeatures);
  const byNdb = new Map(rows.map((r, i) => [r[0], i]));
  const byDescription = new Map<string, number>();
  const postings = new Map<string, number[]>();
  features.forEach((f, i) => {
    const desc = normaliseFoodText(f.description);
    if (!byDescription.has(desc)) byDescription.set(desc, i);
    for (const t of new Set(f.tokens)) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const vocab = [...postings.keys()].sort();
  const byPer100g = [...features].sort(
    (a, b) => (rows[b.index]?.[2] ?? 0) - (rows[a.index]?.[2] ?? 0) || a.index - b.index,
  );
  const vocabFuse = new Fuse(vocab, { includeScore: true, threshold: 0.34 }, Fuse.createIndex([], vocab));
  const common = compileCommonNames(kb.foodNames, features);
  // Every token of a curated or common name: a text none of whose tokens is one names no food by name,
  // so the costly span scans in findInText can be skipped (most questions name no food at all).
  const nameTokens = new Set([...byKey.keys(), ...common.keys()].flatMap((k) => k.split(' ')));

  /** Table words starting with a prefix, by binary search over the sorted vocabulary. */
  function completions(prefix: string): string[] {
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocab.length && (vocab[i] ?? '').startsWith(prefix); i++) out.push(vocab[i] as string);
    return out;
  }

  /** Table words within a small edit distance: the typo fixes for a word the table lacks. */
  function corrections(word: string): string[] {
    // Fuse's bitap matcher works on patterns up to 32 characters; longer "words" are not food names.
    if (word.length < 4 || word.length > 32 || /\d/.test(word)) return [];
    const maxEdits = word.length >= 7 ? 2 : 1;
    return vocabFuse
      .search(word, { limit: 8 })
      .map((r) => r.item)
      .filter((t) => editDistance(t, word, maxEdits) <= maxEdits)
      .slice(0, 3);
  }

  /** "flax seeds" -> "flaxseed", "brazil nuts" -> "brazilnut": the table writes some names as one word. */
  function joinCompounds(words: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const [a, b] = [words[i] as string, words[i + 1]];
      const joined = b === undefined ? '' : a + b;
      if (b !== undefined && postings.has(joined)) {
        out.push(joined);
        i++;
      } else out.push(a);
    }
    return out;
  }

  function terms(input: readonly string[], opts: { prefixLast: boolean; fuzzy: boolean }): QueryTerm[] | null {
    const words = joinCompounds(input);
    const out: QueryTerm[] = [];
    for (const [i, word] of words.entries()) {
      const isLast = i === words.length - 1;
      if (isLast && opts.prefixLast) {
        const done = completions(word);
        if (done.length) {
          out.push({ word, accept: new Set(done), fuzzy: false });
          continue;
        }
      } else if (postings.has(word)) {
        out.push({ word, accept: new Set([word]), fuzzy: false });
        continue;
      }
      const fixed = opts.fuzzy ? corrections(word) : [];
      if (!fixed.length) return null;
      out.push({ word, accept: new Set(fixed), fuzzy: true });
    }
    return out.length ? out : null;
  }

  /**
   * Rows with every query word, best first. `named`: the query's main noun (its last word that is not
   * a cut or cooking word) must name the row, not sit in one of its qualifiers: lookups want the food
   * the words name; autocomplete and suggestions may show any row the words are in.
   */
  function searchUsda(
    qterms: readonly QueryTerm[],
    limit: number,
    options: { named?: boolean } = {},
  ): { index: number; match: RowMatch }[] {
    // Start from the rarest word's rows: every match must contain it.
    let smallest: number[] | null = null;
    for (const t of qterms) {
      const set = new Set<number>();
      for (const w of t.accept) for (const i of postings.get(w) ?? []) set.add(i);
      const list = [...set];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    const found: { index: number; match: RowMatch }[] = [];
    const asked = askedWords(qterms);
    const main = options.named ? mainTerm(qterms) : undefined;
    for (const i of smallest ?? []) {
      const f = features[i];
      const match = f && rowMatch(f, qterms, asked);
      if (match && (!main || namesTerm(f, main, asked))) found.push({ index: i, match });
    }
    found.sort((a, b) => a.match.cost - b.match.cost || a.index - b.index);
    return found.slice(0, limit);
  }

  const contentWords = (tokens: readonly string[]): string[] => tokens.filter((t) => !QUESTION_WORDS.has(t));

  // ---- results ----
  const percentDv = (mcg: number): number => Math.round((mcg / dv) * 100);
  const servingLabel = (base: string, servings: number): string =>
    servings === 1 ? base : `${formatNumber(servings)} × ${base}`;

  const sourceTitle = (id: string | undefined): string => (id ? (references.get(id)?.title ?? id) : 'curated table');
  const usdaTitle = usdaRef?.title ?? kb.usda.sourceId;

  function source(id: string): FoodResult['source'] {
    const ref = references.get(id);
    return { id, title: ref?.title ?? id, url: ref?.url ?? null };
  }

  function resultOf(hit: Hit, servings: number, suggestions: string[]): FoodResult {
    if (hit.table === 'ods') {
      const { food } = hit;
      const mcg = round1(food.mcg * servings);
      const index = curated.indexOf(food);
      return {
        found: true,
        name: food.name,
        serving: servingLabel(food.serving, servings),
        mcg,
        percentDailyValue: percentDv(mcg),
        source: source(food.sourceId),
        suggestions,
        id: food.id,
        table: 'ods',
        per100g: null,
        notes: [
          ...(isPlantFood(curatedNameTokens[index] ?? [], null) ? [kb.facts.plantSoilNote.text] : []),
          ...(curatedArticleNotes[index] ?? []),
        ],
      };
    }
    const [ndb, description, per100g, grams, label] = hit.row;
    const perServing = grams === null ? per100g : (per100g * grams) / 100;
    const mcg = round1(perServing * servings);
    const base = grams === null || label === null ? '100 g' : `${label} (${formatNumber(grams)} g)`;
    const notes = [`${formatNumber(per100g)} mcg per 100 g.`];
    if (isPlantFood(hit.features.tokens, ndb)) notes.push(kb.facts.plantSoilNote.text);
    return {
      found: true,
      name: description,
      serving: servingLabel(base, servings),
      mcg,
      percentDailyValue: percentDv(mcg),
      source: usdaRef ? { id: usdaRef.id, title: usdaRef.title, url: usdaRef.url ?? null } : source(kb.usda.sourceId),
      suggestions,
      id: `usda-${ndb}`,
      table: 'usda',
      per100g,
      notes,
    };
  }

  const notFound = (suggestions: string[]): FoodResult => ({
    found: false,
    name: null,
    serving: null,
    mcg: null,
    percentDailyValue: null,
    source: null,
    suggestions,
    id: null,
    table: null,
    per100g: null,
    notes: [],
  });

  const odsHit = (i: number | undefined): Hit | null => {
    const food = i === undefined ? undefined : curated[i];
    return food ? { table: 'ods', food } : null;
  };
  const usdaHit = (i: number | undefined): Hit | null => {
    const row = i === undefined ? undefined : rows[i];
    const f = i === undefined ? undefined : features[i];
    return row && f ? { table: 'usda', row, features: f } : null;
  };
  const hitName = (h: Hit): string => (h.table === 'ods' ? h.food.name : h.row[1]);
  const hitId = (h: Hit): string => (h.table === 'ods' ? h.food.id : `usda-${h.row[0]}`);

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
    if (ndb && byNdb.has(ndb)) return [usdaHit(byNdb.get(ndb)) as Hit];

    const tokens = foodTokens(raw);
    const content = contentWords(tokens);
    const exact =
      odsHit(byKey.get(tokens.join(' '))) ??
      odsHit(byBag.get([...tokens].sort().join(' '))) ??
      odsHit(byKey.get(content.join(' '))) ??
      odsHit(byBag.get([...content].sort().join(' ')));
    const description = usdaHit(byDescription.get(normaliseFoodText(raw)));
    if (exact) return [exact];
    if (description) return [description];
    if (!content.length) return [];
    const named = common.byKey(tokens.join(' ')) ?? common.byKey(content.join(' '));
    if (named) return commonRows(named.rows, []);

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
    const usdaAll = exactTerms ? searchUsda(exactTerms, FOOD_LIMITS.suggestions + 1, { named: true }) : [];
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
    return fuzzyTerms ? usdaHits(searchUsda(fuzzyTerms, FOOD_LIMITS.suggestions + 1, { named: true })) : [];
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

  /** Curated first, then common names, then the USDA table: the order ties between equal matches break. */
  const KIND_ORDER = { ods: 0, common: 1, usda: 2 } as const;
  const MATCHED_BY = { ods: 'curated', common: 'common-name', usda: 'usda-name' } as const;

  interface TextMatch {
    kind: keyof typeof KIND_ORDER;
    hit: Hit;
    /** Token range of the food's name in the text. */
    from: number;
    to: number;
    /** How many of its words can name a food ("tuna salad": 2, "hot dog": 1, "steak": 0). */
    naming: number;
    /** For common names: all its rows, so modifiers next to it can pick one. */
    rows?: readonly number[];
  }

  const betterMatch = (m: TextMatch, than: TextMatch | null): boolean => {
    if (!than) return true;
    if (m.naming !== than.naming) return m.naming > than.naming;
    if (m.kind !== than.kind) return KIND_ORDER[m.kind] < KIND_ORDER[than.kind];
    return m.to - m.from > than.to - than.from;
  };

  /**
   * The food a free-text question names. Precision first (a wrong food is worse than none):
   * - curated names and aliases and common names (knowledge/food-names.json) count wherever they
   *   stand as whole words;
   * - a USDA row counts only when the words name its food (its head, or a whole naming segment
   *   such as "cheddar"), not when they merely appear in a long description ("dog" is not
   *   "Pickle relish, hot dog"), and only when the rest of that run of words is modifiers: "apple
   *   laptop" is not apples;
   * - nutrients, vitamins, pets, objects and framing words never make a food on their own;
   * - plain drinks (USDA beverages) count only when the text asks about selenium: "how much water
   *   should I drink a day" is about water, not about the selenium in it.
   * Cuts, forms and cooking words next to the food ("tuna steak", "salmon fillet") join the match.
   */
  function findInText(text: string): TextHit | null {
    const words = normaliseFoodText(text).split(' ').filter(Boolean);
    const tokens = words.map(singular);
    if (!tokens.length) return null;
    const hit = foodInTokens(tokens, words);
    if (hit && isDrink(hit.result) && !tokens.some((t) => SELENIUM_WORDS.has(t))) return null;
    return hit;
  }

  const isDrink = (r: FoodResult): boolean => r.table === 'usda' && (r.id ?? '').startsWith(`usda-${DRINKS_GROUP}`);

  function foodInTokens(tokens: readonly string[], words: readonly string[]): TextHit | null {
    const isFrame = tokens.map((t) => QUESTION_WORDS.has(t));
    // A name needs all its tokens in some key, and a USDA span a naming token the table uses: with
    // neither, the scans below cannot find anything, and only a misspelt curated name is left to try.
    const mayName = tokens.some((t, i) => nameTokens.has(t) || (!isFrame[i] && postings.has(t) && canNameFood(t)));
    if (!mayName) return typoInText(tokens, words);
    const naming = (from: number, to: number) => tokens.slice(from, to).filter(canNameFood).length;
    const foodish = (from: number, to: number) =>
      tokens.slice(from, to).some((t) => canNameFood(t) || MODIFIER_WORDS.has(t));

    let best: TextMatch | null = null;
    const consider = (m: TextMatch) => {
      best = betterMatch(m, best) ? m : best;
    };

    /**
     * A food word right next to a name makes another food of it ("corn dogs", "almond milk"), and an
     * object word makes a thing of it ("rice paper", "banana phone"): such a name is not taken (a USDA
     * row may still name the whole phrase). Framing, modifiers, nutrients and context words ("healthy",
     * "breakfast") and words the table does not know do not count.
     */
    const compounds = (at: number) => {
      const t = tokens[at];
      if (t === undefined || isFrame[at]) return false;
      if (ANIMAL_WORDS.has(t) || NON_FOOD_WORDS.has(t)) return true;
      return postings.has(t) && canNameFood(t) && !CONTEXT_WORDS.has(t);
    };
    const standsAlone = (from: number, to: number) => {
      while (from > 0 && MODIFIER_WORDS.has(tokens[from - 1] as string)) from--;
      while (to < tokens.length && MODIFIER_WORDS.has(tokens[to] as string)) to++;
      return !compounds(from - 1) && !compounds(to);
    };

    // Curated and common names anywhere, longest first (up to a full table name: "Oatmeal, regular
    // and quick, unenriched, cooked with water").
    const longest = Math.max(5, common.maxTokens, curatedMaxTokens);
    // How many tokens from each position on could all belong to one name: longer spans are no key.
    const nameRun = new Array<number>(tokens.length + 1).fill(0);
    for (let i = tokens.length - 1; i >= 0; i--)
      nameRun[i] = nameTokens.has(tokens[i] as string) ? (nameRun[i + 1] as number) + 1 : 0;
    for (let n = Math.min(longest, tokens.length); n >= 1; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        if ((nameRun[i] as number) < n || !foodish(i, i + n) || !standsAlone(i, i + n)) continue;
        const key = tokens.slice(i, i + n).join(' ');
        const food = byKey.get(key);
        if (food !== undefined)
          consider({ kind: 'ods', hit: odsHit(food) as Hit, from: i, to: i + n, naming: naming(i, i + n) });
        const named = common.byKey(key);
        if (named) {
          const hit = usdaHit(named.rows[0]) as Hit;
          consider({ kind: 'common', hit, from: i, to: i + n, naming: naming(i, i + n), rows: named.rows });
        }
      }
    }

    // USDA rows for spans of a run of non-framing words that explain the whole run.
    for (let start = 0; start < tokens.length; ) {
      if (isFrame[start]) {
        start++;
        continue;
      }
      let end = start;
      while (end < tokens.length && !isFrame[end]) end++;
      for (let i = start; i < end; i++) {
        for (let j = Math.min(end, i + 4); j > i; j--) {
          const outside = [...tokens.slice(start, i), ...tokens.slice(j, end)];
          if (!naming(i, j) || !outside.every((t) => MODIFIER_WORDS.has(t) || CONTEXT_WORDS.has(t))) continue;
          const span = tokens.slice(i, j);
          if (!span.every((t) => postings.has(t) || MODIFIER_WORDS.has(t))) continue;
          const m = usdaNaming(span);
          if (m !== null) consider({ kind: 'usda', hit: usdaHit(m) as Hit, from: i, to: j, naming: naming(i, j) });
        }
      }
      start = end;
    }

    const found = best as TextMatch | null;
    if (found) return textResult(found, tokens, words);
    return typoInText(tokens, words);
  }

  /**
   * The best plain USDA row the words name, or null. One word must name the food's head or a whole
   * naming segment (tier 0-2); two or more naming words may also sit inside a longer head ("sunflower
   * seeds" in "Seeds, sunflower seed kernels"), since together they are specific enough.
   */
  function usdaNaming(span: readonly string[]): number | null {
    const qterms = terms(span, { prefixLast: false, fuzzy: false });
    if (!qterms) return null;
    const top = searchUsda(qterms, FOOD_LIMITS.suggestions).find((m) => !features[m.index]?.special);
    const maxTier = span.filter(canNameFood).length >= 2 ? SEGMENT_TIER + 1 : SEGMENT_TIER;
    return top && top.match.tier <= maxTier ? top.index : null;
  }

  /** Widens a text match over the modifiers next to it, and lets them pick among a name's rows. */
  function textResult(m: TextMatch, tokens: readonly string[], words: readonly string[]): TextHit {
    let { from, to } = m;
    while (from > 0 && MODIFIER_WORDS.has(tokens[from - 1] as string)) from--;
    while (to < tokens.length && MODIFIER_WORDS.has(tokens[to] as string)) to++;
    const extra = [...tokens.slice(from, m.from), ...tokens.slice(m.to, to)];
    let hit = m.hit;
    if (extra.length && m.kind === 'common' && m.rows) hit = commonRows(m.rows, extra)[0] ?? hit;
    if (extra.length && m.kind === 'usda') {
      const narrowed = usdaNaming(tokens.slice(from, to));
      if (narrowed !== null) hit = usdaHit(narrowed) as Hit;
    }
    const matchedBy = MATCHED_BY[m.kind];
    return { result: resultOf(hit, 1, []), matched: words.slice(from, to).join(' '), matchedBy };
  }

  /** A misspelt curated food ("bananna"): only close, longer words, compared with whole keys. */
  function typoInText(tokens: readonly string[], words: readonly string[]): TextHit | null {
    const content = contentWords(tokens).filter((t) => !NUTRIENT_WORDS.has(t) && !ANIMAL_WORDS.has(t));
    for (let n = Math.min(2, content.length); n >= 1; n--) {
      for (let i = 0; i + n <= content.length; i++) {
        const phrase = content.slice(i, i + n).join(' ');
        if (phrase.length < 5) continue;
        const maxEdits = phrase.length >= 8 ? 2 : 1;
        // Typos rarely change the first letter; requiring it keeps "price" from becoming rice.
        const close = (curatedByStart.get(`${n} ${phrase[0]}`) ?? []).find(
          (k) =>
            Math.abs(k.key.length - phrase.length) <= maxEdits && editDistance(k.key, phrase, maxEdits) <= maxEdits,
        );
        const from = tokens.indexOf(content[i] as string);
        // Next to an object word the name is part of a thing ("banana phone", "rice paper").
        const nextTo = [tokens[from - 1], tokens[from + n]];
        if (close && !nextTo.some((t) => t !== undefined && NON_FOOD_WORDS.has(t))) {
          return {
            result: resultOf(odsHit(close.food) as Hit, 1, []),
            matched: words.slice(from, from + n).join(' '),
            // Spelt right, it was only turned down by the scan for a food word beside it ("marinara sauce").
            matchedBy: close.key === phrase ? 'curated' : 'typo',
          };
        }
      }
    }
    return null;
  }

  function choiceFor(hit: Hit): AutocompleteChoice {
    const r = resultOf(hit, 1, []);
    const amount =
      hit.table === 'ods'
        ? `${formatNumber(r.mcg ?? 0)} mcg per ${r.serving}`
        : `${formatNumber(r.per100g ?? 0)} mcg/100 g`;
    const suffix = ` — ${amount}`;
    const name =
      suffix.length < FOOD_LIMITS.choiceChars / 2
        ? `${truncate(hitName(hit), FOOD_LIMITS.choiceChars - suffix.length)}${suffix}`
        : truncate(hitName(hit), FOOD_LIMITS.choiceChars);
    return { name, value: truncate(hitId(hit), FOOD_LIMITS.choiceChars) };
  }

  function autocomplete(partial: string): AutocompleteChoice[] {
    const max = FOOD_LIMITS.autocompleteChoices;
    const tokens = foodTokens(partial.slice(0, 200));
    if (!tokens.length) return byRichness.slice(0, max).map((i) => choiceFor(odsHit(i) as Hit));
    const prefixLast = !/\s$/.test(partial);
    const last = tokens[tokens.length - 1] as string;
    const done = tokens.slice(0, -1);

    // Curated: every typed word in the key, the last one as a prefix; names that start with it first.
    const scored = new Map<number, number>();
    const typed = tokens.join(' ');
    for (const k of curatedKeys) {
      const ok =
        done.every((t) => k.tokens.includes(t)) &&
        (prefixLast ? k.tokens.some((t) => t.startsWith(last)) : k.tokens.includes(last));
      if (!ok) continue;
      const score = k.key.startsWith(typed) ? 0 : 1;
      scored.set(k.food, Math.min(score, scored.get(k.food) ?? 2));
    }
    // Typos ("brazl"): only when no curated name matched as typed.
    if (!scored.size) for (const i of curatedPrefixTypos(typed)) scored.set(i, 2);
    const odsOrder = [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || (curated[b[0]]?.mcg ?? 0) - (curated[a[0]]?.mcg ?? 0))
      .map(([i]) => odsHit(i) as Hit);

    // Common names ("venis" -> venison): the best row of each name that starts with what was typed.
    const commonOrder: Hit[] = [];
    if (typed.length >= 3) {
      const named = new Set<number>();
      for (const key of common.keys()) {
        if (!(prefixLast ? key.startsWith(typed) : key === typed)) continue;
        const row = common.byKey(key)?.rows[0];
        if (row !== undefined) named.add(row);
      }
      for (const row of [...named].slice(0, 3)) commonOrder.push(usdaHit(row) as Hit);
    }
    odsOrder.push(...commonOrder);

    const room = max - Math.min(odsOrder.length, max);
    const words = contentWords(tokens).length
      ? tokens.filter((t, i) => i === tokens.length - 1 || !QUESTION_WORDS.has(t))
      : tokens;
    const qterms = room ? terms(words, { prefixLast, fuzzy: true }) : null;
    const listed = new Set(commonOrder.map(hitId));
    const usdaOrder = qterms
      ? searchUsda(qterms, room + listed.size)
          .map((m) => usdaHit(m.index) as Hit)
          .filter((h) => !listed.has(hitId(h)))
      : [];
    return [...odsOrder, ...usdaOrder].slice(0, max).map(choiceFor);
  }

  function categoryFilter(word: string | undefined): {
    ods: (i: number) => boolean;
    usda: (f: RowFeatures) => boolean;
  } {
    if (!word?.trim()) return { ods: () => true, usda: () => true };
    const category: Category | null = findCategory(word);
    if (category) {
      return {
        ods: (i) => inCategory(category, curatedHeads[i] ?? [], null),
        usda: (f) => inCategory(category, f.head, f.ndb),
      };
    }
    // A word the categories do not define ("cheese"): foods whose name carries it.
    const wanted = foodTokens(word).filter((t) => !QUESTION_WORDS.has(t));
    if (!wanted.length) return { ods: () => false, usda: () => false };
    return {
      ods: (i) => wanted.every((t) => curatedNameTokens[i]?.includes(t)),
      usda: (f) => wanted.every((t) => f.name.includes(t)),
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

  return { lookup, findInText, autocomplete, top, topGroups, compare };
}

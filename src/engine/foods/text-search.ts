import type { FoodResult } from '../types.js';
import { editDistance, letterMask, mayBeWithin } from '../typos.js';
import { FOOD_LIMITS } from './limits.js';
import { type CuratedNaming, reshapeText } from './naming.js';
import { SEGMENT_TIER } from './rank.js';
import type { Hit, Results } from './results.js';
import type { CuratedKey, FoodTables } from './tables.js';
import {
  ANIMAL_WORDS,
  CONTEXT_WORDS,
  canNameFood,
  MODIFIER_WORDS,
  NON_FOOD_WORDS,
  NUTRIENT_WORDS,
  normaliseFoodText,
  QUESTION_WORDS,
  SELENIUM_WORDS,
  singular,
} from './text.js';
import type { UsdaMatch, UsdaSearch } from './usda-search.js';

/** Free text names a food in the table's own words: no completions, no typo fixes. */
const EXACT = { prefixLast: false, fuzzy: false } as const;

/** Per-token scratch of the free-text scans (see `scan` in createTextSearch), for `size - 1` tokens. */
function scanArrays(size: number) {
  return {
    size,
    isFrame: new Uint8Array(size),
    names: new Uint8Array(size),
    isModifier: new Uint8Array(size),
    namingBefore: new Int32Array(size),
    foodishBefore: new Int32Array(size),
    strayBefore: new Int32Array(size),
    unpostedBefore: new Int32Array(size),
    nameRun: new Int32Array(size),
  };
}

// Finding the food a free-text question names ("how much selenium is in a tuna steak"): precision
// first, since a wrong food is worse than none.

/** SR26 food group 14: beverages (water, coffee, tea, soft and energy drinks, beer, wine). */
const DRINKS_GROUP = '14';

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

export function createTextSearch(
  tables: FoodTables,
  search: UsdaSearch,
  results: Results,
  commonRows: (rowsOf: readonly number[], extra: readonly string[]) => Hit[],
  naming: CuratedNaming,
): (text: string) => TextHit | null {
  const { byKey, common, curatedByStart, curatedMaxTokens, features, nameTokens, postings } = tables;
  const { terms, searchUsda } = search;
  const { resultOf, odsHit, usdaHit } = results;

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
    // Normalised text has single spaces between words and none at either end.
    const normalised = normaliseFoodText(text);
    if (!normalised) return null;
    const typed = normalised.split(' ');
    const { tokens, words, repaired } = reshapeText(typed.map(singular), typed, reshaping);
    const hit = foodInTokens(tokens, words, repaired);
    if (hit && isDrink(hit.result) && !tokens.some((t) => SELENIUM_WORDS.has(t))) return null;
    return hit;
  }

  /** The words as typed for tokens [from, to): a split word is typed once, by its first half. */
  const typedSpan = (words: readonly string[], from: number, to: number) =>
    words
      .slice(from, to)
      .filter((w) => w.length > 0)
      .join(' ');

  const isDrink = (r: FoodResult): boolean => r.table === 'usda' && (r.id ?? '').startsWith(`usda-${DRINKS_GROUP}`);

  const reshaping = {
    known: naming.known,
    curated: naming.curated,
    frame: (w: string) => QUESTION_WORDS.has(w),
    repair: naming.repair,
    joins: naming.joins,
    unknown: naming.unknown,
  };

  // Each token's kind and the counts before each position, for the scans of one message: arrays owned by
  // this search (one per engine) and grown to the longest message seen, rather than made per message.
  // A scan runs start to end without calling back into findInText, so one message never sees another's.
  let scan = scanArrays(32);

  /** Whether tokens [from, to) hold a naming token, a food-ish one (naming or modifier), and so on. */
  const count = (before: Int32Array, from: number, to: number) => (before[to] as number) - (before[from] as number);

  /**
   * A food word right next to a name makes another food of it ("corn dogs", "almond milk"), and an
   * object word makes a thing of it ("rice paper", "banana phone"): such a name is not taken (a USDA
   * row may still name the whole phrase). Framing, modifiers, nutrients and context words ("healthy",
   * "breakfast") and words the table does not know do not count.
   */
  function compounds(tokens: readonly string[], at: number): boolean {
    const t = tokens[at];
    if (t === undefined || scan.isFrame[at] === 1) return false;
    if (ANIMAL_WORDS.has(t) || NON_FOOD_WORDS.has(t)) return true;
    return postings.has(t) && scan.names[at] === 1 && !CONTEXT_WORDS.has(t);
  }

  function standsAlone(tokens: readonly string[], from: number, to: number): boolean {
    while (from > 0 && scan.isModifier[from - 1] === 1) from--;
    while (to < tokens.length && scan.isModifier[to] === 1) to++;
    return !compounds(tokens, from - 1) && !compounds(tokens, to);
  }

  function foodInTokens(
    tokens: readonly string[],
    words: readonly string[],
    repaired: readonly boolean[],
  ): TextHit | null {
    const n = tokens.length;
    if (n + 1 > scan.size) scan = scanArrays(2 * (n + 1));
    const { isFrame, names, isModifier, namingBefore, foodishBefore, strayBefore, unpostedBefore, nameRun } = scan;
    // Each token's kind, looked up once: the scans below ask about every span of every run of tokens.
    // A name needs all its tokens in some key, and a USDA span a naming token the table uses: with
    // neither, the scans below cannot find anything, and only a misspelt curated name is left to try.
    let mayName = false;
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as string;
      isFrame[i] = QUESTION_WORDS.has(t) ? 1 : 0;
      names[i] = canNameFood(t) ? 1 : 0;
      isModifier[i] = MODIFIER_WORDS.has(t) ? 1 : 0;
      if (nameTokens.has(t) || (isFrame[i] === 0 && postings.has(t) && names[i] === 1)) mayName = true;
    }
    if (!mayName) return typoInText(tokens, words);
    // Counts before each position, so a span's count is one subtraction instead of a slice: naming
    // tokens, food-ish ones (naming or modifiers), ones a span beside a USDA name may not hold (neither
    // modifier nor context word) and ones a USDA span may not hold (unknown to the table, not a modifier).
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as string;
      const naming = names[i] === 1;
      const modifier = isModifier[i] === 1;
      namingBefore[i + 1] = (namingBefore[i] as number) + (naming ? 1 : 0);
      foodishBefore[i + 1] = (foodishBefore[i] as number) + (naming || modifier ? 1 : 0);
      strayBefore[i + 1] = (strayBefore[i] as number) + (modifier || CONTEXT_WORDS.has(t) ? 0 : 1);
      unpostedBefore[i + 1] = (unpostedBefore[i] as number) + (modifier || postings.has(t) ? 0 : 1);
    }

    let best: TextMatch | null = null;
    // Curated and common names anywhere, longest first (up to a full table name: "Oatmeal, regular
    // and quick, unenriched, cooked with water").
    const longest = Math.max(5, common.maxTokens, curatedMaxTokens);
    // How many tokens from each position on could all belong to one name: longer spans are no key.
    nameRun[n] = 0;
    for (let i = n - 1; i >= 0; i--)
      nameRun[i] = nameTokens.has(tokens[i] as string) ? (nameRun[i + 1] as number) + 1 : 0;
    for (let len = Math.min(longest, n); len >= 1; len--) {
      for (let i = 0; i + len <= n; i++) {
        if ((nameRun[i] as number) < len || count(foodishBefore, i, i + len) === 0 || !standsAlone(tokens, i, i + len))
          continue;
        const key = len === 1 ? (tokens[i] as string) : tokens.slice(i, i + len).join(' ');
        const naming = count(namingBefore, i, i + len);
        const food = byKey.get(key);
        if (food !== undefined) {
          const m: TextMatch = { kind: 'ods', hit: odsHit(food) as Hit, from: i, to: i + len, naming };
          if (betterMatch(m, best)) best = m;
        }
        const named = common.byKey(key);
        if (named) {
          const hit = usdaHit(named.rows[0]) as Hit;
          const m: TextMatch = { kind: 'common', hit, from: i, to: i + len, naming, rows: named.rows };
          if (betterMatch(m, best)) best = m;
        }
      }
    }

    // USDA rows for spans of a run of non-framing words that explain the whole run.
    for (let start = 0; start < n; ) {
      if (isFrame[start] === 1) {
        start++;
        continue;
      }
      let end = start;
      while (end < n && isFrame[end] === 0) end++;
      for (let i = start; i < end; i++) {
        for (let j = Math.min(end, i + 4); j > i; j--) {
          // The rest of the run must be modifiers and context words, and the span all table words or modifiers.
          const naming = count(namingBefore, i, j);
          if (!naming || count(strayBefore, start, i) + count(strayBefore, j, end) > 0) continue;
          if (count(unpostedBefore, i, j) > 0) continue;
          const found = usdaNaming(tokens.slice(i, j));
          if (found === null) continue;
          const m: TextMatch = { kind: 'usda', hit: usdaHit(found) as Hit, from: i, to: j, naming };
          if (betterMatch(m, best)) best = m;
        }
      }
      start = end;
    }

    const found = best as TextMatch | null;
    if (found) return textResult(found, tokens, words, repaired);
    return typoInText(tokens, words);
  }

  /**
   * The best plain USDA row the words name, or null. One word must name the food's head or a whole
   * naming segment (tier 0-2); two or more naming words may also sit inside a longer head ("sunflower
   * seeds" in "Seeds, sunflower seed kernels"), since together they are specific enough.
   */
  function usdaNaming(span: readonly string[]): number | null {
    const qterms = terms(span, EXACT);
    if (!qterms) return null;
    let top: UsdaMatch | undefined;
    for (const m of searchUsda(qterms, FOOD_LIMITS.suggestions))
      if (!features[m.index]?.special) {
        top = m;
        break;
      }
    let naming = 0;
    for (const t of span) if (canNameFood(t)) naming++;
    const maxTier = naming >= 2 ? SEGMENT_TIER + 1 : SEGMENT_TIER;
    return top && top.match.tier <= maxTier ? top.index : null;
  }

  /** Widens a text match over the modifiers next to it, and lets them pick among a name's rows. */
  function textResult(
    m: TextMatch,
    tokens: readonly string[],
    words: readonly string[],
    repaired: readonly boolean[],
  ): TextHit {
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
    // A name found only once a misspelt word was repaired is as weak as any other typo match.
    const matchedBy = repaired.slice(m.from, m.to).some(Boolean) ? 'typo' : MATCHED_BY[m.kind];
    return { result: resultOf(hit, 1, []), matched: typedSpan(words, from, to), matchedBy };
  }

  // Curated keys of one and two tokens by first letter, and the two-token ones also written as one word
  // ("sweetcorn", "brazilnut", as the lookup also accepts; the first in table order wins): built once, so a
  // message's misspelt-name scan makes no key strings.
  const oneByStart = new Map<string, readonly CuratedKey[]>();
  const twoByStart = new Map<string, readonly CuratedKey[]>();
  const joinedUp = new Map<string, CuratedKey>();
  for (const [group, keys] of curatedByStart) {
    const [n, letter = ''] = group.split(' ');
    if (n === '1') oneByStart.set(letter, keys);
    if (n !== '2') continue;
    twoByStart.set(letter, keys);
    for (const k of keys) {
      const joined = k.key.replace(' ', '');
      if (!joinedUp.has(joined)) joinedUp.set(joined, k);
    }
  }
  const SPACE_MASK = letterMask(' ');

  /**
   * A misspelt curated food ("bananna"): only close, longer words, compared with whole keys. Two-word
   * phrases are compared by their parts' lengths and letters first, and spelt out only for a key that
   * passes both.
   */
  function typoInText(tokens: readonly string[], words: readonly string[]): TextHit | null {
    const content: string[] = [];
    for (const t of tokens)
      if (!QUESTION_WORDS.has(t) && !NUTRIENT_WORDS.has(t) && !ANIMAL_WORDS.has(t)) content.push(t);
    for (let n = Math.min(2, content.length); n >= 1; n--) {
      for (let i = 0; i + n <= content.length; i++) {
        const a = content[i] as string;
        const b = n === 2 ? (content[i + 1] as string) : '';
        const length = n === 1 ? a.length : a.length + 1 + b.length;
        if (length < 5) continue;
        const maxEdits = length >= 8 ? 2 : 1;
        const letters = n === 1 ? letterMask(a) : letterMask(a) | SPACE_MASK | letterMask(b);
        let phrase = n === 1 ? a : '';
        // Typos rarely change the first letter; requiring it keeps "price" from becoming rice.
        let close: CuratedKey | undefined;
        for (const k of (n === 1 ? oneByStart : twoByStart).get(a[0] as string) ?? []) {
          if (Math.abs(k.key.length - length) > maxEdits || !mayBeWithin(k.letters, letters, maxEdits)) continue;
          if (!phrase) phrase = `${a} ${b}`;
          if (editDistance(k.key, phrase, maxEdits) <= maxEdits) {
            close = k;
            break;
          }
        }
        if (!close && n === 1) close = joinedUp.get(a);
        if (!close) continue;
        if (!phrase) phrase = `${a} ${b}`;
        const from = tokens.indexOf(a);
        // Next to an object word the name is part of a thing ("banana phone", "rice paper").
        const before = tokens[from - 1];
        const after = tokens[from + n];
        if (
          (before === undefined || !NON_FOOD_WORDS.has(before)) &&
          (after === undefined || !NON_FOOD_WORDS.has(after))
        ) {
          return {
            result: resultOf(odsHit(close.food) as Hit, 1, []),
            matched: typedSpan(words, from, from + n),
            // Spelt right, it was only turned down by the scan for a food word beside it ("marinara sauce").
            matchedBy: close.key === phrase ? 'curated' : 'typo',
          };
        }
      }
    }
    return null;
  }

  return findInText;
}

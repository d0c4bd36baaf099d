import type { FoodResult } from '../types.js';
import { editDistance, letterMask, mayBeWithin } from '../typos.js';
import { FOOD_LIMITS } from './limits.js';
import { type CuratedNaming, reshapeText } from './naming.js';
import { SEGMENT_TIER } from './rank.js';
import type { Hit, Results } from './results.js';
import type { FoodTables } from './tables.js';
import {
  ANIMAL_WORDS,
  CONTEXT_WORDS,
  canNameFood,
  contentWords,
  MODIFIER_WORDS,
  NON_FOOD_WORDS,
  NUTRIENT_WORDS,
  normaliseFoodText,
  QUESTION_WORDS,
  SELENIUM_WORDS,
  singular,
} from './text.js';
import type { UsdaSearch } from './usda-search.js';

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
    const typed = normaliseFoodText(text).split(' ').filter(Boolean);
    if (!typed.length) return null;
    const { tokens, words, repaired } = reshapeText(typed.map(singular), typed, {
      known: naming.known,
      curated: naming.curated,
      frame: (w) => QUESTION_WORDS.has(w),
      repair: naming.repair,
    });
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

  function foodInTokens(
    tokens: readonly string[],
    words: readonly string[],
    repaired: readonly boolean[],
  ): TextHit | null {
    const n = tokens.length;
    // Each token's kind, looked up once: the scans below ask about every span of every run of tokens.
    const isFrame = tokens.map((t) => QUESTION_WORDS.has(t));
    const names = tokens.map(canNameFood);
    const isModifier = tokens.map((t) => MODIFIER_WORDS.has(t));
    // A name needs all its tokens in some key, and a USDA span a naming token the table uses: with
    // neither, the scans below cannot find anything, and only a misspelt curated name is left to try.
    const mayName = tokens.some((t, i) => nameTokens.has(t) || (!isFrame[i] && postings.has(t) && names[i]));
    if (!mayName) return typoInText(tokens, words);
    // Counts before each position, so a span's count is one subtraction instead of a slice: naming
    // tokens, food-ish ones (naming or modifiers), ones a span beside a USDA name may not hold (neither
    // modifier nor context word) and ones a USDA span may not hold (unknown to the table, not a modifier).
    const namingBefore = new Array<number>(n + 1).fill(0);
    const foodishBefore = new Array<number>(n + 1).fill(0);
    const strayBefore = new Array<number>(n + 1).fill(0);
    const unpostedBefore = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as string;
      const naming = names[i] === true;
      const modifier = isModifier[i] === true;
      namingBefore[i + 1] = (namingBefore[i] as number) + (naming ? 1 : 0);
      foodishBefore[i + 1] = (foodishBefore[i] as number) + (naming || modifier ? 1 : 0);
      strayBefore[i + 1] = (strayBefore[i] as number) + (modifier || CONTEXT_WORDS.has(t) ? 0 : 1);
      unpostedBefore[i + 1] = (unpostedBefore[i] as number) + (modifier || postings.has(t) ? 0 : 1);
    }
    const count = (before: readonly number[], from: number, to: number) =>
      (before[to] as number) - (before[from] as number);
    const naming = (from: number, to: number) => count(namingBefore, from, to);
    const foodish = (from: number, to: number) => count(foodishBefore, from, to) > 0;

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
      return postings.has(t) && names[at] === true && !CONTEXT_WORDS.has(t);
    };
    const standsAlone = (from: number, to: number) => {
      while (from > 0 && isModifier[from - 1]) from--;
      while (to < n && isModifier[to]) to++;
      return !compounds(from - 1) && !compounds(to);
    };

    // Curated and common names anywhere, longest first (up to a full table name: "Oatmeal, regular
    // and quick, unenriched, cooked with water").
    const longest = Math.max(5, common.maxTokens, curatedMaxTokens);
    // How many tokens from each position on could all belong to one name: longer spans are no key.
    const nameRun = new Array<number>(n + 1).fill(0);
    for (let i = n - 1; i >= 0; i--)
      nameRun[i] = nameTokens.has(tokens[i] as string) ? (nameRun[i + 1] as number) + 1 : 0;
    for (let len = Math.min(longest, n); len >= 1; len--) {
      for (let i = 0; i + len <= n; i++) {
        if ((nameRun[i] as number) < len || !foodish(i, i + len) || !standsAlone(i, i + len)) continue;
        const key = len === 1 ? (tokens[i] as string) : tokens.slice(i, i + len).join(' ');
        const food = byKey.get(key);
        if (food !== undefined)
          consider({ kind: 'ods', hit: odsHit(food) as Hit, from: i, to: i + len, naming: naming(i, i + len) });
        const named = common.byKey(key);
        if (named) {
          const hit = usdaHit(named.rows[0]) as Hit;
          consider({ kind: 'common', hit, from: i, to: i + len, naming: naming(i, i + len), rows: named.rows });
        }
      }
    }

    // USDA rows for spans of a run of non-framing words that explain the whole run.
    for (let start = 0; start < n; ) {
      if (isFrame[start]) {
        start++;
        continue;
      }
      let end = start;
      while (end < n && !isFrame[end]) end++;
      for (let i = start; i < end; i++) {
        for (let j = Math.min(end, i + 4); j > i; j--) {
          // The rest of the run must be modifiers and context words, and the span all table words or modifiers.
          if (!naming(i, j) || count(strayBefore, start, i) + count(strayBefore, j, end) > 0) continue;
          if (count(unpostedBefore, i, j) > 0) continue;
          const m = usdaNaming(tokens.slice(i, j));
          if (m !== null) consider({ kind: 'usda', hit: usdaHit(m) as Hit, from: i, to: j, naming: naming(i, j) });
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
    const qterms = terms(span, { prefixLast: false, fuzzy: false });
    if (!qterms) return null;
    const top = searchUsda(qterms, FOOD_LIMITS.suggestions).find((m) => !features[m.index]?.special);
    const maxTier = span.filter(canNameFood).length >= 2 ? SEGMENT_TIER + 1 : SEGMENT_TIER;
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

  /** A two-word curated name written as one word ("sweetcorn", "brazilnut"), as the lookup also accepts. */
  const joinedUp = (word: string) =>
    (curatedByStart.get(`2 ${word[0]}`) ?? []).find((k) => k.key.replace(' ', '') === word);

  /** A misspelt curated food ("bananna"): only close, longer words, compared with whole keys. */
  function typoInText(tokens: readonly string[], words: readonly string[]): TextHit | null {
    const content = contentWords(tokens).filter((t) => !NUTRIENT_WORDS.has(t) && !ANIMAL_WORDS.has(t));
    for (let n = Math.min(2, content.length); n >= 1; n--) {
      for (let i = 0; i + n <= content.length; i++) {
        const phrase = n === 1 ? (content[i] as string) : `${content[i]} ${content[i + 1]}`;
        if (phrase.length < 5) continue;
        const maxEdits = phrase.length >= 8 ? 2 : 1;
        const letters = letterMask(phrase);
        // Typos rarely change the first letter; requiring it keeps "price" from becoming rice.
        const close =
          (curatedByStart.get(`${n} ${phrase[0]}`) ?? []).find(
            (k) =>
              Math.abs(k.key.length - phrase.length) <= maxEdits &&
              mayBeWithin(k.letters, letters, maxEdits) &&
              editDistance(k.key, phrase, maxEdits) <= maxEdits,
          ) ?? (n === 1 ? joinedUp(phrase) : undefined);
        if (!close) continue;
        const from = tokens.indexOf(content[i] as string);
        // Next to an object word the name is part of a thing ("banana phone", "rice paper").
        const nextTo = [tokens[from - 1], tokens[from + n]];
        if (!nextTo.some((t) => t !== undefined && NON_FOOD_WORDS.has(t))) {
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

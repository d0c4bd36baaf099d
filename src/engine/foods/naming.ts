import { editDistance, letterMask, mayBeWithin } from '../typos.js';
import type { FoodTables } from './tables.js';

// Whether a query names a curated (NIH ODS) food, however it words it: "low fat yogurt" and "yogurt low
// fat" name "Yogurt, plain, low fat"; "sardines in oil" names "Sardines, canned in oil, ..."; "oat meal"
// and "cornflakes" are the same words as "oatmeal" and "corn flakes". The curated table is the one members
// are shown first and the one the article's figures come from, so when a query plausibly names one of its
// rows, that row is the answer, not a USDA row that happens to share a word ("Margarine-like spread with
// yogurt").

/** Parts of a split compound must be real words, not fragments ("co" + "rnflake"). */
const MIN_PART = 3;

/**
 * The query's words with compounds written the other way made whole: two neighbours joined when the joined
 * word is known ("oat meal" -> "oatmeal"), and an unknown word split in two known words ("cornflake" ->
 * "corn flake"). Unchanged when neither applies.
 */
export function compoundForms(tokens: readonly string[], known: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] as string;
    const next = tokens[i + 1];
    if (next !== undefined && !/\d/.test(word + next) && known(word + next)) {
      out.push(word + next);
      i++;
      continue;
    }
    out.push(...(known(word) ? [word] : splitWord(word, known)));
  }
  return out;
}

function splitWord(word: string, known: (word: string) => boolean): string[] {
  for (let at = MIN_PART; at <= word.length - MIN_PART; at++) {
    const [a, b] = [word.slice(0, at), word.slice(at)];
    if (known(a) && known(b)) return [a, b];
  }
  return [word];
}

/** A text's tokens reshaped for food names, with the words as typed that each token stands for. */
export interface ReshapedText {
  tokens: string[];
  /** As typed, one per token: a joined token carries both words, the second half of a split word ''. */
  words: string[];
  /** Tokens that were misspelt and repaired to a curated name's word. */
  repaired: boolean[];
}

/** What reshaping makes of a word no table knows: its two known halves, or its repair (maybe itself). */
export interface UnknownWord {
  tokens: readonly string[];
  repaired: boolean;
}

/**
 * Free text with compounds made whole and misspellings of curated names' words repaired, so the scans for
 * names see "oat meal" as "oatmeal", "cornflakes" as "corn flakes" and "whole weat bread" as "whole wheat
 * bread". Only words no table knows are split or repaired, and framing words are never joined: a real
 * word stays as typed. `joins` and `unknown` (CuratedNaming's) answer the same as `curated(a + b)` and
 * the split-or-repair below without building strings per message.
 */
export function reshapeText(
  tokens: readonly string[],
  words: readonly string[],
  opts: {
    known: (w: string) => boolean;
    curated: (w: string) => boolean;
    frame: (w: string) => boolean;
    repair: (w: string) => string;
    joins?: (a: string, b: string) => boolean;
    unknown?: (w: string) => UnknownWord;
  },
): ReshapedText {
  const out: ReshapedText = { tokens: [], words: [], repaired: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const word = words[i] ?? token;
    const next = tokens[i + 1];
    if (
      next !== undefined &&
      !opts.frame(token) &&
      !opts.frame(next) &&
      (opts.joins ? opts.joins(token, next) : opts.curated(token + next))
    ) {
      push(out, token + next, `${word} ${words[i + 1] ?? next}`, false);
      i++;
    } else if (opts.known(token) || opts.frame(token)) push(out, token, word, false);
    else {
      const { tokens: parts, repaired } = opts.unknown ? opts.unknown(token) : unknownWord(token, opts);
      if (parts.length === 2) {
        push(out, parts[0] as string, word, false);
        push(out, parts[1] as string, '', false);
      } else push(out, parts[0] as string, word, repaired);
    }
  }
  return out;
}

function push(out: ReshapedText, token: string, word: string, repaired: boolean): void {
  out.tokens.push(token);
  out.words.push(word);
  out.repaired.push(repaired);
}

/** A word no table knows: split in two known words, else repaired (or left as it is). */
function unknownWord(
  token: string,
  opts: { known: (w: string) => boolean; repair: (w: string) => string },
): UnknownWord {
  const parts = splitWord(token, opts.known);
  if (parts.length === 2) return { tokens: parts, repaired: false };
  const fixed = opts.repair(token);
  return { tokens: [fixed], repaired: fixed !== token };
}

/** Whether every token of `part` is in `whole` (as many times), order ignored. */
function within(part: readonly string[], whole: readonly string[]): string[] | null {
  const rest = [...whole];
  for (const t of part) {
    const at = rest.indexOf(t);
    if (at < 0) return null;
    rest.splice(at, 1);
  }
  return rest;
}

export interface CuratedNaming {
  /**
   * The curated food the words plausibly name, or null: one of its names or aliases is among the words, and
   * every other word is a word of its name or aliases ("low fat yogurt", "turkey boneless", "roasted
   * cashews"), or a plain cooking word when the food is cooked ("grilled chicken"). The longest name wins,
   * then table order. A word the food's name lacks ("raw spinach", "chicken liver", "white rice") leaves it
   * to the USDA table, which tells those foods apart. The words are also tried with compounds made whole
   * ("oat meal", "lowfat") and with misspelt words repaired to curated ones ("sardins", "weat").
   */
  (content: readonly string[]): number | null;
  /** A word no table knows, repaired to a curated name's word within an edit or two; else as it was. */
  repair(word: string): string;
  /** Whether the USDA table or a curated name has the word. */
  known(word: string): boolean;
  /** Whether a curated name or alias has the word. */
  curated(word: string): boolean;
  /** `curated(a + b)`, without joining the strings. */
  joins(a: string, b: string): boolean;
  /** What reshapeText makes of a word no table knows, worked out once per word (see UNKNOWN_WORDS_KEPT). */
  unknown(word: string): UnknownWord;
}

/**
 * Distinct unknown words whose split or repair a naming remembers before starting afresh: members' words
 * the food tables lack ("immune", "deficiency") come back in message after message, and each costs a
 * dozen slices and edit distances. Bounded, so a flood of unique words cannot grow it without limit.
 */
export const UNKNOWN_WORDS_KEPT = 2048;

/** Typos rarely change a word's first letter, and short words have too many neighbours to repair. */
const MIN_REPAIR = 4;
const repairEdits = (word: string): number => (word.length >= 8 ? 2 : 1);

/**
 * Cooking words that leave a cooked curated food the same food ("grilled chicken" is cooked chicken). Not
 * "fried": fried rice, fried chicken and fried eggs are dishes of their own in the USDA table.
 */
export const PLAIN_COOKING: ReadonlySet<string> = new Set(
  'grilled baked roasted roast boiled steamed broiled poached cooked'.split(' '),
);

export function createCuratedNaming(
  tables: Pick<FoodTables, 'curatedKeys' | 'curatedNameTokens' | 'postings'>,
  cookingWords: ReadonlySet<string> = PLAIN_COOKING,
): CuratedNaming {
  const { curatedKeys, curatedNameTokens, postings } = tables;
  const tokenSets = curatedNameTokens.map((tokens) => new Set(tokens));
  const curatedWords = new Set(curatedNameTokens.flat());
  const isCurated = (w: string) => curatedWords.has(w);
  const knownWord = (w: string) => postings.has(w) || curatedWords.has(w);
  const cooked = tokenSets.map((tokens) => [...tokens].some((t) => cookingWords.has(t) || t === 'fried'));

  function named(content: readonly string[]): number | null {
    let best: { food: number; size: number } | null = null;
    for (const key of curatedKeys) {
      if (best && key.tokens.length <= best.size) continue;
      const rest = within(key.tokens, content);
      if (!rest) continue;
      const names = tokenSets[key.food] as ReadonlySet<string>;
      const fits = rest.every((t) => names.has(t) || (cooked[key.food] && cookingWords.has(t)));
      if (fits) best = { food: key.food, size: key.tokens.length };
    }
    return best?.food ?? null;
  }

  // Curated words by first letter, in the set's order, with their letters: a repair reads one short list.
  const byFirst = new Map<string, { word: string; letters: number }[]>();
  for (const w of curatedWords) {
    const list = byFirst.get(w[0] ?? '');
    if (list) list.push({ word: w, letters: letterMask(w) });
    else byFirst.set(w[0] ?? '', [{ word: w, letters: letterMask(w) }]);
  }

  /** A word no table knows, within an edit or two of a curated name's word with the same first letter. */
  function repaired(word: string): string {
    if (word.length < MIN_REPAIR || knownWord(word) || /\d/.test(word)) return word;
    const edits = repairEdits(word);
    const letters = letterMask(word);
    for (const w of byFirst.get(word[0] ?? '') ?? [])
      if (
        Math.abs(w.word.length - word.length) <= edits &&
        mayBeWithin(w.letters, letters, edits) &&
        editDistance(w.word, word, edits) <= edits
      )
        return w.word;
    return word;
  }

  const naming = (content: readonly string[]): number | null => {
    const forms = [
      content,
      compoundForms(content, knownWord),
      // "lowfat", "wholewheat": one word in the USDA table, two in the curated names.
      content.flatMap((w) => (isCurated(w) ? [w] : splitWord(w, isCurated))),
      content.map(repaired),
    ];
    const tried = new Set<string>();
    for (const form of forms) {
      const key = form.join(' ');
      if (tried.has(key)) continue;
      tried.add(key);
      const food = named(form);
      if (food !== null) return food;
    }
    return null;
  };
  // Every way to cut each curated word in two: whether a + b is one is then two map reads, no string made.
  const halves = new Map<string, Set<string>>();
  for (const w of curatedWords)
    for (let at = 1; at < w.length; at++) {
      const head = w.slice(0, at);
      const tails = halves.get(head);
      if (tails) tails.add(w.slice(at));
      else halves.set(head, new Set([w.slice(at)]));
    }
  const joins = (a: string, b: string): boolean => halves.get(a)?.has(b) === true;

  const unknownWords = new Map<string, UnknownWord>();
  const unknown = (word: string): UnknownWord => {
    let shape = unknownWords.get(word);
    if (shape === undefined) {
      shape = unknownWord(word, { known: knownWord, repair: repaired });
      if (unknownWords.size >= UNKNOWN_WORDS_KEPT) unknownWords.clear();
      unknownWords.set(word, shape);
    }
    return shape;
  };

  return Object.assign(naming, { repair: repaired, known: knownWord, curated: isCurated, joins, unknown });
}

import Fuse from 'fuse.js';
import { hashedSet } from './compact.js';
import { LIGHT_WORDS, STOPWORDS, stem } from './normalise.js';
import { once } from './once.js';

// Typo repair, one word at a time: a whole-question fuzzy search drowns the few words that matter in
// the many that do not. fuse.js proposes near words from the knowledge base's own vocabulary and a
// bounded edit distance decides, so a real word that merely resembles a known one ("cold" vs "could")
// is not rewritten into it.

/** Words shorter than this are left alone: one edit turns most short words into another real word
 *  ("bowl" -> "boil", "cold" -> "could"). */
const MIN_TYPO_LENGTH = 5;
/** Longer "words" are pasted junk, not typos; fuse.js also slows down sharply past 32 characters. */
const MAX_TYPO_LENGTH = 24;
/** How many fuse.js proposals per bucket the edit distance checks. */
const FUSE_CANDIDATES = 16;
/** Words shorter than this are only repaired to words with the same first letter. */
const SAME_START_BELOW = 7;
/** Known words are looked up for completion by this many first letters (at most MIN_TYPO_LENGTH + 1). */
const COMPLETION_KEY = 3;

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  // Candidates only; the edit distance below is the judge.
} as const;

/** Allowed Damerau-Levenshtein distance for a word of this length. */
export const maxEdits = (length: number): number => (length >= 8 ? 2 : length >= MIN_TYPO_LENGTH ? 1 : 0);

/** Whether `x` from `xi` on equals `y` from `yi` on. */
function sameTail(x: string, xi: number, y: string, yi: number): boolean {
  if (x.length - xi !== y.length - yi) return false;
  for (let k = 0; xi + k < x.length; k++) if (x[xi + k] !== y[yi + k]) return false;
  return true;
}

/** The distance when it is 0 or 1, else 2: one substitution, insertion, deletion or swap of neighbours. */
function withinOneEdit(a: string, b: string): number {
  if (a === b) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return 2;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length < long.length) return sameTail(short, i, long, i + 1) ? 1 : 2;
  if (sameTail(short, i + 1, long, i + 1)) return 1;
  const swapped = short[i] === long[i + 1] && short[i + 1] === long[i] && sameTail(short, i + 2, long, i + 2);
  return swapped ? 1 : 2;
}

/**
 * How many letters of `a` (counted with repeats) `b` lacks: no edit removes more than one of them and a
 * swap none, so this is a floor under the distance, counted without allocating.
 */
function surplus(a: string, b: string): number {
  let extra = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    // Each distinct letter once, at its first place in `a`.
    let first = true;
    for (let k = 0; k < i && first; k++) if (a.charCodeAt(k) === c) first = false;
    if (!first) continue;
    let inA = 1;
    for (let k = i + 1; k < a.length; k++) if (a.charCodeAt(k) === c) inA++;
    for (let k = 0; k < b.length && inA > 0; k++) if (b.charCodeAt(k) === c) inA--;
    extra += inA;
  }
  return extra;
}

/**
 * The letters a word has, one bit each (by character code modulo 32, so other characters share bits with
 * letters). Built once per word; two words' masks compared cost a few operations (see `mayBeWithin`).
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

/** How many bits are set (a 32-bit population count). */
function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * False when two words (given as `letterMask`s) are surely more than `limit` edits apart: every letter one
 * has and the other lacks takes an edit of its own (a swap moves letters, it never adds one). True says
 * nothing; `editDistance` decides. Never false for a pair within `limit`, so filtering by it changes no result.
 */
export function mayBeWithin(a: number, b: number, limit: number): boolean {
  return bitCount(a & ~b) <= limit && bitCount(b & ~a) <= limit;
}

/**
 * Optimal string alignment distance (transpositions count as one edit), exact up to `limit`; past it, some
 * number above `limit` (the search stops early).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Most calls ask "one typo or not?" (autocomplete on every keystroke): answered in one pass, no rows.
  if (limit <= 1) return Math.min(withinOneEdit(a, b), limit + 1);
  // Most pairs compared are far apart: their letters alone tell, before any row is allocated.
  if (surplus(a, b) > limit || surplus(b, a) > limit) return limit + 1;
  // Three rows, rotated: the one before the previous (for swaps), the previous and the current.
  const width = b.length + 1;
  let prevPrev = new Array<number>(width).fill(0);
  let prev = new Array<number>(width);
  let row = new Array<number>(width).fill(0);
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[b.length] as number;
}

/** The buckets a word of this length sits in: by first letter and by last letter. */
const bucketKeys = (word: string, length: number): [string, string] => [
  `^${word[0]}${length}`,
  `${word[word.length - 1]}$${length}`,
];

/** Four-letter words are repaired only into these (rare domain words such as "covid"), never into common ones. */
const SHORT_TYPO_LENGTH = 4;
/** Distinct words whose repair is remembered per corrector; past this the memory starts afresh. */
export const TYPO_CACHE_SIZE = 4096;

/**
 * Common English words one edit away from a word of the knowledge base: they are what the member meant,
 * not typos, and "repairing" them changes the question ("cancel" -> cancer, "flight" -> fight, "threat"
 * -> treat, "deleted" -> depleted, "fever" -> fewer). Found by running frequent words through the
 * corrector and keeping those it rewrote into a different word; inflections it merely normalises
 * ("kills" -> kill) are harmless and left out. Small on purpose: only words near the vocabulary matter.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `cancel cancelled canceled flight flights fright threat threats rise rises rising winner greet sheet sheets shell
spell smell smells boast flood trail sturdy clause project projects skill skills lighting sighting lever grace
manage holding molding deleted delete fever sweep bitter butter folds stick speak wealthy older
dinner banner dancer sight bright tight night nights might fell bell hose nose rose chose
mold gold bold fold hold told flock clock rail lancer cheat street praise farm charm store purse nurse
steep sheep silk bills hills mills dirt sigh thigh cynical clam chain waking raking pause defect
descend efficient tower flower mower toast coast ghost host brisk disk perm firm
versus flew bony river silver wrong rain gain peak`.split(/\s+/),
);

export interface TypoOptions {
  /** Words that always stay as typed: real words the vocabulary happens not to use. */
  keep?: Iterable<string>;
  /**
   * Rare, topic-specific words ("covid", "virus", "cells") that a four-letter word may be repaired
   * into: by adding one missing letter ("covd") or swapping two neighbours ("fule"). Substitutions are
   * not tried at that length: they turn real words into other real ones ("rise" -> "risk").
   */
  domain?: Iterable<string>;
  /** How many distinct words' repairs to remember. */
  cacheSize?: number;
  /**
   * Which words are one concept, for completing clipped words: "antiox" begins "antioxidant",
   * "antioxidants" and "antioxidative", one concept if the synonyms say so. Defaults to the stem.
   */
  family?: (word: string) => string;
}

/** A four-letter typo of `target`: one letter missing, or two neighbouring letters swapped. */
function shortTypoOf(word: string, target: string): boolean {
  if (word[0] !== target[0]) return false;
  if (target.length === word.length + 1) return editDistance(word, target, 1) === 1;
  if (target.length !== word.length) return false;
  let i = 0;
  while (i < word.length && word[i] === target[i]) i++;
  return (
    i < word.length - 1 &&
    word[i] === target[i + 1] &&
    word[i + 1] === target[i] &&
    word.slice(i + 2) === target.slice(i + 2)
  );
}

export interface TypoCorrector {
  /** The word itself when known or unfixable, else the closest known word. */
  correct(word: string): string;
}

/**
 * fuse.js indexes of the vocabulary, bucketed by first letter and by last letter (a typo rarely hits
 * both ends of a word) and by length (an allowed edit changes it by at most `maxEdits`). A repair then
 * searches a handful of tiny indexes, well under a millisecond even for a message full of unknown words.
 */
export function createTypoCorrector(vocabulary: Iterable<string>, options: TypoOptions = {}): TypoCorrector {
  const known = new Set<string>();
  for (const w of vocabulary) if (w && !STOPWORDS.has(w)) known.add(w);
  // Real words the knowledge base happens not to use ("produce") must not be "repaired" into ones it does.
  const leave = new Set(options.keep ?? [...LIGHT_WORDS, ...COMMON_WORDS]);
  const shortTargets = [...new Set(options.domain ?? [])].filter(
    (w) => (w.length === SHORT_TYPO_LENGTH || w.length === SHORT_TYPO_LENGTH + 1) && !STOPWORDS.has(w) && !leave.has(w),
  );
  // Per corrector, never global: shards and reloaded knowledge bases each keep their own.
  const cache = new Map<string, string>();
  const cacheSize = options.cacheSize ?? TYPO_CACHE_SIZE;
  // Longer stopwords are candidates too, so "agaist" becomes "against" (and is then dropped, not weighed).
  const candidates = [...known, ...[...STOPWORDS].filter((w) => w.length >= MIN_TYPO_LENGTH)];
  // The indexes below are built on the first word that needs them, not with the engine: most of a
  // process's start-up would otherwise go to buckets few questions ever search. Once built, only read.
  const groups = once(() => {
    const byKey = new Map<string, string[]>();
    for (const w of candidates) {
      if (w.length < MIN_TYPO_LENGTH - 1) continue;
      for (const key of bucketKeys(w, w.length)) {
        const list = byKey.get(key);
        if (list) list.push(w);
        else byKey.set(key, [w]);
      }
    }
    return byKey;
  });
  const buckets = new Map<string, Fuse<string>>();
  const bucket = (key: string, list: string[]): Fuse<string> => {
    const built = buckets.get(key);
    if (built) return built;
    const fuse = new Fuse(list, FUSE_OPTIONS, Fuse.createIndex([], list));
    buckets.set(key, fuse);
    return fuse;
  };
  // Each bucket's words with their letters, for the check below.
  const lettersOf = new Map<string, Int32Array>();
  const bucketLetters = (key: string, list: readonly string[]): Int32Array => {
    let letters = lettersOf.get(key);
    if (!letters) {
      letters = Int32Array.from(list, letterMask);
      lettersOf.set(key, letters);
    }
    return letters;
  };
  /**
   * Whether a bucket holds a word within `limit` edits of `word`. Every proposal fuse.js makes is held to
   * that distance, so a bucket without one can propose nothing that counts: fuse.js is not asked. Most
   * unknown words in chat are real words ("dangerous", "yesterday") with nothing that close.
   */
  const holdsNear = (key: string, list: readonly string[], word: string, limit: number): boolean => {
    const letters = bucketLetters(key, list);
    const mask = letterMask(word);
    for (let i = 0; i < list.length; i++) {
      const w = list[i] as string;
      if (Math.abs(w.length - word.length) > limit || !mayBeWithin(letters[i] as number, mask, limit)) continue;
      if (editDistance(word, w, limit) <= limit) return true;
    }
    return false;
  };
  // Symmetric deletion keys: every candidate with up to `maxEdits` of its letters deleted. Two words are
  // within k edits (insertions, deletions, substitutions, swaps) only if deleting at most k letters from
  // each makes them meet, so a word none of whose deletions is a key has no repair, and fuse.js need not
  // be asked at all. Most unknown words in chat are real words, not typos ("yesterday", "lurker").
  // Tens of thousands of keys: kept as hashes. A hash shared by chance only sends a word on to fuse.js
  // and the edit distance, which find no repair where no key truly matches, so answers do not change.
  const addDeletions = (w: string, depth: number, into: (key: string) => boolean | undefined): boolean => {
    if (into(w)) return true;
    if (depth === 0) return false;
    for (let i = 0; i < w.length; i++) {
      // Deleting either letter of a double gives the same word: skip the repeat.
      if (i > 0 && w[i] === w[i - 1]) continue;
      if (addDeletions(w.slice(0, i) + w.slice(i + 1), depth - 1, into)) return true;
    }
    return false;
  };
  const deletionKeys = once(() => {
    const keys: string[] = [];
    for (const w of candidates) {
      // A candidate is reachable from a word within the edits that word's length allows.
      const depth = maxEdits(w.length + 2);
      addDeletions(w, depth, (key) => {
        keys.push(key);
        return undefined;
      });
    }
    return hashedSet(keys);
  });
  const mayHaveRepair = (word: string, limit: number): boolean => {
    const keys = deletionKeys();
    return addDeletions(word, limit, (key) => keys.mayHave(key));
  };

  // Clipped words ("antiox", "bacter", "immunocomp"): the one known word, or word family, they begin. By
  // their first letters (a clipped word has at least COMPLETION_KEY of them), in the vocabulary's order.
  const completable = once(() => {
    const byStart = new Map<string, string[]>();
    for (const w of known) {
      if (w.length < MIN_TYPO_LENGTH + 2) continue;
      const key = w.slice(0, COMPLETION_KEY);
      const list = byStart.get(key);
      if (list) list.push(w);
      else byStart.set(key, [w]);
    }
    return byStart;
  });
  const family = options.family ?? stem;
  const completion = (word: string): string => {
    if (word.length < MIN_TYPO_LENGTH + 1) return word;
    let shortest: string | null = null;
    let concept: string | null = null;
    for (const w of completable().get(word.slice(0, COMPLETION_KEY)) ?? []) {
      if (w.length < word.length + 2 || !w.startsWith(word)) continue;
      const s = family(w);
      if (concept !== null && s !== concept) return word;
      concept = s;
      if (shortest === null || w.length < shortest.length) shortest = w;
    }
    return shortest ?? word;
  };

  const searchable = (word: string): Fuse<string>[] => {
    const limit = maxEdits(word.length);
    const found: Fuse<string>[] = [];
    for (let length = word.length - limit; length <= word.length + limit; length++)
      for (const key of bucketKeys(word, length)) {
        const list = groups().get(key);
        if (list && holdsNear(key, list, word, limit)) found.push(bucket(key, list));
      }
    return found;
  };

  const repairShort = (word: string): string => {
    for (const target of shortTargets) if (shortTypoOf(word, target)) return target;
    return word;
  };

  const repair = (word: string): string => {
    if (word.length === SHORT_TYPO_LENGTH) return repairShort(word);
    const limit = maxEdits(word.length);
    if (!mayHaveRepair(word, limit)) return completion(word);
    let best: { word: string; distance: number; score: number } | null = null;
    for (const bucket of searchable(word)) {
      for (const hit of bucket.search(word, { limit: FUSE_CANDIDATES })) {
        const distance = editDistance(word, hit.item, limit);
        if (distance > limit) continue;
        const score = hit.score ?? 1;
        const sameStart = hit.item[0] === word[0];
        // Typos rarely hit the first letter; in a short word a changed one is usually another word
        // ("nature" is not a misspelt "mature").
        if (!sameStart && word.length < SAME_START_BELOW) continue;
        // Fewer edits first, then a shared first letter, then fuse's score.
        const better =
          !best ||
          distance < best.distance ||
          (distance === best.distance && sameStart && best.word[0] !== word[0]) ||
          (distance === best.distance && sameStart === (best.word[0] === word[0]) && score < best.score);
        if (better) best = { word: hit.item, distance, score };
      }
    }
    return best ? best.word : completion(word);
  };

  return {
    correct(word: string): string {
      // Known words (most of any question) never reach fuse.js or the cache.
      if (word.length < SHORT_TYPO_LENGTH || word.length > MAX_TYPO_LENGTH || known.has(word)) return word;
      if (STOPWORDS.has(word) || leave.has(word) || /\d/.test(word)) return word;
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const repaired = repair(word);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(word, repaired);
      return repaired;
    },
  };
}

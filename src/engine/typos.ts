import Fuse from 'fuse.js';
import { LIGHT_WORDS, STOPWORDS } from './normalise.js';

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

const FUSE_OPTIONS = {
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.4,
  // Candidates only; the edit distance below is the judge.
} as const;

/** Allowed Damerau-Levenshtein distance for a word of this length. */
export const maxEdits = (length: number): number => (length >= 8 ? 2 : length >= MIN_TYPO_LENGTH ? 1 : 0);

/** Optimal string alignment distance (transpositions count as one edit), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/** The buckets a word of this length sits in: by first letter and by last letter. */
const bucketKeys = (word: string, length: number): [string, string] => [
  `^${word[0]}${length}`,
  `${word[word.length - 1]}$${length}`,
];

export interface TypoCorrector {
  /** The word itself when known or unfixable, else the closest known word. */
  correct(word: string): string;
}

/**
 * fuse.js indexes of the vocabulary, bucketed by first letter and by last letter (a typo rarely hits
 * both ends of a word) and by length (an allowed edit changes it by at most `maxEdits`). A repair then
 * searches a handful of tiny indexes, well under a millisecond even for a message full of unknown words.
 */
export function createTypoCorrector(vocabulary: Iterable<string>, keep: Iterable<string> = LIGHT_WORDS): TypoCorrector {
  const known = new Set<string>();
  for (const w of vocabulary) if (w && !STOPWORDS.has(w)) known.add(w);
  // Real words the knowledge base happens not to use ("produce") must not be "repaired" into ones it does.
  const leave = new Set(keep);
  const groups = new Map<string, string[]>();
  // Longer stopwords are candidates too, so "agaist" becomes "against" (and is then dropped, not weighed).
  const candidates = [...known, ...[...STOPWORDS].filter((w) => w.length >= MIN_TYPO_LENGTH)];
  for (const w of candidates) {
    if (w.length < MIN_TYPO_LENGTH - 1) continue;
    for (const key of bucketKeys(w, w.length)) groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const buckets = new Map<string, Fuse<string>>();
  for (const [key, list] of groups) buckets.set(key, new Fuse(list, FUSE_OPTIONS, Fuse.createIndex([], list)));
  const searchable = (word: string): Fuse<string>[] => {
    const limit = maxEdits(word.length);
    const found: Fuse<string>[] = [];
    for (let length = word.length - limit; length <= word.length + limit; length++)
      for (const key of bucketKeys(word, length)) {
        const bucket = buckets.get(key);
        if (bucket) found.push(bucket);
      }
    return found;
  };

  return {
    correct(word: string): string {
      if (word.length < MIN_TYPO_LENGTH || word.length > MAX_TYPO_LENGTH || known.has(word)) return word;
      if (STOPWORDS.has(word) || leave.has(word) || /\d/.test(word)) return word;
      const limit = maxEdits(word.length);
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
      return best ? best.word : word;
    },
  };
}

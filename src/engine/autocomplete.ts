import type { KnowledgeBase } from '../knowledge/types.js';
import type { DocInput } from './matcher.js';
import { normaliseText, STOPWORDS, stem, words } from './normalise.js';
import type { AutocompleteChoice } from './types.js';
import { editDistance } from './typos.js';

// Autocomplete for known questions and article sections. Discord allows 25 choices of at most 100
// characters (name and value), and the member is mid-word, so the last word counts as a prefix.

export const MAX_CHOICES = 25;
export const MAX_CHOICE_CHARS = 100;
/** Shown before the member types anything: the first phrasing of the first few topics. */
const PINNED = 5;

/** "imun" is one edit from the start of "immune": a typo in the word being typed. */
const nearPrefix = (typed: string, word: string): boolean =>
  editDistance(typed, word.slice(0, typed.length), 1) <= 1 ||
  editDistance(typed, word.slice(0, typed.length + 1), 1) <= 1;

export const clip = (s: string, max = MAX_CHOICE_CHARS): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

interface Candidate {
  text: string;
  /** Stems of the question's words, and its normalised text for prefix matches. */
  stems: string[];
  normalised: string;
  /** The question's words, split once here rather than per keystroke. */
  words: string[];
  /** Position of the topic, then of the phrasing: earlier is better on ties. */
  order: number;
}

/** What a candidate shares with the last, unfinished word, and whether its text starts with all that was typed. */
const STARTS_LAST = 1;
const HAS_LAST_STEM = 2;
const NEAR_LAST = 4;
const STARTS_TEXT = 8;

/** Where the first string of a sorted array at or after `key` is (binary search). */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each key's candidates, by number, ascending and once each. */
function listBy(candidates: readonly Candidate[], keys: (c: Candidate) => readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    for (const key of keys(c)) {
      const list = out.get(key);
      if (list === undefined) out.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return out;
}

export function createQuestionAutocomplete(
  docs: readonly DocInput[],
  correct: (word: string) => string,
): (partial: string) => AutocompleteChoice[] {
  const candidates: Candidate[] = [];
  docs.forEach((doc, d) => {
    doc.questions.forEach((q, p) => {
      const normalised = normaliseText(q);
      const ws = words(normalised);
      candidates.push({ text: q, stems: ws.map(stem), normalised, words: ws, order: d * 100 + p });
    });
  });
  // Indexes, so a keystroke scores only the candidates that share something with it (a score above 0):
  // the candidates of each stem and word, the words in order (a typed prefix is a range of them), and the
  // candidates in order of their text (so are the ones that start with what was typed).
  const byStem = listBy(candidates, (c) => c.stems);
  const byWord = listBy(candidates, (c) => c.words);
  const vocabulary = [...byWord.keys()].sort();
  const byText = candidates
    .map((_, i) => i)
    .sort((a, b) => {
      const x = (candidates[a] as Candidate).normalised;
      const y = (candidates[b] as Candidate).normalised;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  const texts = byText.map((i) => (candidates[i] as Candidate).normalised);
  const pinned = docs.slice(0, PINNED).flatMap((d) => (d.questions[0] ? [d.questions[0]] : []));
  const choice = (text: string): AutocompleteChoice => ({ name: clip(text), value: clip(text) });

  return (partial: string) => {
    const normalised = normaliseText(partial);
    const typed = words(normalised);
    if (!typed.length) return pinned.map(choice);
    const endsMidWord = /[\p{L}\p{N}]$/u.test(partial.trimEnd()) && !/\s$/.test(partial);
    const last = endsMidWord ? typed[typed.length - 1] : undefined;
    const full = (last ? typed.slice(0, -1) : typed).filter((w) => !STOPWORDS.has(w));
    const fullStems = full.map((w) => stem(correct(w)));
    // Once per keystroke, not once per candidate question.
    const lastStem = last && last.length >= 4 ? stem(correct(last)) : undefined;

    // What each candidate shares with the keystroke, read from the indexes rather than tested candidate by
    // candidate: how many typed stems it has, and flags for the last word (see the ones below).
    const stems = new Array<number>(candidates.length).fill(0);
    const flags = new Uint8Array(candidates.length);
    for (const s of fullStems) for (const i of byStem.get(s) ?? []) stems[i] = (stems[i] as number) + 1;
    const flag = (list: readonly number[] | undefined, bit: number) => {
      if (list !== undefined) for (const i of list) flags[i] = (flags[i] as number) | bit;
    };
    if (last) {
      for (let k = lowerBound(vocabulary, last); vocabulary[k]?.startsWith(last); k++)
        flag(byWord.get(vocabulary[k] as string), STARTS_LAST);
      if (lastStem !== undefined) flag(byStem.get(lastStem), HAS_LAST_STEM);
      // Near prefixes by distinct word, not by every word of every candidate.
      if (last.length >= 3) for (const w of vocabulary) if (nearPrefix(last, w)) flag(byWord.get(w), NEAR_LAST);
    }
    for (let k = lowerBound(texts, normalised); texts[k]?.startsWith(normalised); k++)
      flag([byText[k] as number], STARTS_TEXT);

    // Only what can make the cut (half of what was typed) is sorted: the same choices, in the same order.
    const wanted = fullStems.length + (last ? 1 : 0);
    const scored: { c: Candidate; score: number }[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const f = flags[i] as number;
      if (f === 0 && stems[i] === 0) continue;
      let score = stems[i] as number;
      if (f & STARTS_LAST) score += 1;
      else if (f & HAS_LAST_STEM) score += 0.8;
      else if (f & NEAR_LAST) score += 0.7;
      if (f & STARTS_TEXT) score += 0.5;
      if (score > 0 && score >= wanted / 2) scored.push({ c: candidates[i] as Candidate, score });
    }
    scored.sort((a, b) => b.score - a.score || a.c.order - b.c.order);
    const seen = new Set<string>();
    const out: AutocompleteChoice[] = [];
    for (const { c } of scored) {
      const key = c.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(choice(c.text));
      if (out.length === MAX_CHOICES) break;
    }
    return out;
  };
}

export function sectionChoices(kb: KnowledgeBase, partial: string): AutocompleteChoice[] {
  const typed = words(normaliseText(partial));
  const sections = kb.article.resolvedSections.filter((s) => {
    if (!typed.length) return true;
    const haystack = words(normaliseText(`${s.title} ${s.heading ?? ''} ${s.id.replace(/-/g, ' ')}`));
    return typed.every((t) => haystack.some((h) => h.startsWith(t) || stem(h) === stem(t)));
  });
  return sections.slice(0, MAX_CHOICES).map((s) => ({ name: clip(s.title), value: clip(s.id) }));
}

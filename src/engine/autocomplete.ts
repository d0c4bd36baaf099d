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

    const scored: { c: Candidate; score: number }[] = [];
    for (const c of candidates) {
      let score = 0;
      for (const s of fullStems) if (c.stems.includes(s)) score += 1;
      if (last) {
        const lastWords = c.words;
        if (lastWords.some((w) => w.startsWith(last))) score += 1;
        else if (lastStem !== undefined && c.stems.includes(lastStem)) score += 0.8;
        else if (last.length >= 3 && lastWords.some((w) => nearPrefix(last, w))) score += 0.7;
      }
      if (c.normalised.startsWith(normalised)) score += 0.5;
      if (score > 0) scored.push({ c, score });
    }
    const wanted = fullStems.length + (last ? 1 : 0);
    scored.sort((a, b) => b.score - a.score || a.c.order - b.c.order);
    const seen = new Set<string>();
    const out: AutocompleteChoice[] = [];
    for (const { c, score } of scored) {
      // Keep only choices that match at least half of what was typed.
      if (score < wanted / 2) break;
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

import type { EngineContext } from './context.js';
import { createNeighbourhood, type Neighbourhood } from './follow-up-neighbours.js';
import { analyse, normaliseText, words } from './normalise.js';

// "Which diseases?", "what infections?", "like what functions": a follow-up asking which ones wants the
// sentence that lists them ("... infections including COVID-19", "... diseases ... such as cancer"). Read
// from the quotes once: for each topic, the terms a quote names shortly before a word that lists examples.

/**
 * Words (normalised, as phrases) that start a list of examples after the thing they are examples of, or
 * the name of the one meant ("a virus protein called disulfide isomerase": "which protein?").
 */
export const EXAMPLE_MARKERS: readonly string[] = [
  'called',
  'known as',
  'named',
  'including',
  'such as',
  'like',
  'especially',
  'particularly',
  'for example',
  'for instance',
  'eg',
  'namely',
];

/** How many words may stand between a thing and its list ("diseases linked to inflammation ... such as"). */
export const EXAMPLE_WINDOW = 8;

export interface Examples {
  /** Whether one of the topic's quotes lists examples of every one of these terms. */
  lists(id: string, terms: readonly string[]): boolean;
  /**
   * The topic whose quotes list examples of `terms`: the last topic, else its related ones, else any topic,
   * ranked with the last question's terms (`asked`). Null when no quote lists them.
   */
  choose(last: string, related: readonly string[], terms: readonly string[], asked: readonly string[]): string | null;
}

export function createExamples(
  ctx: EngineContext,
  neighbours: Neighbourhood = createNeighbourhood(ctx.kb, ctx.index),
): Examples {
  const listed = new Map(
    ctx.kb.entries.map((e) => {
      const terms = new Set<string>();
      for (const q of e.quotes) for (const t of listedTerms(q.text, (w) => termsOfWord(ctx, w))) terms.add(t);
      return [e.id, terms] as const;
    }),
  );
  const lists = (id: string, terms: readonly string[]): boolean =>
    terms.length > 0 && terms.every((t) => listed.get(id)?.has(t) ?? false);
  return {
    lists,
    choose: (last, related, terms, asked) =>
      terms.length ? neighbours.nearest(last, related, [...terms, ...asked], (id) => lists(id, terms)) : null,
  };
}

/** A word's terms and stems as the engine reads them (a word alone: a phrase would take its neighbours). */
function termsOfWord(ctx: EngineContext, word: string): string[] {
  const read = analyse(word, ctx.lexicon, undefined, ctx.stemOf);
  return [...read.terms, ...read.stems];
}

/**
 * The terms of a text that come shortly before an example marker in the same clause: in "protection against
 * a wide range of infections including influenza", "infections" (and "range", "protection"...) are listed.
 */
export function listedTerms(text: string, termsOf: (word: string) => readonly string[]): string[] {
  const out: string[] = [];
  for (const sentence of text.split(/[.;:!?]/)) {
    const ws = words(normaliseText(sentence));
    const markers = ws.flatMap((_, i) => (EXAMPLE_MARKERS.some((m) => startsAt(ws, i, m)) ? [i] : []));
    for (const at of markers)
      for (let i = Math.max(0, at - EXAMPLE_WINDOW); i < at; i++) out.push(...termsOf(ws[i] as string));
  }
  return out;
}

const startsAt = (ws: readonly string[], i: number, phrase: string): boolean =>
  phrase.split(' ').every((p, k) => ws[i + k] === p);

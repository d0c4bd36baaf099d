// How much a curated phrasing's words may explain of a question. Phrasings are written the way members
// talk, so each one brings words of its own that say how someone asks, not what the topic is ("what did
// scientists discover about how selenium works in cells"): the more phrasings an entry has, the more such
// words it owns, and the more off-topic messages share one of them ("who discovered selenium").

import { MATCH_CONFIG } from './match-config.js';

/**
 * Most a lone word explains of a question, as a field weight: a word that only one story-like phrasing
 * of the whole knowledge base uses, and no title, keyword or quote. Such a word already has no idf (the
 * question weighs it as a word the knowledge base does not know, see establishedTerms); this keeps the one
 * phrasing from explaining it away, so a message sharing only that word with an entry stays out of scope.
 * Tuned with the matcher's other numbers, in match-config.ts.
 */
export const LONE_WORD_WEIGHT = MATCH_CONFIG.loneWordWeight;

/** Caps every document's lone words (terms not in `established`) at LONE_WORD_WEIGHT, in place. */
export function capLoneWords(
  docs: readonly { fields: ReadonlyMap<string, { weight: number }> }[],
  established: ReadonlySet<string>,
): void {
  for (const doc of docs)
    for (const [term, field] of doc.fields)
      if (!established.has(term)) field.weight = Math.min(field.weight, LONE_WORD_WEIGHT);
}

/** A number on its own, as the analyser leaves it ("3", "200"). */
const NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * A phrasing's terms to index: without bare numbers. A number in a phrasing is the amount a member states
 * ("i drink like 3 glasses", "in 3 points"), not a topic; indexed, it would become the knowledge base's
 * vocabulary, and every message stating that amount ("3 UTIs this year") would weigh it as a topic word
 * the entry explains. The article's own figures ("11%", "8 mcg") stay indexed through the quotes.
 */
export function termsToIndex(terms: readonly string[]): string[] {
  return terms.filter((t) => !NUMBER.test(t));
}

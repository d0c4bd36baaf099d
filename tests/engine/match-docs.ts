import type { DocInput } from '../../src/engine/matcher.js';
import { analyse, compileLexicon } from '../../src/engine/normalise.js';

// Small hand-made knowledge bases for the matcher's own tests: no synonyms, no out-of-scope terms, so what
// is scored is exactly the words written.

export const lexicon = compileLexicon({ synonyms: [], outOfScope: [] });

/** A message's terms as the matcher receives them. */
export const terms = (q: string): string[] => analyse(q, lexicon).terms;

/** An entry with these phrasings (the first is its suggested question) and nothing else unless given. */
export const doc = (id: string, questions: string[], extra: Partial<DocInput> = {}): DocInput => ({
  id,
  kind: 'entry',
  title: id,
  question: questions[0] ?? id,
  questions,
  keywords: [],
  titleText: id,
  quotes: [],
  ...extra,
});

import type { KnowledgeBase } from '../knowledge/types.js';
import { createContext } from './context.js';
import { createRanker } from './match.js';
import { createUnderstander } from './understand.js';

// The knowledge base's consistency with itself: each curated phrasing, asked as a question, should rank
// its own entry first. One that ranks a neighbour first is a question the curators filed under one topic
// while the matcher reads it as another's: a phrasing that belongs to the neighbour (move it), a duplicate
// across two entries (keep one), or a scoring weakness (fix it in general). Curators list them with the
// consistency test (tests/knowledge/phrasing-consistency.test.ts), whose ceiling may only go down.

export interface MisrankedPhrasing {
  /** The entry the phrasing is curated under. */
  entryId: string;
  phrasing: string;
  /** The entry the match stage ranks first for it (null: nothing matched). */
  rankedFirst: string | null;
}

/** Every curated phrasing whose own entry is not the first the match stage ranks for it, in file order. */
export function misrankedPhrasings(kb: KnowledgeBase): MisrankedPhrasing[] {
  const ctx = createContext(kb);
  const understand = createUnderstander(ctx);
  const rank = createRanker(ctx);
  const out: MisrankedPhrasing[] = [];
  for (const entry of kb.entries)
    for (const phrasing of entry.questions) {
      const first = rank(phrasing, understand.analyseQuestion(phrasing).terms)[0]?.doc.id ?? null;
      if (first !== entry.id) out.push({ entryId: entry.id, phrasing, rankedFirst: first });
    }
  return out;
}

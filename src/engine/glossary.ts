import type { KnowledgeBase } from '../knowledge/types.js';
import { analyseStems } from './normalise.js';
import type { Citation, GlossaryCitation } from './types.js';

// Terms the article uses without explaining ("selenoproteins", "ROS"), defined in plain words by curators,
// each with its own source: shown after the quotes of any answer whose quotes use the term, whichever entry
// the definition is filed under.

/** Words a term's parts may be apart in a quote: "innate immunity" is in "innate and adaptive immunity". */
const MAX_GAP = 2;

/** The ways a term may be written: "ROS (reactive oxygen species)" is "ROS" or "reactive oxygen species". */
const spellings = (term: string): string[][] =>
  term
    .split(/[()]/)
    .map((t) => analyseStems(t))
    .filter((s) => s.length > 0);

/** Whether the stems of a spelling appear in order in a quote's stems, at most MAX_GAP words apart. */
function appearsIn(spelling: readonly string[], quote: readonly string[]): boolean {
  for (let start = 0; start < quote.length; start++) {
    if (quote[start] !== spelling[0]) continue;
    let at = start;
    let k = 1;
    for (; k < spelling.length; k++) {
      const next = quote.indexOf(spelling[k] as string, at + 1);
      if (next < 0 || next - at - 1 > MAX_GAP) break;
      at = next;
    }
    if (k === spelling.length) return true;
  }
  return false;
}

export type GlossaryFinder = (citations: readonly Citation[]) => GlossaryCitation[];

/** Built once per knowledge base: the glossary notes whose term appears in the article quotes given. */
export function createGlossary(kb: KnowledgeBase): GlossaryFinder {
  const titles = new Map(kb.references.map((r) => [r.id, r]));
  const notes = kb.entries
    .flatMap((e) => e.glossary ?? [])
    .map((note) => ({ note, spellings: spellings(note.term) }))
    .filter((n) => n.spellings.length > 0);
  return (citations) => {
    const quotes = citations.filter((c) => c.kind === 'quote').map((c) => analyseStems(c.quote));
    const seen = new Set<string>();
    const found: GlossaryCitation[] = [];
    for (const { note, spellings: ways } of notes) {
      const key = note.term.toLowerCase();
      if (seen.has(key) || !ways.some((w) => quotes.some((q) => appearsIn(w, q)))) continue;
      seen.add(key);
      const ref = titles.get(note.sourceId);
      found.push({
        term: note.term,
        definition: note.text,
        sourceId: note.sourceId,
        sourceTitle: ref?.title ?? note.sourceId,
        url: ref?.url ?? null,
      });
    }
    return found;
  };
}

import type { KnowledgeBase } from '../knowledge/types.js';
import { normaliseText } from './normalise.js';
import { ordinalNumber, readerSections, sectionNumbered } from './structure.js';

// Questions about the article's layout in a conversation: "what's in the first section", "and the next
// one?", "what comes after that", "the last part". The article's sections as a reader sees them are the
// ones under a heading of their own (the title heads the whole article, not a section), in reading order;
// each is answered with the topic that quotes its opening sentence.

/** Words naming a part of the article. */
const SECTION_WORDS = new Set('section sections part parts heading headings chapter chapters'.split(' '));

const SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const NEXT_WORDS = new Set(['next', 'after', 'following', 'then']);
const PREVIOUS_WORDS = new Set(['previous', 'before', 'prior', 'preceding']);

/** Where a message points in the article's sections: a number of the reader's numbering (-1 the last), or a step. */
export type SectionStep = { at: number } | { by: 1 | -1 };

/**
 * The step a message asks for, from its words (normalised): an ordinal or "last" beside a section word, or
 * "next"/"after"/"previous" when the message or the last question (`lastWords`) is about sections.
 */
export function sectionStep(ws: readonly string[], lastWords: readonly string[] = []): SectionStep | null {
  const aboutSections = ws.some((w) => SECTION_WORDS.has(w));
  const sectionTalk = aboutSections || lastWords.some((w) => SECTION_WORDS.has(w));
  if (aboutSections) {
    for (const [i, w] of ws.entries()) {
      // "2nd" is read as "2 nd"; "section 3" names its number after the word.
      const numbered = /^\d$/.test(w) && (SUFFIXES.has(ws[i + 1] ?? '') || SECTION_WORDS.has(ws[i - 1] ?? ''));
      const n = ordinalNumber(w) ?? (numbered ? Number(w) : undefined);
      if (n !== undefined) return { at: n };
    }
  }
  if (!sectionTalk) return null;
  if (ws.some((w) => NEXT_WORDS.has(w))) return { by: 1 };
  if (ws.some((w) => PREVIOUS_WORDS.has(w))) return { by: -1 };
  return null;
}

export interface Sections {
  /** Topic ids answering each reader section, in reading order (null for a section no topic quotes). */
  readonly topics: readonly (string | null)[];
  /** The topic a step lands on, from the last answered topic (`from`) for "next" and "previous". */
  follow(step: SectionStep, from: string | null): string | null;
}

export function createSections(kb: KnowledgeBase): Sections {
  const headed = readerSections(kb.article);
  const opener = (sectionId: string, start: string): string | undefined => {
    const begins = normaliseText(start);
    const quoted = kb.entries.filter((e) => e.quotes.some((q) => q.section === sectionId));
    const first = quoted.find((e) => {
      const q = e.quotes.find((x) => x.section === sectionId);
      const said = normaliseText(q?.text ?? '');
      return said.startsWith(begins) || begins.startsWith(said);
    });
    // Without a topic opening it, the one quoting most of the section.
    const most = (e: (typeof quoted)[number]) => e.quotes.filter((q) => q.section === sectionId).length;
    return first?.id ?? [...quoted].sort((a, b) => most(b) - most(a))[0]?.id;
  };
  // One per reader section, so "section 3" here is section 3 of structure.ts's numbering.
  const topics = headed.map((s) => opener(s.id, s.start) ?? null);
  // The reader section each topic quotes first, for "next" and "previous".
  const sectionOf = new Map(
    kb.entries.map((e) => [e.id, headed.findIndex((s) => e.quotes.some((q) => q.section === s.id))] as const),
  );
  return {
    topics,
    follow(step, from) {
      if ('at' in step) return sectionNumbered(topics, step.at) ?? null;
      const opens = from === null ? -1 : topics.indexOf(from);
      const here = opens >= 0 ? opens : from === null ? -1 : (sectionOf.get(from) ?? -1);
      if (here < 0) return null;
      return topics[here + step.by] ?? null;
    },
  };
}

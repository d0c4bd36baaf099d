import type { KnowledgeBase, ResolvedSection } from '../knowledge/types.js';
import { articleTextAnswer, quoteCitation } from './answer.js';
import { type Normalise, normaliseText, STOPWORDS, words } from './normalise.js';
import type { Answer, Citation } from './types.js';
import { LENGTH_WORDS, ORDINAL_WORDS, STRUCTURE_FILLER, STRUCTURE_WORDS } from './vocabulary.js';

// Questions about the article's shape rather than its claims: its headings in order, its length, and what
// one of its parts ("the first section") says. Answered from the article's own text: headings and opening
// sentences are quoted, the length is counted, and a part's summary is labelled as Selene's.

/** Reading speed for the "minutes to read" figure: a relaxed adult pace for a health text. */
const WORDS_PER_MINUTE = 200;
/** Sentences quoted from a part asked for by position: its opening, enough to show what it is about. */
const PART_OPENING_SENTENCES = 2;

/**
 * The article's sections as a reader counts them: the ones under a heading of their own (the title heads
 * the whole article, not a section), in reading order. The opening paragraph before the first heading is
 * no numbered section, as the outline says ("after an opening paragraph, its headings are"). One numbering
 * for every question by position: "the first section" here and in a conversation (follow-up-sections.ts).
 */
export function readerSections(article: KnowledgeBase['article']): ResolvedSection[] {
  const text = normaliseText(article.text);
  const title = normaliseText(article.title);
  return article.resolvedSections
    .filter((s) => s.heading !== undefined && normaliseText(s.heading) !== title)
    .map((s) => ({ s, at: text.indexOf(normaliseText(s.start)) }))
    .sort((a, b) => a.at - b.at)
    .map(({ s }) => s);
}

/** Section `n` of a reader's numbering (1-based; -1 the last, -2 the one before), or undefined. */
export function sectionNumbered<T>(sections: readonly T[], n: number): T | undefined {
  if (n === 0 || !Number.isInteger(n)) return undefined;
  return n < 0 ? sections.at(n) : sections[n - 1];
}

// A map, not the record itself: a message's every word is looked up, and "constructor" is no position.
const ORDINALS: ReadonlyMap<string, number> = new Map(Object.entries(ORDINAL_WORDS));

/** A position word's number in the reader's numbering (-1 the last), or undefined. */
export const ordinalNumber = (word: string): number | undefined => ORDINALS.get(word);

/** The word for a position ("first" for 1), the first ORDINAL_WORDS gives it. */
const positionName = new Map(
  Object.entries(ORDINAL_WORDS)
    .reverse()
    .map(([word, n]) => [n, word] as const),
);

const wordSet = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
const structureWords = wordSet(STRUCTURE_WORDS);
/** Words that only qualify the sections asked for ("the main sections", "all the key parts"): no topic. */
const qualifierWords = wordSet('main key major big important different all various');
const lengthWords = wordSet(LENGTH_WORDS);
const fillerWords = wordSet(STRUCTURE_FILLER);

export interface StructureQuestions {
  /** The answer to a question about the article's layout, length or a part by position; null otherwise. */
  answer(message: string, normalise?: Normalise): Answer | null;
}

export function createStructureQuestions(kb: KnowledgeBase): StructureQuestions {
  const sections = kb.article.resolvedSections;
  const headed = sections.filter((s) => s.heading);
  const parts = readerSections(kb.article);
  // Counted on the raw text: normaliseText cuts a message to the length of a question.
  const wordCount = kb.article.text.split(/\s+/).filter(Boolean).length;
  const minutes = Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));

  const cite = (s: ResolvedSection, text: string): Citation => quoteCitation(kb, text, s.title);
  const answer = articleTextAnswer;

  function outline(): Answer {
    const headings = headed.map((s) => `“${s.heading}”`).join(', ');
    return answer(
      `The article is about ${wordCount} words, a ${minutes}-minute read. After an opening paragraph, its headings are, in order: ${headings}.`,
      headed.map((s) => cite(s, s.heading as string)),
    );
  }

  function part(n: number): Answer | null {
    const s = sectionNumbered(parts, n);
    if (!s) return null;
    const position = positionName.get(n) ?? `number ${n}`;
    const opening = s.text
      .split(/(?<=[.!?:])\s+/)
      .filter((t) => t.length > 0 && t !== s.heading)
      .slice(0, PART_OPENING_SENTENCES);
    const quotes = opening.map((t) => `“${t}”`).join(' ');
    return answer(
      `The article's ${position} part (${s.title}) opens: ${quotes} Selene's summary of it: ${s.summary}`,
      opening.map((t) => cite(s, t)),
    );
  }

  return {
    answer(message, normalise = normaliseText) {
      const ws = words(normalise(message));
      const asksStructure = ws.some((w) => structureWords.has(w));
      const asksLength = ws.some((w) => lengthWords.has(w));
      if (!asksStructure && !asksLength) return null;
      const ordinal = ws.map(ordinalNumber).find((n) => n !== undefined);
      // Any word besides these names what is asked about ("which section talks about covid"): a topic.
      const known = (w: string) =>
        STOPWORDS.has(w) ||
        structureWords.has(w) ||
        lengthWords.has(w) ||
        fillerWords.has(w) ||
        qualifierWords.has(w) ||
        ORDINALS.has(w);
      if (!ws.every(known)) return null;
      if (ordinal !== undefined && asksStructure) return part(ordinal);
      return outline();
    },
  };
}

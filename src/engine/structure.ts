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
/** Sections that are no part of the article's flow: its title and an image caption. */
const NOT_PARTS = new Set(['article-title', 'milk-caption']);

const wordSet = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
const structureWords = wordSet(STRUCTURE_WORDS);
const lengthWords = wordSet(LENGTH_WORDS);
const fillerWords = wordSet(STRUCTURE_FILLER);

export interface StructureQuestions {
  /** The answer to a question about the article's layout, length or a part by position; null otherwise. */
  answer(message: string, normalise?: Normalise): Answer | null;
}

export function createStructureQuestions(kb: KnowledgeBase): StructureQuestions {
  const sections = kb.article.resolvedSections;
  const headed = sections.filter((s) => s.heading);
  const parts = sections.filter((s) => !NOT_PARTS.has(s.id));
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

  function part(index: number): Answer | null {
    const s = index < 0 ? parts.at(index) : parts[index];
    if (!s) return null;
    const position = index < 0 ? 'last' : ['first', 'second', 'third', 'fourth', 'fifth'][index];
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
      const ordinal = ws.map((w) => ORDINAL_WORDS[w]).find((n) => n !== undefined);
      if (!asksStructure && !asksLength) return null;
      // Any word besides these names what is asked about ("which section talks about covid"): a topic.
      const known = (w: string) =>
        STOPWORDS.has(w) || structureWords.has(w) || lengthWords.has(w) || fillerWords.has(w) || w in ORDINAL_WORDS;
      if (!ws.every(known)) return null;
      if (ordinal !== undefined && asksStructure) return part(ordinal);
      return outline();
    },
  };
}

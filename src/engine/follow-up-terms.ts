import type { EngineContext } from './context.js';
import { FOLLOW_UP_EXTRA_WORDS, neutral, type Subject } from './follow-up-cues.js';
import { referent } from './follow-up-pronouns.js';
import { type Analysed, analyse } from './normalise.js';
import type { Turn } from './types.js';
import type { Understander } from './understand.js';
import {
  DOCUMENT_WORDS,
  FOLLOW_UP_FILLER,
  FOLLOW_UP_WORDS,
  FOOD_FRAME_WORDS,
  MAX_REFINING_TERMS,
  SELENIUM_WORDS,
} from './vocabulary.js';

// What a follow-up names, as the knowledge base's terms: the readings every step of the follow-up stage
// (follow-up.ts) asks of a message or of the last turn, built once per engine.

export interface FollowUpTerms {
  /** Terms that name something: not topic-neutral, not an amount, not selenium, not a follow-up word. */
  own(q: Analysed): string[];
  /** Whether a word, read alone as typed, names something (has an own term): "covid", "immune", not "does". */
  names(w: string): boolean;
  /** The last question's own terms (its topic words, none of a follow-up's). */
  askedOf(turn: Turn): string[];
  /** What a message names on its own: counts of its own terms, topic names and unknown words. */
  subjectOf(q: Analysed): Subject;
  /** What "it" after this turn stands for (see follow-up-pronouns.ts). */
  subjectAfter(turn: Turn): ReturnType<typeof referent>;
  /** The terms the knowledge base knows a word by, read as typed (no typo repair): none for a word it never uses. */
  known(w: string): string[];
  /** A word the knowledge base uses, a food it lists, or one that names nothing (read alone, typos repaired). */
  used(w: string): boolean;
  /** A word that, read alone, names a topic of the knowledge base and nothing out of scope. */
  namesTopicAlone(w: string): boolean;
  /** A food question's frame ("how many cups", "per serving", "eat"): what an amount of the last food may say. */
  foodFrame: ReadonlySet<string>;
  /** What each entry's quotes say, as terms and stems: what a member has read in its answer. */
  quoteTerms: ReadonlyMap<string, ReadonlySet<string>>;
}

export function createFollowUpTerms(ctx: EngineContext, understand: Understander): FollowUpTerms {
  const { index, router, limitTerms, lexicon } = ctx;
  const read = (text: string) => analyse(text, lexicon, undefined, ctx.stemOf);
  // Word by word: read as one text, neighbours would form synonym phrases of their own.
  const quiet = new Set(
    [...`${FOLLOW_UP_WORDS} ${FOLLOW_UP_FILLER} ${SELENIUM_WORDS}`.split(/\s+/), ...FOLLOW_UP_EXTRA_WORDS].flatMap(
      (w) => read(w).terms,
    ),
  );
  const own = (q: Analysed): string[] =>
    q.terms.filter((t) => !index.lightTerms.has(t) && !limitTerms.has(t) && !quiet.has(t));
  // Stems too: a synonym phrase takes its words into one term ("immune functions" is "immune" alone).
  const quoteTerms = new Map(
    ctx.kb.entries.map((e) => {
      const said = read(e.quotes.map((x) => x.text).join(' '));
      return [e.id, new Set([...said.terms, ...said.stems])];
    }),
  );
  return {
    own,
    names: (w) => own(read(w)).length > 0,
    askedOf: (turn) => own(understand.analyseQuestion(turn.topic)),
    subjectOf(q) {
      const mine = own(q);
      return {
        offTopic: router.outOfScope(q.original, q.words).length > 0,
        own: mine.length,
        topics: mine.filter((t) => index.topicTerms.has(t)).length,
        unknown: mine.filter((t) => !index.idf.has(t)).length,
      };
    },
    subjectAfter(turn) {
      const q = understand.analyseQuestion(turn.topic);
      const named = (w: string) => !neutral(w) && !seleniumWords.has(w) && !DOCUMENT_WORDS.has(w);
      return referent(q.words, own(q).length, (w) => seleniumWords.has(w), named, MAX_REFINING_TERMS);
    },
    known: (w) => read(w).terms.filter((t) => index.idf.has(t)),
    used: (w) =>
      neutral(w) ||
      understand.analyseQuestion(w).terms.every((t) => index.idf.has(t) || quiet.has(t)) ||
      ctx.foods.lookup(w).found,
    namesTopicAlone(w) {
      const q = understand.analyseQuestion(w);
      return (
        q.terms.length > 0 &&
        q.terms.every((t) => index.topicTerms.has(t)) &&
        !router.outOfScope(q.original, q.words).length
      );
    },
    foodFrame: new Set(read(FOOD_FRAME_WORDS).terms),
    quoteTerms,
  };
}

const seleniumWords = new Set(SELENIUM_WORDS.split(' '));

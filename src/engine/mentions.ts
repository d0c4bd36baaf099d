import { DISCLAIMER, quoteCitation, refusal } from './answer.js';
import type { EngineContext } from './context.js';
import { analyse, findOutOfScope, normaliseText, STOPWORDS, words } from './normalise.js';
import type { Answer } from './types.js';
import { MENTION_FILLER, MENTION_QUESTIONS } from './vocabulary.js';

// Questions about the article's own text: "is cancer mentioned?", "does it say anything about bacteria?".
// Asked only when no curated topic answers: a yes quotes the article's sentences that name it (synonyms
// count, via the lexicon), and a no says honestly that the article does not mention it.

/** Sentences quoted for a yes: enough to show the mention, short enough to read. */
const MAX_MENTION_QUOTES = 2;
/** What a mention question may ask about: a few words, not a whole question. */
const MAX_SUBJECT_WORDS = 5;

/** A question word before the mention phrase. */
const ASKS_WHAT = /(?:^| )(?:what|whats|how|why|when)(?= |$)/;

interface Sentence {
  text: string;
  section: string;
  terms: ReadonlySet<string>;
}

export interface MentionCheck {
  /** The answer to a mention question (yes with quotes, or an honest no), or null for another question. */
  answer(message: string): Answer | null;
}

export function createMentionCheck(ctx: EngineContext): MentionCheck {
  const { kb, lexicon, stemOf, index } = ctx;
  const filler = new Set(words(MENTION_FILLER));
  const sentences: Sentence[] = kb.article.resolvedSections.flatMap((s) =>
    s.text
      .split(/(?<=[.!?])\s+/)
      .filter((t) => t.length > 0)
      .map((text) => ({ text, section: s.title, terms: new Set(analyse(text, lexicon, undefined, stemOf).terms) })),
  );

  function subjectOf(message: string): string | null {
    const ws = words(normaliseText(message));
    const text = ws.join(' ');
    for (const pattern of MENTION_QUESTIONS) {
      const m = pattern.exec(text);
      // "What does it say about X" asks for what it says, which the topics answer, not whether it does.
      if (!m?.[1] || ASKS_WHAT.test(text.slice(0, m.index + 1))) continue;
      const subject = words(m[1]).filter((w) => !filler.has(w));
      while (subject.length && STOPWORDS.has(subject[0] as string)) subject.shift();
      if (subject.length && subject.length <= MAX_SUBJECT_WORDS) return subject.join(' ');
    }
    return null;
  }

  return {
    answer(message) {
      const subject = subjectOf(message);
      if (!subject) return null;
      const analysed = analyse(subject, lexicon, ctx.correct, stemOf);
      const terms = analysed.terms.filter((t) => !index.lightTerms.has(t));
      if (!terms.length) return null;
      // Off-topic subjects ("vitamin d") are only found as written: their synonyms ("vitamins") are the
      // article's words for something else.
      const literal = findOutOfScope(analysed.original.map(stemOf), lexicon).length > 0;
      const matches = (s: Sentence) =>
        literal ? ` ${normaliseText(s.text)} `.includes(` ${subject} `) : terms.every((t) => s.terms.has(t));
      const found = sentences.filter(matches).slice(0, MAX_MENTION_QUOTES);
      // An honest no: a refusal that says what was looked for instead of "I don't know".
      if (!found.length) return { ...refusal(0, []), text: `The article doesn't mention ${subject}.` };
      const quotes = found.map((s) => `“${s.text}”`).join(' ');
      return {
        answered: true,
        confidence: 0.9,
        text: `Yes, the article mentions ${subject}: ${quotes}`,
        citations: found.map((s) => quoteCitation(kb, s.text, s.section)),
        suggestions: [],
        disclaimer: DISCLAIMER,
        route: 'entry',
        matchId: null,
        safety: null,
        evidence: [],
        followUpOf: null,
      };
    },
  };
}

import { articleTextAnswer, quoteCitation, refusal, safetyLine } from './answer.js';
import type { EngineContext } from './context.js';
import { analyse, findOutOfScope, LIGHT_WORDS, type Normalise, normaliseText, STOPWORDS, words } from './normalise.js';
import type { Answer } from './types.js';
import { MENTION_FILLER, MENTION_QUESTIONS } from './vocabulary.js';

// Questions about the article's own text: "is cancer mentioned?", "does it say anything about bacteria?".
// Asked only when no curated topic answers: a yes quotes the article's sentences that name it (synonyms
// count, via the lexicon), and a no says honestly that the article does not mention it.

/** Sentences quoted for a yes: enough to show the mention, short enough to read. */
const MAX_MENTION_QUOTES = 2;
/** What a mention question may ask about: a few words, not a whole question. */
const MAX_SUBJECT_WORDS = 5;

/** Where one sentence of a message ends and the next begins. */
const SENTENCE_BREAK = /(?<=[.!?])\s+|\n+/;

/** A question word before the mention phrase. */
const ASKS_WHAT = /(?:^| )(?:what|whats|how|why|when)(?= |$)/;

interface Sentence {
  text: string;
  section: string;
  terms: ReadonlySet<string>;
}

/**
 * A subject that points elsewhere ("people like him") or asks for a list ("any product names") is not a
 * thing to look up word by word.
 */
const NOT_A_THING =
  /(?:^| )(?:him|her|them|me|us|you|it|this|that|these|those|any|anything|which|what|some|other)(?= |$)/;

/**
 * The verbs of a question about a thing ("does it mention X", "is X covered"), not of one about a claim
 * ("does it say selenium works on its own"), whose words need not all be the article's to be answered.
 */
const NAMES_A_THING =
  /(?:mention|talk|discuss|cover|brought up|bring up|touch on|anything about|something about|anything on|name|list)/;

/** A mention question's subject as written, and whether the question states a claim rather than names it. */
export interface MentionQuestion {
  raw: string;
  claim: boolean;
}

/**
 * The mention question of a text read as one sentence of normalised words ("does it mention milk",
 * "is cancer covered"), or null. The one reader of MENTION_QUESTIONS: the mention check answers these,
 * and the composer quotes the very word they ask about. "What does it say about X" asks for what the
 * article says, which the topics answer, not whether it says it: no mention question, unless
 * `whatItSays` (the composer still quotes the word X itself).
 */
export function mentionQuestion(text: string, whatItSays = false): MentionQuestion | null {
  for (const pattern of MENTION_QUESTIONS) {
    const m = pattern.exec(text);
    if (m?.[1] && (whatItSays || !ASKS_WHAT.test(text.slice(0, m.index + 1))))
      return { raw: m[1], claim: !NAMES_A_THING.test(m[0].replace(m[1], ' ')) };
  }
  return null;
}

export interface MentionCheck {
  /** The answer to a mention question (yes with quotes, or an honest no), or null for another question. */
  answer(message: string, normalise?: Normalise): Answer | null;
  /**
   * An honest no when a mention question names something the article never says ("does it mention heart
   * disease?"): a topic that shares one of its words ("disease") must not answer it. Null otherwise.
   */
  absent(message: string, normalise?: Normalise): Answer | null;
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

  const articleStems = new Set(sentences.flatMap((s) => words(normaliseText(s.text)).map(stemOf)));
  const articleTerms = new Set(sentences.flatMap((s) => [...s.terms]));
  // "Selenium side effects": the article's own subject says nothing about whether the rest is mentioned.
  const seleniumTerms = ctx.seleniumWordTerms;
  const termsOf = (text: string): string[] => analyse(text, lexicon, ctx.correct, stemOf).terms;
  /**
   * Whether the subject's i-th word adds something the article never says: a term of the whole subject that
   * the subject without it lacks, and the article lacks too. A word of a phrase the lexicon reads as one of
   * the article's terms ("white" in "white blood cells"), or one that adds nothing ("free" in "free
   * radicals", a synonym of ROS either way), does not.
   */
  const addsUnknown = (ws: readonly string[], i: number): boolean => {
    const w = ws[i] as string;
    if (STOPWORDS.has(w) || filler.has(w) || articleStems.has(stemOf(w))) return false;
    const without = new Set(termsOf(ws.filter((_, j) => j !== i).join(' ')));
    return termsOf(ws.join(' ')).some((t) => !without.has(t) && !articleTerms.has(t));
  };
  // An honest no about toxicity or side effects still gives the safety facts the member is after.
  const honestNo = (subject: string): Answer => ({
    ...refusal(0, []),
    text: `The article doesn't mention ${subject}.`,
    safety: termsOf(subject).some((t) => ctx.safetyTerms.has(t)) ? safetyLine(kb) : null,
  });

  function captured(message: string, normalise: Normalise): MentionQuestion | null {
    const whole = mentionQuestion(words(normalise(message)).join(' '));
    if (!whole || whole.claim) return whole;
    // A thing asked about ends with its sentence: "does it mention milk? lactose intolerant and curious" asks
    // about milk. (A claim keeps the whole message, as a long one is then no mention question at all.)
    for (const sentence of message.split(SENTENCE_BREAK)) {
      const own = mentionQuestion(words(normalise(sentence)).join(' '));
      if (own) return own;
    }
    return whole;
  }

  function subjectOf(message: string, normalise: Normalise): string | null {
    const raw = captured(message, normalise)?.raw;
    if (!raw) return null;
    const subject = words(raw).filter((w) => !filler.has(w));
    while (subject.length && STOPWORDS.has(subject[0] as string)) subject.shift();
    return subject.length && subject.length <= MAX_SUBJECT_WORDS ? subject.join(' ') : null;
  }

  function absent(message: string, normalise: Normalise = normaliseText): Answer | null {
    const asked = captured(message, normalise);
    const subject = subjectOf(message, normalise);
    if (!asked || asked.claim || !subject || NOT_A_THING.test(asked.raw)) return null;
    // Every specific term of the subject missing from the article: a no, even when its words are synonyms
    // of one another ("selenium side effects or toxicity" is one term besides selenium, so no single word
    // adds it).
    const specific = termsOf(subject).filter((t) => !index.lightTerms.has(t) && !seleniumTerms.has(t));
    if (specific.length && specific.every((t) => !articleTerms.has(t))) return honestNo(subject);
    const ws = words(subject);
    // A common word beside a specific one ("immunocompromised people") is judged by the specific one;
    // alone ("pregnancy", "old people") it is the subject.
    // Light by its stem too: "getting" in "getting an adequate supply" is "get", no subject of its own.
    const light = (w: string): boolean => LIGHT_WORDS.has(w) || index.lightTerms.has(stemOf(w));
    const judged = ws.some((w) => !light(w) && !STOPWORDS.has(w) && !filler.has(w))
      ? (i: number) => !light(ws[i] as string)
      : () => true;
    return ws.some((_, i) => judged(i) && addsUnknown(ws, i)) ? honestNo(subject) : null;
  }

  return {
    absent,
    answer(message, normalise = normaliseText) {
      const subject = subjectOf(message, normalise);
      if (!subject) return null;
      const analysed = analyse(subject, lexicon, ctx.correct, stemOf);
      const terms = analysed.terms.filter((t) => !index.lightTerms.has(t));
      // Only words too common to look up ("pregnancy", a light word here): still an honest no if absent.
      if (!terms.length) return absent(message, normalise);
      // Off-topic subjects ("vitamin d") are only found as written: their synonyms ("vitamins") are the
      // article's words for something else.
      const literal = findOutOfScope(analysed.original.map(stemOf), lexicon).length > 0;
      const matches = (s: Sentence) =>
        literal ? ` ${normaliseText(s.text)} `.includes(` ${subject} `) : terms.every((t) => s.terms.has(t));
      const found = sentences.filter(matches).slice(0, MAX_MENTION_QUOTES);
      // An honest no: a refusal that says what was looked for instead of "I don't know".
      if (!found.length) return honestNo(subject);
      const quotes = found.map((s) => `“${s.text}”`).join(' ');
      return articleTextAnswer(
        `Yes, the article mentions ${subject}: ${quotes}`,
        found.map((s) => quoteCitation(kb, s.text, s.section)),
      );
    },
  };
}

import type { EngineContext } from './context.js';
import { demonstrativeSubject, namingSelenium, withoutFrame } from './frame.js';
import { type Analysed, analyse, normaliseText, toTerms, words } from './normalise.js';
import { quotedFromArticle } from './quoted.js';
import { MAX_SENTENCE_SCAN, QUESTION_OPENERS, SENTENCE_END } from './vocabulary.js';

// Understanding a message before anything is matched: which words say what is asked, and which only
// frame it (the article, amounts the member states, chatty sentences around the question).

/** A number on its own, as the analyser leaves it ("1000", "2.5"). */
const NUMBER = /^\d+(?:\.\d+)?$/;

const opensQuestion = (text: string): boolean => QUESTION_OPENERS.has(words(normaliseText(text))[0] ?? '');

/**
 * The parts of a chatty message that ask its question: in a message of several sentences, each one that
 * asks something ("Good morning, long time lurker here. What are selenoproteins?"), and in any sentence,
 * the clause that opens with a question word ("I read it twice and I'm confused, what role does ...").
 */
export function askingParts(question: string): string[] {
  const parts = question.slice(0, MAX_SENTENCE_SCAN).split(SENTENCE_END);
  const found: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = parts[i] as string;
    if (parts.length > 2 && (parts[i + 1]?.includes('?') || opensQuestion(sentence))) found.push(sentence);
    const clauses = sentence.split(',');
    const from = clauses.findIndex((c, k) => k > 0 && opensQuestion(c));
    if (from > 0) found.push(clauses.slice(from).join(','));
  }
  return found;
}

export interface Understander {
  /** The message analysed, with article framing and stated amounts left out of its terms. */
  analyseQuestion(message: string): Analysed;
}

export function createUnderstander(ctx: EngineContext): Understander {
  const { lexicon, stemOf, correct, index, router, limitTerms } = ctx;

  /**
   * The question with its article-referring framing ("according to the article", "how many times does the
   * article mention") dropped from the terms, when anything is left to rank on ("what does the article
   * say" is nothing but its frame, and stays as it is).
   * Only the terms change: the words still name the article, so it still counts as an anchor.
   */
  function focusOnTopic(q: Analysed): Analysed {
    const named = demonstrativeSubject(q.words) ? namingSelenium(q.words) : null;
    const rest = withoutFrame(named ?? q.words);
    const terms = rest ? toTerms(rest, rest.map(stemOf), lexicon) : [];
    if (terms.length) return { ...q, terms };
    return named ? { ...q, terms: toTerms(named, named.map(stemOf), lexicon) } : q;
  }

  /**
   * The question without numbers the knowledge base never uses: "can I take 1000 mcg", "how many cups
   * for 100%" state an amount, not a topic, and as unknown words they would weigh like the rarest topic
   * word. Numbers the article quotes ("8 mcg", "11%") are indexed and stay. What is left must still say
   * whose amount it is (selenium, or a topic): "how much is 2+2" would otherwise read "how much".
   */
  function withoutAmounts(q: Analysed): Analysed {
    const terms = q.terms.filter((t) => !NUMBER.test(t) || index.idf.has(t));
    if (terms.length === q.terms.length) return q;
    const named = router.mentionsSelenium(q.words) || terms.some((t) => !limitTerms.has(t) && !index.lightTerms.has(t));
    return named ? { ...q, terms } : q;
  }

  return {
    analyseQuestion: (message) => {
      const q = withoutAmounts(focusOnTopic(analyse(message, lexicon, correct, stemOf)));
      const quoted = quotedFromArticle(message, ctx.articleText);
      return quoted.length ? { ...q, quoted } : q;
    },
  };
}

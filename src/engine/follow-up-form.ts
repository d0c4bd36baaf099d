import type { KnowledgeBase } from '../knowledge/types.js';
import { normaliseText, STOPWORDS, words } from './normalise.js';
import { shortForm } from './plain.js';
import type { Answer, ConversationContext } from './types.js';

// "In simple words", "like in 1 sentence", "eli5" after an answer: the same answer in another form. The
// article's words cannot be rewritten (every claim is a verbatim quote), so the form is chosen among the
// answer's own quotes: the plainest one, the topic staying the last one. How plain a quote reads is
// counted, not judged: terms the curators explain in a glossary (the article's jargon), and long words.

/** A word this long (letters) reads as technical ("proliferation", "immunological"); shorter ones rarely do. */
export const LONG_WORD_LETTERS = 10;
/** A glossary term weighs as much as this many long words: the curators judged it needs explaining. */
export const GLOSSARY_TERM_WEIGHT = 3;

/**
 * Words that ask for a form of the answer ("simpler?", "shorter pls", "summarize that"), or say it was too
 * hard to read ("too technical", "confusing"), in any order: "en palabras simples" reads "in words simple".
 * The plain-request pattern (vocabulary.ts) finds the set phrases of English word order before this.
 */
const FORM_WORDS = new Set(
  `simple simpler simplest simply simplify simplified plain plainer summary summarize summarise summarized short
shorter shorten sentence brief briefly eli5 tldr technical complicated confusing confused jargon english`.split(/\s+/),
);
/** Words that go with a form request without asking anything else ("can you say that simpler", "short version pls"). */
const FORM_COMPANIONS = new Set('words terms version please pls plz say put explain way too bit little lol'.split(' '));

/** Whether a message (normalised words) asks for nothing but a form of the last answer. */
export const asksOnlyForm = (ws: readonly string[]): boolean =>
  ws.some((w) => FORM_WORDS.has(w)) && ws.every((w) => FORM_WORDS.has(w) || FORM_COMPANIONS.has(w) || STOPWORDS.has(w));

/** The knowledge base's glossary terms, normalised: the article's jargon. */
export const jargonOf = (kb: KnowledgeBase): string[] => [
  ...new Set(kb.entries.flatMap((e) => (e.glossary ?? []).map((g) => normaliseText(g.term))).filter(Boolean)),
];

/**
 * How hard a quote reads: each glossary term it uses (`jargon`, normalised) weighs GLOSSARY_TERM_WEIGHT,
 * each other word of LONG_WORD_LETTERS or more letters one. Lower is plainer.
 */
export function hardness(quote: string, jargon: readonly string[]): number {
  let text = ` ${normaliseText(quote)} `;
  let terms = 0;
  for (const term of jargon) {
    if (!text.includes(` ${term} `)) continue;
    terms += 1;
    text = text.split(` ${term} `).join(' ');
  }
  return terms * GLOSSARY_TERM_WEIGHT + words(text).filter((w) => w.length >= LONG_WORD_LETTERS).length;
}

/**
 * The short form of an answer with its plainest quote (the first of the plainest, in the answer's order),
 * rather than its first: "in normal words" after an answer that opens with "thiol groups in a virus
 * protein called disulfide isomerase" gives "It may reduce the ability of the virus to penetrate healthy
 * cells". Glossary notes stay only for terms the quote still uses.
 */
export function plainForm(answer: Answer, jargon: readonly string[]): Answer {
  const quotes = answer.citations.filter((c) => c.kind === 'quote');
  if (!answer.answered || answer.route !== 'entry' || answer.parts || !quotes.length) return shortForm(answer);
  const plainest = quotes.reduce((best, c) => (hardness(c.quote, jargon) < hardness(best.quote, jargon) ? c : best));
  const short = shortForm({ ...answer, citations: [plainest, ...answer.citations.filter((c) => c !== plainest)] });
  const said = ` ${normaliseText(plainest.quote)} `;
  const glossary = answer.glossary?.filter((g) => said.includes(` ${normaliseText(g.term)} `));
  return glossary === undefined ? short : { ...short, glossary };
}

/**
 * The last turn's topic again (`standalone` answers its question), in its plainest quote, as a follow-up of
 * it; null when the last turn was not answered.
 */
export function plainAgain(
  context: ConversationContext,
  standalone: (message: string) => Answer,
  jargon: readonly string[],
): Answer | null {
  const last = context.at(-1);
  if (!last?.answered) return null;
  const repeated = standalone(last.topic);
  return repeated.answered ? plainForm({ ...repeated, followUpOf: last.matchId ?? repeated.matchId }, jargon) : null;
}

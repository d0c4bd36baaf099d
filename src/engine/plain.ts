import { normaliseText, STOPWORDS, stem, words } from './normalise.js';
import type { Answer, Citation } from './types.js';

// Requests for another form of an answer: plainer words ("eli5", "in normal words", "too technical") or
// fewer ("keep it short", "tl;dr", "in one sentence"). The article's words cannot be rewritten (every claim is
// a verbatim quote), so the form is one of the answer's own quotes: the plainest for plainer words, the best
// (its first) for fewer. One list of the words, read two ways: as set phrases inside a question ("what is ROS
// in normal words?", PLAIN_REQUEST) and as a follow-up made of nothing else ("simpler?", asksOnlyForm).

/** Which form is asked: plainer words, or only fewer of them. */
export type Form = 'plain' | 'short';

/** Words that alone ask for plainer words, or say the answer was too hard to read ("too technical"). */
const PLAIN_WORDS = `simple simpler simplest simply simplify simplified plain plainer eli5 technical complicated
confusing confused jargon english`.split(/\s+/);
/** Words that alone ask for fewer words. */
const SHORT_WORDS = `summary summarize summarise summarized short shorter shorten sentence brief briefly tldr
nutshell`.split(/\s+/);
/** Words that ask for plainer words only before a word for words: "in normal words", "in layman's terms". */
const PLAIN_ADJECTIVES = 'normal simple plain everyday easy regular basic layman laymans lay'.split(' ');
const WORDS_FOR_WORDS = 'words terms english language speak'.split(' ');
/** Words that go with a form request without asking anything else ("can you say that simpler", "short version pls"). */
const FORM_COMPANIONS = new Set('words terms version please pls plz say put explain way too bit little lol'.split(' '));

const plainWords = new Set(PLAIN_WORDS);
const shortWords = new Set(SHORT_WORDS);

/** Set phrases asking for plainer words, in English word order (regular expression sources). */
const PLAIN_PHRASES = [
  'eli ?5',
  "explain (?:it )?like i'?m (?:5|five)",
  `in (?:${PLAIN_ADJECTIVES.join('|')})'?s?(?: people'?s?| person'?s?)? (?:${WORDS_FOR_WORDS.join('|')})`,
  '(?:in )?plain english',
  "(?:in )?layman'?s? terms",
  'dumb(?:ed)? (?:it )?down',
  'keep (?:it|this) simple',
  '(?:no|without (?:the )?) big words',
  'simply put',
  'simple version',
];
/** Set phrases asking only for fewer words. */
const SHORT_PHRASES = [
  'keep (?:it|this) (?:short|brief)',
  'short version',
  '(?:in )?(?:one|1|a) sentence',
  'tl;? ?dr',
  'in a nutshell',
  'short answer',
];
const phrases = (list: readonly string[], flags: string) => new RegExp(`\\b(?:${list.join('|')})\\b`, flags);

/**
 * A form request's set phrases, matched on the message as typed and left out of matching: "eli5", "in plain
 * english", "keep it short", "tl;dr", "in one sentence".
 */
export const PLAIN_REQUEST = phrases([...PLAIN_PHRASES, ...SHORT_PHRASES], 'gi');
const PLAINER = phrases(PLAIN_PHRASES, 'i');

/** The form a follow-up's words ask (normalised): plainer words over fewer when it asks both. */
export const formAsked = (ws: readonly string[]): Form =>
  ws.some((w) => plainWords.has(w)) || PLAINER.test(ws.join(' ')) ? 'plain' : 'short';

/** Whether a message (normalised words) asks for nothing but another form of the last answer. */
export const asksOnlyForm = (ws: readonly string[]): boolean => {
  const form = (w: string) => plainWords.has(w) || shortWords.has(w);
  return ws.some(form) && ws.every((w) => form(w) || FORM_COMPANIONS.has(w) || STOPWORDS.has(w));
};

/** The message without its form request, whether it had one, and which form it asks. */
export function plainRequest(message: string): { rest: string; plain: boolean; form: Form } {
  const rest = message.replace(PLAIN_REQUEST, ' ');
  if (rest === message) return { rest: message, plain: false, form: 'short' };
  return { rest: rest.replace(/\s+/g, ' ').trim(), plain: true, form: PLAINER.test(message) ? 'plain' : 'short' };
}

/** A word this long (letters) reads as technical ("proliferation", "immunological"); shorter ones rarely do. */
export const LONG_WORD_LETTERS = 10;
/** A glossary term weighs as much as this many long words: the curators judged it needs explaining. */
export const GLOSSARY_TERM_WEIGHT = 3;

/**
 * How hard a quote reads: each glossary term it uses (`jargon`, normalised) weighs GLOSSARY_TERM_WEIGHT,
 * each other word of LONG_WORD_LETTERS or more letters one. Lower is plainer. Counted, not judged.
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

/** An answer's jargon: its glossary notes' terms, every term its quotes use that the curators explain. */
export const normaliseJargon = (answer: Answer): string[] => (answer.glossary ?? []).map((g) => normaliseText(g.term));

/** The stems of a text's words that say something (not grammar); `stemWord`: an engine's stem cache. */
export const saying = (text: string, stemWord: (word: string) => string = stem): Set<string> =>
  new Set(
    words(normaliseText(text))
      .filter((w) => !STOPWORDS.has(w))
      .map(stemWord),
  );

/**
 * The short form of an entry answer: one quote alone. For fewer words its first (the best); for plainer
 * words, of the quotes that use most of what was `asked` (the member's words), the plainest, the first of
 * equals. The answer's glossary notes are its jargon (every term its quotes use that the curators explain);
 * they stay only for terms the quote uses. Other answers are already short.
 */
export function shortForm(
  answer: Answer,
  form: Form = 'short',
  asked = '',
  stemWord: (word: string) => string = stem,
): Answer {
  const quotes = answer.citations.filter((c) => c.kind === 'quote');
  const first = quotes[0];
  if (!answer.answered || answer.route !== 'entry' || answer.parts || !first) return answer;
  const jargon = normaliseJargon(answer);
  const wanted = saying(asked, stemWord);
  // Each quote's count and hardness worked out once, not again for every comparison.
  const uses = quotes.map((c) => [...saying(c.quote, stemWord)].filter((w) => wanted.has(w)).length);
  const most = Math.max(...uses);
  const plainest = (): Citation => {
    let best = first;
    let bestHardness = Number.POSITIVE_INFINITY;
    quotes.forEach((c, i) => {
      if (uses[i] !== most) return;
      const h = hardness(c.quote, jargon);
      if (h < bestHardness) [best, bestHardness] = [c, h];
    });
    return best;
  };
  return quoting(answer, form === 'plain' ? plainest() : first);
}

/** An answer in one of its quotes alone; its glossary notes only for terms that quote uses. */
export function quoting(answer: Answer, chosen: Citation): Answer {
  const said = ` ${normaliseText(chosen.quote)} `;
  const glossary = answer.glossary?.filter((g) => said.includes(` ${normaliseText(g.term)} `));
  return {
    ...answer,
    text: `In short, the article says: “${chosen.quote}”`,
    citations: [chosen],
    evidence: [],
    ...(glossary === undefined ? {} : { glossary }),
  };
}

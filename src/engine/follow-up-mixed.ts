import { COMMON_ENGLISH } from './common-english.js';
import { neutral } from './follow-up-cues.js';
import { normaliseText, STOPWORDS, words } from './normalise.js';

// A follow-up said twice, in a language the language table does not know and then in English ("어떻게요?
// how?", "et pour les enfants? for kids?"): the English part is the follow-up; the words around it, which
// the engine cannot read, weigh nothing. Only a message split into sentences, one of them wholly English and
// another plainly not, is read this way: an English message with one odd word stays as it is.

const COMMON = new Set(COMMON_ENGLISH.split(/\s+/));
/** A letter outside ASCII: a word of another script, or of a language written with accents. */
const NON_ASCII_LETTER = /[^\p{ASCII}]/u;
const hasNonAsciiLetter = (text: string): boolean =>
  [...text].some((ch) => NON_ASCII_LETTER.test(ch) && /\p{L}/u.test(ch));

/** The sentences of a message, each with its closing punctuation. */
const sentences = (message: string): string[] =>
  (message.match(/[^?!.;\n]+[?!.;\n]*/g) ?? []).map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));

/**
 * The English sentences of a message whose other sentences are in another language, or null. `known`:
 * whether a word (normalised, as typed) is one the knowledge base uses.
 */
export function englishPart(message: string, known: (word: string) => boolean): string | null {
  const parts = sentences(message);
  if (parts.length < 2) return null;
  const english = (w: string) => COMMON.has(w) || STOPWORDS.has(w) || neutral(w) || known(w);
  const read = parts.map((text) => {
    const ws = words(normaliseText(text));
    const share = ws.length ? ws.filter(english).length / ws.length : 0;
    const foreign = hasNonAsciiLetter(text) || share < 0.5;
    return { text, english: !hasNonAsciiLetter(text) && ws.length > 0 && share === 1, foreign };
  });
  if (!read.every((p) => p.english || p.foreign) || !read.some((p) => p.foreign)) return null;
  const kept = read.filter((p) => p.english).map((p) => p.text);
  return kept.length ? kept.join(' ') : null;
}

/**
 * "sounds fake ngl. does it really claim that?": a remark, then the one sentence that asks. That sentence
 * (null unless the message has several and only its last ends with a question mark), for a message the engine
 * cannot read as a whole.
 */
export function askingSentence(message: string): string | null {
  const parts = sentences(message);
  const asking = parts.filter((s) => s.endsWith('?'));
  // It must come last: what follows a question adds to it ("and for teens? im 15").
  return parts.length > 1 && asking.length === 1 && parts.at(-1) === asking[0] ? (asking[0] as string) : null;
}

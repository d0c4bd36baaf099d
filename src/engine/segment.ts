import { type Normalise, normaliseText, words } from './normalise.js';
import {
  CLAUSE_JOINERS,
  GREETING_WORDS,
  INDIRECT_QUESTION,
  MAX_PARTS,
  MAX_SEGMENT_SCAN,
  PERSONAL_ADVICE,
  PLEASANTRY_GLUE,
  QUESTION_OPENERS,
  THANKS_WORDS,
} from './vocabulary.js';

// Splitting a message as members write it: sentences and list items, clauses joined by "and how ...",
// greetings and sign-offs set apart. Pure and bounded: only the first MAX_SEGMENT_SCAN characters are read.

/**
 * A sentence: up to its end mark (kept, so a question mark can be seen), a line break, or a colon ("2
 * things: ..."). A dot inside a number ("2.5 mcg") does not end one.
 */
const SENTENCE = /(?:[^.!?;:\n]|\.(?=\d))+(?:[.!?;:]+|\n|$)/g;
/** A first list item ("1)", "q1", "question 1:") opening a message or following a space. */
const INLINE_FIRST_ITEM = /(?:^|\s)(?:1\)|q1\b[.:)]?|question 1\b[.:)]?)\s/i;
/** The space before a further item of a numbered list typed on one line (" 2) ", " q2 "). */
const INLINE_NEXT_ITEM = /\s+(?=(?:(?:[2-9]|1\d)\)|q[2-9]\b[.:)]?|question [2-9]\b[.:)]?)\s)/gi;
/** List markers ("1)", "2.", "- ") at the start of a line. */
const LIST_MARKER = /^\s*(?:\d{1,2}[.)]|[-*•]|q\d\b[.:)]?|question \d\b[.:)]?)(?:\s+|$)/i;

// The lists run over several lines: split at any white space, or "gm\nmorning" would be one word.
const wordSet = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w.length > 0));
const greetingWords = wordSet(GREETING_WORDS);
const thanksWords = wordSet(THANKS_WORDS);
const glueWords = wordSet(PLEASANTRY_GLUE);

export interface Segment {
  /** The text of the sentence or clause, as typed. */
  text: string;
  /** Normalised words. */
  words: string[];
  /** Ends with a question mark or opens with a question word. */
  asks: boolean;
}

export type Pleasantry = 'greeting' | 'thanks';

/**
 * What a run of words is when it is nothing but greetings, thanks, praise or a sign-off ("hi selene!",
 * "thx!!", "good bot"), or null. It needs one greeting or thanks word: "is that good" is not one.
 */
export function pleasantry(ws: readonly string[]): Pleasantry | null {
  if (!ws.length || !ws.every((w) => greetingWords.has(w) || thanksWords.has(w) || glueWords.has(w))) return null;
  if (ws.some((w) => thanksWords.has(w))) return 'thanks';
  return ws.some((w) => greetingWords.has(w)) ? 'greeting' : null;
}

export const isPleasantry = (ws: readonly string[]): boolean => pleasantry(ws) !== null;

/** The words after any joiners a clause opens with ("and also is it safe" -> "is it safe"). */
function withoutJoiners(ws: readonly string[]): readonly string[] {
  let from = 0;
  while (from < ws.length - 1 && CLAUSE_JOINERS.has(ws[from] as string)) from++;
  return ws.slice(from);
}

const opensQuestion = (ws: readonly string[]): boolean => QUESTION_OPENERS.has(withoutJoiners(ws)[0] ?? '');

/**
 * A sentence split at each ", and how ...", " and also is ...", ", what ..." where a new question begins:
 * the joiner followed by a question opener, after a comma or not. A clause that does not ask stays with
 * the one before it.
 */
function clauses(sentence: string, normalise: Normalise): string[] {
  const out: string[] = [];
  // The comma stays with the clause before it, so joining the pieces again gives the sentence back.
  const pieces = sentence.split(/(?<=,)\s*|(?<!\b(?:and|also|plus))\s+(?=(?:and|also|plus)\s)/i);
  for (const piece of pieces) {
    const ws = words(normalise(piece));
    const last = out.length - 1;
    if (last >= 0 && !opensQuestion(ws)) out[last] = `${out[last]} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** The memo's slot (ask-memo.ts) for a message's segments: split once per ask. */
const SEGMENTS = Symbol('segments');

/**
 * The sentences and clauses of a message, greetings and thanks included (see `isPleasantry`). With an
 * ask's memo, a message is split once per ask (the question parts, then the understand stage): the
 * segments are shared, never changed in place.
 */
export function segments(message: string, normalise: Normalise = normaliseText): Segment[] {
  return normalise.kept
    ? normalise.kept(SEGMENTS, message, () => split(message, normalise))
    : split(message, normalise);
}

function split(message: string, normalise: Normalise): Segment[] {
  const head = message.slice(0, MAX_SEGMENT_SCAN);
  // "1) what is selenium 2) where do I get it": a numbered list typed on one line is still a list.
  const text = INLINE_FIRST_ITEM.test(head) ? head.replace(INLINE_NEXT_ITEM, '\n') : head;
  const out: Segment[] = [];
  for (const match of text.matchAll(SENTENCE)) {
    const sentence = match[0].replace(LIST_MARKER, '');
    const asked = sentence.trimEnd().endsWith('?');
    const parts = clauses(sentence, normalise);
    parts.forEach((part, i) => {
      const ws = words(normalise(part));
      if (!ws.length) return;
      // Only the sentence's last clause carries its question mark.
      const asks = opensQuestion(ws) || (asked && i === parts.length - 1) || INDIRECT_QUESTION.test(ws.join(' '));
      out.push({ text: part.trim(), words: ws, asks });
    });
  }
  return out;
}

/** The question parts of a message: sentences or clauses that ask, up to MAX_PARTS, greetings left out. */
export function questionParts(message: string, normalise: Normalise = normaliseText): Segment[] {
  const all = segments(message, normalise);
  const parts: Segment[] = [];
  all.forEach((s, i) => {
    if (s.asks && !isPleasantry(s.words)) parts.push(withItsPerson(all, i));
  });
  return parts.slice(0, MAX_PARTS);
}

/**
 * A question asking advice for a person ("what dose should she take", "can my dad have it") with the
 * sentences told just before it, which say who that person is and what they have ("my mum has lupus"):
 * asked alone, it would be answered as if nobody had a condition. Any other question stands alone.
 */
function withItsPerson(all: readonly Segment[], at: number): Segment {
  const question = all[at] as Segment;
  if (!PERSONAL_ADVICE.test(question.words.join(' '))) return question;
  let from = at;
  while (from > 0 && !(all[from - 1] as Segment).asks && !isPleasantry((all[from - 1] as Segment).words)) from--;
  if (from === at) return question;
  const told = all.slice(from, at + 1);
  return { text: told.map((s) => s.text).join(' '), words: told.flatMap((s) => s.words), asks: true };
}

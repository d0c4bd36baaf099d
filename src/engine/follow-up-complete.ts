import { pointsBackAt } from './follow-up-cues.js';
import { DOCUMENT_WORDS } from './vocabulary.js';

// A message that is a whole question of its own, whatever came before it: it names its subject (selenium,
// or the article: "the article says", "does it mention covid", "which viruses does it name") and points
// back only at what it said itself ("so selenium boosts immunity? where does it say that"). The follow-up
// stage reads such a message alone (follow-up.ts): a conversation adds a subject only to a message that
// lacks one, and "does it cite research" or "selenium against viruses" lack none.

/** Names of the chat's one subject: a message naming it says what it is about. */
const SUBJECT_NAMES: ReadonlySet<string> = new Set('selenium se selen selenio'.split(' '));

/**
 * What only a text does: "does it mention covid", "what does it say about X", "does it cite research".
 * Their "it" is the article, never the last answer's subject (a virus or a nutrient says nothing).
 */
export const DOCUMENT_VERBS: ReadonlySet<string> = new Set(
  `say says said mention mentions mentioned cite cites cited name names named list lists listed discuss discusses
discussed talk talks talked cover covers covered claim claims claimed quote quotes quoted link links linked`.split(
    /\s+/,
  ),
);

/** Words between "it" and its verb that leave the verb its own ("does it even mention", "does it really say"). */
const BETWEEN = new Set('even actually really also ever'.split(' '));
/**
 * Words before a subject "it" ("does it matter", "before it gets toxic"): after the message has named its
 * subject, a subject "it" is that subject; an object "it" ("how does selenium affect it") is the last one's.
 */
const BEFORE_SUBJECT_IT = new Set(
  'does do did is was can could will would should has and or but so before after when if because until while'.split(
    ' ',
  ),
);

/** Before "it", a passive: "is it mentioned" asks whether the last subject is, not what the article does. */
const PASSIVE = new Set('is was are were isnt wasnt'.split(' '));

/** Whether the word at `i` is "it" (or "they", its authors) as the article: the subject of a verb only a text does. */
export function articleIt(words: readonly string[], i: number): boolean {
  if ((words[i] !== 'it' && words[i] !== 'they') || PASSIVE.has(words[i - 1] ?? '')) return false;
  const next = BETWEEN.has(words[i + 1] ?? '') ? words[i + 2] : words[i + 1];
  return DOCUMENT_VERBS.has(next ?? '');
}

/**
 * Whether a message (normalised words) names its own subject, selenium or the article, and every word in it
 * that points back points at something it named itself before: a word for which `names` holds ("does
 * selenium help immunity and when should i take it"), or, for a subject "it" or "its", the subject named
 * ("what is selenium and why does it matter", "does it cite studies or is it made up"). "and how does
 * selenium affect it", "what does the article say about that" point at the conversation. `quotes`: the
 * message quotes the article, which names its subject ("what does it mean, 'X'").
 */
export function ownsItsSubject(words: readonly string[], names: (w: string) => boolean, quotes = false): boolean {
  let subject = quotes;
  let said = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (articleIt(words, i)) subject = true;
    else if (SUBJECT_NAMES.has(w) || DOCUMENT_WORDS.has(w)) subject = true;
    else if (pointsBackAt(words, i) && !said && !(subject && subjectIt(words, i)) && !quotes) return false;
    else if (names(w)) said = true;
  }
  return subject;
}

/**
 * "it" as a clause's subject ("does it matter", "before it gets toxic"), or "its" ("its effect", "it's"); not
 * after an amount of the subject ("how much selenium does it have": selenium is what "it" has, "it" another).
 */
const subjectIt = (words: readonly string[], i: number): boolean =>
  words[i] === 'its' ||
  (words[i] === 'it' && BEFORE_SUBJECT_IT.has(words[i - 1] ?? '') && !amountOfSubject(words, i - 2));

/** "much selenium", "many mcg" before "does it": the amount "it" has, so "it" is something else. */
const amountOfSubject = (words: readonly string[], i: number): boolean =>
  SUBJECT_NAMES.has(words[i] ?? '') && (words[i - 1] === 'much' || words[i - 1] === 'many');

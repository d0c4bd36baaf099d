import { LANGUAGE_ENTRIES, languageWords } from './follow-up-language-table.js';

// A follow-up naming its new topic in another language ("und bakterien?", "y los virus?", "et les
// infections?"): read as the English follow-up it stands for ("and bacteria?"). Only the small words of
// the languages members mix in are known (follow-up-language-table.ts, one row per language); a topic word
// is found by spelling (German k for c, plural endings), and only when it then names one of the knowledge
// base's topics.

/** Articles and prepositions of other languages: they name nothing, so a fragment of them plus a topic is a switch. */
export const OTHER_LANGUAGE_GRAMMAR: ReadonlySet<string> = new Set([
  ...'el la los las le les il lo gli der das des dem ein eine una une mit avec com para pour fur uber sobre et'.split(
    ' ',
  ),
  ...languageWords('grammar'),
]);

/**
 * Articles that are English words too ("die", "den", "do"): dropped once another word shows the message is
 * in another language, never a sign of it ("can you die from too much selenium").
 */
const SHARED_GRAMMAR = new Set('die den a o as os du de del da do es ist est cest'.split(' '));

/** Single words that say nothing here (please, thanks, particles): dropped, but a sign of another language. */
const OTHER_LANGUAGE_FILLER = languageWords('filler');

/**
 * What a short follow-up asks, in the languages members mix in (as normalised: accents dropped), and the
 * English follow-up word each stands for: "es seguro?" asks "safe?", "chera?" "why?", "fuente?" "source?".
 * Only words that ask something of the last answer, never a topic (follow-up-language-table.ts).
 */
export const OTHER_LANGUAGE_FOLLOW_UPS: ReadonlyMap<string, string> = new Map(
  LANGUAGE_ENTRIES.filter((e) => e.words.length === 1 && !e.english_too && e.english && e.meaning !== 'and').map(
    (e) => [e.words[0] as string, e.english],
  ),
);

/**
 * Follow-ups of several words ("tại sao", "kwa nini", "por que", "na krub"), each read as the English words
 * it stands for; an empty reading is dropped ("thi sao", "what about", once "va" has said "and").
 */
export const OTHER_LANGUAGE_PHRASES: ReadonlyMap<string, string> = new Map(
  LANGUAGE_ENTRIES.filter((e) => e.words.length > 1).map((e) => [e.words.join(' '), e.english]),
);
/** The longest phrase, in words. */
const LONGEST_PHRASE = Math.max(...[...OTHER_LANGUAGE_PHRASES.keys()].map((k) => k.split(' ').length));

/** The phrase of OTHER_LANGUAGE_PHRASES starting at word `i`, longest first, as [its words, its reading]. */
function phraseAt(typed: readonly string[], i: number): [number, string] | null {
  for (let n = LONGEST_PHRASE; n >= 1; n--) {
    const reading = OTHER_LANGUAGE_PHRASES.get(typed.slice(i, i + n).join(' '));
    if (reading !== undefined && i + n <= typed.length) return [n, reading];
  }
  return null;
}

/**
 * "and" in other languages, as the first word of a follow-up ("und bakterien?", "y los virus?"): the table's,
 * and the one-letter ones of Spanish, Portuguese and Italian, which it leaves out as English letters.
 */
const OTHER_AND = new Set([...languageWords('and'), 'y', 'e']);

/** Endings of plurals and cases that English spells without ("bakterien", "infektionen", "bacterias"). */
const FOREIGN_ENDINGS = ['en', 'n', 'es', 's', 'e'];

/** A spelt-alike is found for words this long only: shorter ones collide with English words. */
const MIN_COGNATE_LETTERS = 5;

/**
 * English spellings a foreign topic word may stand for, most faithful first: as typed, then with German
 * "k" as "c", each without a plural or case ending.
 */
export function spellings(word: string): string[] {
  const bases = [...new Set([word, word.replace(/k/g, 'c')])];
  const out: string[] = [];
  for (const base of bases)
    for (const end of ['', ...FOREIGN_ENDINGS])
      if (base.endsWith(end) && base.length - end.length >= MIN_COGNATE_LETTERS)
        out.push(base.slice(0, -end.length || undefined));
  return [...new Set(out)].filter((w) => w !== word);
}

/**
 * The follow-up in English words (to be read in its place), or null when it has no word of another language or a word stays
 * unknown. `isTopic(word)`: whether a word, read alone, names a topic of the knowledge base. `known`: whether
 * a word, read alone, is one the knowledge base uses.
 */
export function translateFollowUp(
  typed: readonly string[],
  known: (word: string) => boolean,
  isTopic: (word: string) => boolean,
): string | null {
  // "y" is also shorthand for "why": it is "and" only before another word of the other language.
  const foreign =
    typed.some(
      (w, i) =>
        OTHER_LANGUAGE_GRAMMAR.has(w) ||
        OTHER_LANGUAGE_FOLLOW_UPS.has(w) ||
        OTHER_LANGUAGE_FILLER.has(w) ||
        (i === 0 && OTHER_AND.has(w) && w !== 'y'),
    ) ||
    (typed[0] === 'y' &&
      (OTHER_LANGUAGE_GRAMMAR.has(typed[1] ?? '') || OTHER_LANGUAGE_FOLLOW_UPS.has(typed[1] ?? ''))) ||
    typed.some((_, i) => phraseAt(typed, i)?.[1]);
  if (!foreign) return null;
  const out: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const w = typed[i] as string;
    const phrase = phraseAt(typed, i);
    if (phrase) {
      if (phrase[1]) out.push(phrase[1]);
      i += phrase[0] - 1;
    } else if (i === 0 && OTHER_AND.has(w)) out.push('and');
    else if (OTHER_LANGUAGE_FOLLOW_UPS.has(w)) out.push(OTHER_LANGUAGE_FOLLOW_UPS.get(w) as string);
    else if (OTHER_LANGUAGE_GRAMMAR.has(w) || OTHER_LANGUAGE_FILLER.has(w) || SHARED_GRAMMAR.has(w)) continue;
    else if (known(w)) out.push(w);
    else {
      const english = spellings(w).find(isTopic);
      if (!english) return null;
      out.push(english);
    }
  }
  return out.length ? out.join(' ') : null;
}

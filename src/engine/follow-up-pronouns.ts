import { pointsBackAt } from './follow-up-cues.js';

// A pronoun stands for the last question's subject: "what does it protect against" after "tell me about
// selenium" asks "what does selenium protect against"; "does it work?" after "what is biopro-plus" asks
// "does biopro plus work". The follow-up is read with the subject in the pronoun's place and answered as the
// question it stands for. When the last question named selenium and something else ("does selenium help
// the flu"), "it" could be either: no subject is put in.

/** Pronouns that stand for one thing (selenium), as opposed to "them"/"they" (several). */
const SINGULAR = new Set(['it', 'its', 'this', 'that']);
const PLURAL = new Set(['they', 'them', 'their', 'these', 'those']);

/**
 * What a pronoun after the last question stands for: "selenium" when it named selenium and nothing else,
 * its named words when it did not name selenium ("biopro plus"), else null. `own`: how many things it
 * names (see follow-up.ts); `named(w)`: whether a word names something.
 */
export function referent(
  topic: readonly string[],
  own: number,
  isSelenium: (w: string) => boolean,
  named: (w: string) => boolean,
  most: number,
): { subject: string; plural: boolean } | null {
  if (topic.some(isSelenium)) return own === 0 ? { subject: 'selenium', plural: false } : null;
  if (own === 0 || own > most) return null;
  const words = topic.filter(named);
  return words.length ? { subject: words.join(' '), plural: true } : null;
}

/**
 * The message (normalised words) with each singular pronoun that points back (and plural one, with
 * `plural`) replaced by `subject`, or null when none does.
 */
export function withSubject(words: readonly string[], subject: string, plural = false): string | null {
  let replaced = false;
  const out = words.map((w, i) => {
    if (!(SINGULAR.has(w) || (plural && PLURAL.has(w))) || !pointsBackAt(words, i)) return w;
    replaced = true;
    return subject;
  });
  return replaced ? out.join(' ') : null;
}

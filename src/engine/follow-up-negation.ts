import type { EngineContext } from './context.js';
import { analyse } from './normalise.js';

// Follow-ups that turn the last question around: "and if it's NOT adequate?" asks the opposite of what was
// just answered (read as "inadequate", the knowledge base's deficiency), and "anything besides infections?"
// asks for the rest of what the last answer covers, without what the member set aside: the last topic when
// one of its quotes says something else, else the nearest related topic that does.

/** Words that negate the word after them ("not adequate", "isn't sufficient"). */
const NEGATIONS = new Set('not no never isnt arent wasnt werent dont doesnt'.split(' '));
/** Prefixes that make a word's opposite, as the knowledge base may spell it ("inadequate", "insufficient"). */
const NEGATING_PREFIXES = ['in', 'un', 'im', 'ir', 'il', 'dis', 'non'];

/** Words that set something aside: "anything besides infections?", "apart from the flu?", "other than that". */
export const EXCLUSION_WORDS: ReadonlySet<string> = new Set('besides except excluding apart aside'.split(' '));

/**
 * Whether a message (normalised words) sets something aside: an exclusion word before what it excludes.
 * At the end it means "as well" ("and bacteria besides?").
 */
export const setsAside = (ws: readonly string[]): boolean =>
  ws.some((w, i) => (EXCLUSION_WORDS.has(w) || (w === 'other' && ws[i + 1] === 'than')) && i < ws.length - 1);

/**
 * The message with each negated word read as the one word for its opposite ("not adequate" becomes
 * "inadequate"), when that word names something of the knowledge base other than what the word alone names.
 * `named(word)`: the terms the knowledge base knows a word by (none for a word it never uses). Null when no
 * negation is read so.
 */
export function affirmed(ws: readonly string[], named: (word: string) => readonly string[]): string | null {
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    const next = ws[i + 1];
    if (NEGATIONS.has(w) && next !== undefined) {
      const plain = new Set(named(next));
      const opposite = NEGATING_PREFIXES.map((p) => p + next).find((c) => {
        const terms = named(c);
        return terms.length > 0 && terms.every((t) => !plain.has(t));
      });
      if (opposite) {
        out.push(opposite);
        changed = true;
        i += 1;
        continue;
      }
    }
    out.push(w);
  }
  return changed ? out.join(' ') : null;
}

export interface Exclusions {
  /**
   * The topic nearest `last` (itself, then its related ones in the curators' order) with a quote naming
   * none of `aside` (terms); without any, the first related topic the conversation has not had (`seen`).
   * Null when there is none.
   */
  choose(
    last: string,
    related: readonly string[],
    aside: readonly string[],
    seen: ReadonlySet<string | null>,
  ): string | null;
}

export function createExclusions(ctx: EngineContext): Exclusions {
  // Per topic, the terms and stems of each of its quotes.
  const quotes = new Map(
    ctx.kb.entries.map((e) => [
      e.id,
      e.quotes.map((q) => {
        const read = analyse(q.text, ctx.lexicon, undefined, ctx.stemOf);
        return new Set([...read.terms, ...read.stems]);
      }),
    ]),
  );
  const without = (id: string, aside: readonly string[]): boolean =>
    (quotes.get(id) ?? []).some((terms) => aside.every((t) => !terms.has(t)));
  return {
    choose: (last, related, aside, seen) =>
      (aside.length ? [last, ...related].find((id) => without(id, aside)) : related.find((id) => !seen.has(id))) ??
      null,
  };
}

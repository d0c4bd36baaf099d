import type { Examples } from './follow-up-examples.js';
import type { Neighbourhood } from './follow-up-neighbours.js';

// "Like what?", "for example?", "concretely?", "what does it protect against": a member asking for the
// concrete cases of the claim just read. With a verb of its own ("protect against what"), the sentence of
// the last topic or one around it that says that verb; without one, the last answer when it lists examples
// of what the last question asked about ("infections including influenza and COVID-19").

/** Words that ask for instances of what was said. */
const INSTANCE_WORDS = new Set('example examples instance instances eg concretely concrete specifically'.split(' '));
/** Prepositions that leave the object of a verb open at the end of "what does it protect against". */
const OPEN_PREPOSITIONS = new Set('against from with for in'.split(' '));
const WHAT = new Set(['what', 'which', 'whats']);

/**
 * Whether a message asks for instances: a word asking for examples ("for example", "concretely"), "such
 * as?", "like what?", or a what-question leaving a verb's object open ("what does it protect against",
 * "protects against what?").
 */
export function asksInstances(words: readonly string[]): boolean {
  if (words.some((w) => INSTANCE_WORDS.has(w))) return true;
  const pair = (a: string, b: string) => words.some((w, i) => w === a && words[i + 1] === b);
  if (pair('such', 'as') || pair('like', 'what')) return true;
  const last = words[words.length - 1] ?? '';
  const before = words[words.length - 2] ?? '';
  return (
    (words.some((w) => WHAT.has(w)) && OPEN_PREPOSITIONS.has(last)) || (WHAT.has(last) && OPEN_PREPOSITIONS.has(before))
  );
}

export interface Instances {
  /**
   * The topic, `last` itself or one around it (or in `related`), that gives the instances asked: one whose
   * quotes say every one of `fresh` (the follow-up's own terms, its verb); with none, `last` when it lists
   * examples of one of `asked` (the last question's terms). Null when none does.
   */
  choose(last: string, related: readonly string[], fresh: readonly string[], asked: readonly string[]): string | null;
}

/** `says(id)`: the terms of a topic's quotes (what a member reads in its answer). */
export function createInstances(
  neighbours: Neighbourhood,
  examples: Examples,
  says: (id: string) => ReadonlySet<string> | undefined,
): Instances {
  return {
    choose(last, related, fresh, asked) {
      const near = neighbours.around(last);
      const within = (id: string) => near.has(id) || related.includes(id);
      if (fresh.length)
        return neighbours.nearest(
          last,
          related,
          [...fresh, ...asked],
          (id) => within(id) && fresh.every((t) => says(id)?.has(t) ?? false),
        );
      // Without a verb, only the last answer's own list: "like what?" is too loose to move on by (around a
      // claim about supplements, the list is the product the article promotes, "such as BioPro-Plus").
      return asked.some((t) => examples.lists(last, [t])) ? last : null;
    },
  };
}

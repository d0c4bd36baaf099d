// "What if I go way over it", "and if I exceed that?", "what happens above that": after an amount (an
// intake question, a food's selenium), a member asking about going past it asks about too much selenium:
// the upper limit and what the article says of it, whatever words carry the "past".

/** Words that say "past the amount" (as normalised). */
const PAST_WORDS = new Set(
  'over exceed exceeds exceeded exceeding above beyond past overdo overdoing surpass'.split(' '),
);

/** The question a "past the amount" follow-up stands for, read by the whole pipeline. */
export const PAST_LIMIT_QUESTION = 'what happens if I take too much selenium';

/** What may follow a "past" word when it is past the amount: nothing, the amount pointed at, or a figure. */
const PAST_WHAT = new Set('it that this those them the a an limit amount dose number rda'.split(' '));
const pastWhat = (next: string | undefined): boolean => next === undefined || PAST_WHAT.has(next) || /^\d/.test(next);

/**
 * Whether a message asks about going past an amount: "go way over it", "exceed that", "more than that",
 * "over 400?", "what if i go over". Not a word the "past" word only qualifies ("is selenium over hyped").
 */
export function asksPastAmount(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      (PAST_WORDS.has(w) && pastWhat(words[i + 1])) ||
      (w === 'more' && words[i + 1] === 'than' && pastWhat(words[i + 2])),
  );
}

/** The message without its "past" words, to tell what else it names ("and if I exceed it" names nothing). */
export const withoutPast = (words: readonly string[]): string =>
  words
    .filter(
      (w, i) =>
        !PAST_WORDS.has(w) && !(w === 'more' && words[i + 1] === 'than') && !(w === 'than' && words[i - 1] === 'more'),
    )
    .join(' ');

import { CLAUSE_WORDS } from './vocabulary.js';

// "chronic or acute?", "good way or bad way?", "chronic too or just short term stuff": a choice between two
// short alternatives, with no verb of its own, asks which of them the last answer's claim is. It names
// qualifiers of that claim, not a subject: the conversation supplies the subject (follow-up-cues.ts reads
// it as a question leaning on the last turn, like "chronic too?").

/** Each alternative is at most this many words ("just short term stuff"); longer ones say more than a choice. */
const MAX_ALTERNATIVE_WORDS = 4;
/** At most this many alternatives ("chronic, acute or both?"). */
const MAX_ALTERNATIVES = 3;

/** Whether a message (normalised words) is only a choice between short alternatives joined by "or". */
export function offersChoice(words: readonly string[]): boolean {
  if (!words.includes('or') || words.some((w) => CLAUSE_WORDS.has(w))) return false;
  const sides = words
    .join(' ')
    .split(/\bor\b/)
    .map((s) => s.trim().split(' ').filter(Boolean));
  return (
    sides.length >= 2 &&
    sides.length <= MAX_ALTERNATIVES &&
    sides.every((s) => s.length > 0 && s.length <= MAX_ALTERNATIVE_WORDS)
  );
}

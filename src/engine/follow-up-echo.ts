import type { FollowUpCues } from './follow-up-cues.js';

// "useful how", "reduce it how", "protects how?": a bare why or how with a word of the last exchange. The word
// is not a subject of its own but the claim the member just read, so the message asks how that claim holds,
// as "how?" does. When the word repeats the last question's own ("useful how" after "is selenium from food
// useful"), the last answer is the claim asked about and says how itself: it stands, rather than a neighbour
// that explains something else. Any other word the knowledge base gives weight ("covid how?", "how do
// antibodies work") is a subject of its own.

export type BareHow =
  /** The why/how repeats a word of the last question: the last answer again. */
  | 'echo'
  /** Its words are the last answer's, or generic ones: a "how?" about the last answer. */
  | 'read';

/**
 * `own`: the message's terms but selenium and amounts; `asked`: the last question's terms; `read`: the last
 * answer's quotes' terms; `light(t)`: whether a term is a generic one ("help", "work"). Null for a message
 * that is not a short why or how, names nothing, or names something of its own.
 */
export function bareHow(
  cues: FollowUpCues,
  own: readonly string[],
  asked: ReadonlySet<string>,
  read: ReadonlySet<string>,
  light: (t: string) => boolean,
): BareHow | null {
  if (!cues.explanation || !cues.fragment || !own.length) return null;
  if (!own.every((t) => asked.has(t) || read.has(t) || light(t))) return null;
  return own.some((t) => asked.has(t)) ? 'echo' : 'read';
}

import type { EngineContext } from './context.js';
import type { FollowUpCues } from './follow-up-cues.js';
import type { Analysed } from './normalise.js';
import type { Turn } from './types.js';
import type { Understander } from './understand.js';

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
 * `own`: the message's terms but selenium and amounts; `lastAsked`: the last question's terms, read only for a
 * short why or how; `read`: the last answer's quotes' terms; `light`: generic terms ("help", "work"). Null for
 * a message that is not a short why or how, names nothing, or names something of its own.
 */
export function bareHow(
  cues: FollowUpCues,
  own: readonly string[],
  lastAsked: () => ReadonlySet<string>,
  read: ReadonlySet<string>,
  light: ReadonlySet<string>,
): BareHow | null {
  if (!cues.explanation || !cues.fragment || !own.length) return null;
  const asked = lastAsked();
  if (!own.every((t) => asked.has(t) || read.has(t) || light.has(t))) return null;
  return own.some((t) => asked.has(t)) ? 'echo' : 'read';
}

export interface Echoes {
  /** A follow-up's bare why or how after `prev` (never after a food), or null. */
  of(cues: FollowUpCues, q: Analysed, prev: Turn): BareHow | null;
}

/** `quoteTerms`: each entry's quotes as terms, what a member has read in its answer. */
export function createEcho(
  ctx: EngineContext,
  understand: Understander,
  quoteTerms: ReadonlyMap<string, ReadonlySet<string>>,
): Echoes {
  const selenium = ctx.seleniumWordTerms;
  const none = new Set<string>();
  return {
    of: (cues, q, prev) =>
      prev.route === 'food'
        ? null
        : bareHow(
            cues,
            q.terms.filter((t) => !selenium.has(t) && !ctx.limitTerms.has(t)),
            () => new Set(understand.analyseQuestion(prev.topic).terms),
            quoteTerms.get(prev.matchId ?? '') ?? none,
            ctx.index.lightTerms,
          ),
  };
}

/** A number as written in a message or an answer ("8", "11%", "0.5"). */
const NUMBER = /\d+(?:\.\d+)?/g;
/** Fewer numbers than this read back is too little to tell an echo from a new amount ("and for 2 cups?"). */
const MIN_ECHOED_NUMBERS = 2;

/**
 * "that doesn't add up, 8 out of 55 isn't 11%": the member reads the last answer's own figures back, to
 * dispute or ask about them, so the message is about that answer. `answerText` is read only when the message
 * has enough numbers.
 */
export function echoesFigures(message: string, answerText: () => string): boolean {
  const numbers = message.match(NUMBER) ?? [];
  if (numbers.length < MIN_ECHOED_NUMBERS) return false;
  const figures = new Set(answerText().match(NUMBER) ?? []);
  return numbers.every((n) => figures.has(n));
}

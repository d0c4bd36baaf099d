import { statedAge } from './ages.js';
import { neutral } from './follow-up-cues.js';
import { normaliseText, words } from './normalise.js';
import type { Answer, ConversationContext, Turn } from './types.js';
import { CONTEXT_TURNS } from './vocabulary.js';

// Which earlier turn a follow-up is about.

/**
 * The turn a follow-up refers to: the last one that was about something. Greetings and thanks in
 * between ("thx", "hey") are skipped; a refused question is not: what follows it is about that. Read
 * from its words alone, not analysed again: every message with context would otherwise pay for it.
 */
export function lastTopic(context: ConversationContext): Turn | null {
  for (let i = context.length - 1; i >= 0 && i >= context.length - CONTEXT_TURNS; i--) {
    const turn = context[i] as Turn;
    if (turn.answered) return turn;
    if (turn.route !== 'smalltalk' && words(normaliseText(turn.question)).some((w) => !neutral(w))) return turn;
  }
  return null;
}

/**
 * The message read after the turn's question, through the whole pipeline (`standalone`): "for kids?",
 * "per serving?" of what was asked.
 */
export function readWith(standalone: (message: string) => Answer, turn: Turn, message: string): Answer {
  // An age belongs to the amount asked before it ("and for a 6 year old?"): one sentence, one figure for it.
  const both = standalone(`${turn.topic}${statedAge(words(normaliseText(message))) === null ? '\n' : ' '}${message}`);
  // After a food, read as two questions ("is tuna good" + "how much is in it"), the second is of the same
  // food: its part alone, not a second part about selenium intake in general.
  const part =
    turn.route === 'food' ? both.parts?.find((p) => p.route === 'food' && p.matchId === turn.matchId) : undefined;
  if (!part) return both;
  const { heading: _heading, asked: _asked, ...answer } = part;
  return answer;
}

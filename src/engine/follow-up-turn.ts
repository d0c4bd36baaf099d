import { neutral } from './follow-up-cues.js';
import { normaliseText, words } from './normalise.js';
import type { ConversationContext, Turn } from './types.js';
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

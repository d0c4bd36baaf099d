import type { Answer, ConversationContext, Turn } from './types.js';
import { CONTEXT_TURNS, MAX_TURN_CHARS } from './vocabulary.js';

// A conversation's memory, as the follow-up stage reads it. Apart from the stage (and light: types and
// constants only) so adapters can keep conversations without loading the engine.

/**
 * The context for the next message: this turn added, the oldest dropped past `keep`. Pure: adapters keep
 * the result per conversation and pass it back with the conversation's next message.
 */
export function nextContext(
  context: ConversationContext,
  message: string,
  answer: Answer,
  keep: number = CONTEXT_TURNS,
): Turn[] {
  const question = message.slice(0, MAX_TURN_CHARS);
  const followed =
    answer.followUpOf === null ? undefined : [...context].reverse().find((t) => t.matchId === answer.followUpOf);
  const turn: Turn = {
    question,
    topic: followed ? followed.topic : question,
    answered: answer.answered,
    route: answer.route,
    matchId: answer.matchId,
    foods: answer.route === 'food' && answer.matchId !== null ? [answer.matchId] : [],
  };
  return [...context, turn].slice(-Math.max(1, keep));
}

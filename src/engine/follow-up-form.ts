import { type Form, shortForm } from './plain.js';
import type { Answer, ConversationContext } from './types.js';

// "In simple words", "like in 1 sentence", "eli5" after an answer: the same answer in another form, as a
// single message's request gives it (plain.ts: of the quotes using most of what the member asked, the
// plainest for plainer words; the first for fewer), the topic staying the last one.

/**
 * An answer in the form asked, its quote chosen by the words of `asked` and, when it follows up a turn of
 * the conversation, of that turn's question ("eli5 what that means" after "so selenium regulates oxidative
 * stress": the quote saying so).
 */
export function inForm(answer: Answer, form: Form, asked: string, context: ConversationContext): Answer {
  const followed = answer.followUpOf === null ? undefined : context.findLast((t) => t.matchId === answer.followUpOf);
  return shortForm(answer, form, followed ? `${asked} ${followed.topic}` : asked);
}

/**
 * The last turn's topic again (`standalone` answers its question) in the form asked, as a follow-up of it;
 * null when the last turn was not answered. Nothing but the request ("in normal words pls"): the member has
 * read the answer and names nothing in it, so its plainest quote, whichever words it uses.
 */
export function plainAgain(
  context: ConversationContext,
  standalone: (message: string) => Answer,
  form: Form,
): Answer | null {
  const last = context.at(-1);
  if (!last?.answered) return null;
  const repeated = standalone(last.topic);
  return repeated.answered ? shortForm({ ...repeated, followUpOf: last.matchId ?? repeated.matchId }, form) : null;
}

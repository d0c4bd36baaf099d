import { type Form, hardness, normaliseJargon, quoting, saying, shortForm } from './plain.js';
import type { Answer, Citation, ConversationContext } from './types.js';

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
 * read the answer and names nothing in it, so its plainest quote, whichever words it uses; or a plainer one
 * of a topic next to it (`nearby`: their answers by id, see plainerNear).
 */
export function plainAgain(
  context: ConversationContext,
  standalone: (message: string) => Answer,
  form: Form,
  nearby: (id: string) => readonly Answer[] = () => [],
): Answer | null {
  const last = context.at(-1);
  if (!last?.answered) return null;
  const repeated = standalone(last.topic);
  if (!repeated.answered) return null;
  const short = shortForm({ ...repeated, followUpOf: last.matchId ?? repeated.matchId }, form);
  if (form !== 'plain' || short.route !== 'entry' || repeated.matchId === null) return short;
  return plainerNear(short, last.topic, nearby(repeated.matchId)) ?? short;
}

/**
 * Plainer words, when even the answer's plainest quote is hard: a quote of a topic next to it (`nearby`,
 * their answers) that says as much of the last question (`asked`: as many of its words) in plainer words,
 * as a follow-up of the same turn; null when none does. "Does selenium help immune cells" answered with
 * their differentiation and proliferation: "regulate the functions of immune cells".
 */
export function plainerNear(short: Answer, asked: string, nearby: readonly Answer[]): Answer | null {
  const chosen = short.citations[0];
  if (!chosen) return null;
  const wanted = saying(asked);
  const uses = (quote: string) => [...saying(quote)].filter((w) => wanted.has(w)).length;
  const enough = uses(chosen.quote);
  let best: { answer: Answer; quote: Citation } | null = null;
  let hard = hardness(chosen.quote, normaliseJargon(short));
  for (const answer of nearby.filter((a) => a.answered && a.route === 'entry' && !a.parts)) {
    const jargon = normaliseJargon(answer);
    for (const quote of answer.citations.filter((c) => c.kind === 'quote' && uses(c.quote) >= enough)) {
      const h = hardness(quote.quote, jargon);
      if (h < hard) {
        best = { answer, quote };
        hard = h;
      }
    }
  }
  return best ? { ...quoting(best.answer, best.quote), followUpOf: short.followUpOf } : null;
}

import type { Composer } from './compose.js';
import type { EngineContext } from './context.js';
import type { Neighbourhood } from './follow-up-neighbours.js';
import { explains, namesTopic, rank, type Scored } from './matcher.js';
import type { Analysed } from './normalise.js';
import { ANSWER_THRESHOLD } from './scope.js';
import type { Answer, Turn } from './types.js';
import type { Understander } from './understand.js';
import { MAX_SUGGESTIONS } from './vocabulary.js';

// "And covid?" after "does selenium help the flu", "and infections?" after "what happens if I'm low in
// selenium": the new words of a follow-up read with the last question's. Both are ranked together, among the
// topics whose title names every new word (else whose title or keywords do, else that name one and use them
// all), so the new words choose the topic and the last question only decides between the topics that have
// them, the last topic's related ones first.

/** Topics ranked for a follow-up's new words with the last question's, before keeping those that have them. */
const NARROWING_CANDIDATES = 40;

/**
 * `fresh`: the follow-up's own terms; `linkAsked`: the related link (another article) the message alone was
 * answered with, the only one it may move to (follow-up-guards.ts). Null when no topic has them all, or the
 * last turn was not an entry or link.
 */
export type Narrowing = (
  prev: Turn,
  q: Analysed,
  fresh: readonly string[],
  safety: boolean,
  linkAsked?: string | null,
) => Answer | null;

export function createNarrowing(
  ctx: EngineContext,
  neighbours: Neighbourhood,
  understand: Understander,
  compose: Composer,
): Narrowing {
  const { index } = ctx;
  return (prev, q, fresh, safety, linkAsked = null) => {
    if (!fresh.length || prev.route === 'food' || prev.matchId === null) return null;
    const before = understand.analyseQuestion(prev.topic).terms;
    // "what does it protect against": not the vitamin C article whose title says "protect against".
    const ranked = rank(index, [...q.terms, ...before], NARROWING_CANDIDATES).filter(
      (r) => r.doc.kind === 'entry' || r.doc.id === linkAsked,
    );
    const uses = (r: Scored) => fresh.every((t) => explains(index, r.doc.id, t));
    const titled = (r: Scored) => fresh.every((t) => index.byId.get(r.doc.id)?.titleTerms.includes(t));
    const named = (r: Scored) => fresh.every((t) => namesTopic(index, r.doc.id, [t]));
    const used = (r: Scored) => namesTopic(index, r.doc.id, fresh) && uses(r);
    // The closest fit first (a title naming every new word, then title or keywords, then a use of each),
    // within each the last topic's related ones first: "and covid?" after the flu, "chronic too?" after
    // inflammation stay in the neighbourhood the curators drew.
    const near = new Set(neighbours.links(prev.matchId));
    const fit = [titled, named, used].map((fits) => ranked.filter(fits)).find((l) => l.length) ?? [];
    const fitting = [...fit.filter((r) => near.has(r.doc.id)), ...fit.filter((r) => !near.has(r.doc.id))];
    const best = fitting[0];
    if (!best) return null;
    // Every new word is the chosen topic's: as sure as a question that names it, whatever the last words add.
    const lead = { ...best, score: Math.max(best.score, ANSWER_THRESHOLD) };
    const answer = compose.fromBest([lead, ...fitting.slice(1, MAX_SUGGESTIONS + 1)], safety);
    return answer.answered ? answer : null;
  };
}

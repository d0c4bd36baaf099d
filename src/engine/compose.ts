import { createEntryAnswerer, refusal, relatedAnswer } from './answer.js';
import type { EngineContext } from './context.js';
import type { Scored } from './matcher.js';
import { ANSWER_THRESHOLD } from './scope.js';
import type { Answer, Suggestion, Topic } from './types.js';
import { MAX_SUGGESTIONS } from './vocabulary.js';

// The compose stage: a ranked topic (or a refusal) turned into the Answer model, with its suggestions.

/** Closest topics at or above this are offered as "did you mean" suggestions when refusing. */
export const SUGGESTION_FLOOR = 0.2;

export interface Composer {
  topics(): Topic[];
  /** The first topics of the knowledge base, for a message that names none. */
  generalSuggestions(): Suggestion[];
  refuse(ranked: readonly Scored[]): Answer;
  /** The answer from the best-ranked entry or related link, with the runners-up as suggestions. */
  fromBest(ranked: readonly Scored[], wantsSafety: boolean): Answer;
}

/**
 * `ask` is the engine's own: a suggestion's question is one that, asked, leads back to its topic, so
 * finding it means asking.
 */
export function createComposer(ctx: EngineContext, ask: (question: string) => Answer): Composer {
  const { kb, docInputs } = ctx;
  const entryAnswer = createEntryAnswerer(kb);
  const entriesById = new Map(kb.entries.map((e) => [e.id, e]));
  const relatedById = new Map(kb.related.map((l) => [l.id, l]));
  const topicList: Topic[] = docInputs.map((d) => ({ id: d.id, title: d.title, question: d.question, kind: d.kind }));
  const phrasingsById = new Map(docInputs.map((d) => [d.id, [d.question, ...d.questions]]));
  // A "did you mean" button asks a topic's question, so that question must lead back to the topic: the
  // first phrasing that does (a food-shaped one like "how much selenium is in milk" goes to the food
  // table). Found on first use and remembered: per engine, deterministic, at most one per topic.
  const representative = new Map<string, string>();
  let resolving = false;
  const questionFor = (id: string, fallback: string): string => {
    const known = representative.get(id);
    if (known !== undefined) return known;
    // Asking a candidate may build suggestions of its own; those use the first phrasing, not this search.
    if (resolving) return fallback;
    resolving = true;
    try {
      const chosen = (phrasingsById.get(id) ?? []).find((q) => ask(q).matchId === id) ?? fallback;
      representative.set(id, chosen);
      return chosen;
    } finally {
      resolving = false;
    }
  };
  const toSuggestion = (t: { id: string; title: string; question: string }): Suggestion => ({
    id: t.id,
    title: t.title,
    question: questionFor(t.id, t.question),
  });
  // A function, not a shared array: every answer gets its own objects, whatever an adapter does with them.
  const generalSuggestions = () => topicList.slice(0, MAX_SUGGESTIONS).map(toSuggestion);

  const refuse = (ranked: readonly Scored[]): Answer => {
    const close = ranked.filter((r) => r.score >= SUGGESTION_FLOOR).slice(0, MAX_SUGGESTIONS);
    // A refusal never reports a confidence at or above the threshold (off-topic hits can score high).
    const confidence = Math.min(ranked[0]?.score ?? 0, ANSWER_THRESHOLD - 0.01);
    return refusal(confidence, close.length ? close.map((r) => toSuggestion(r.doc)) : generalSuggestions());
  };

  function fromBest(ranked: readonly Scored[], wantsSafety: boolean): Answer {
    const best = ranked[0];
    if (!best) return refuse(ranked);
    const others = ranked.slice(1).filter((r) => r.score >= SUGGESTION_FLOOR);
    if (best.doc.kind === 'related') {
      const link = relatedById.get(best.doc.id);
      if (link)
        return relatedAnswer(kb, link, {
          confidence: best.score,
          suggestions: others.map((r) => toSuggestion(r.doc)),
          safety: wantsSafety,
        });
    }
    const entry = entriesById.get(best.doc.id);
    if (!entry) return refuse(ranked);
    const related = entry.related.flatMap((id) => topicList.filter((t) => t.id === id)).map(toSuggestion);
    return entryAnswer(entry, {
      confidence: best.score,
      suggestions: (related.length ? related : others.map((r) => toSuggestion(r.doc))).slice(0, MAX_SUGGESTIONS),
      safety: wantsSafety,
    });
  }

  return {
    topics: () => topicList.map((t) => ({ ...t, question: questionFor(t.id, t.question) })),
    generalSuggestions,
    refuse,
    fromBest,
  };
}

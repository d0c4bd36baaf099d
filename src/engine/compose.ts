import { createEntryAnswerer, refusal, relatedAnswer } from './answer.js';
import type { EngineContext } from './context.js';
import type { Scored } from './matcher.js';
import { ANSWER_THRESHOLD } from './scope.js';
import type { Answer, AnswerPart, Suggestion, Topic } from './types.js';
import { MAX_SUGGESTIONS } from './vocabulary.js';

// The compose stage: a ranked topic (or a refusal) turned into the Answer model, with its suggestions.

/** Closest topics at or above this are offered as "did you mean" suggestions when refusing. */
export const SUGGESTION_FLOOR = 0.2;

/**
 * A runner-up topic scoring at least this share of the best one is about as likely to be what was asked
 * ("does low selenium mess with your white blood cells" sits between deficiency and immune cells): its first
 * quote joins the answer, so the member gets the passage they meant either way.
 */
export const CLOSE_RUNNER_UP = 0.9;

/** One question of a message, decided: what was asked, the answer, its heading, off-topic names. */
export interface Reply {
  asked: string;
  answer: Answer;
  heading: string;
  /** What the question names that the article does not cover, as typed ("zinc"). */
  offTopic: string[];
}

export interface Composer {
  /** One reply for several answered questions (at least two different answers), or null. */
  combine(replies: readonly Reply[]): Answer | null;
  /** The one answered question's answer, with what the other questions asked named as not covered. */
  withNotes(answered: Reply, replies: readonly Reply[]): Answer;
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
    const answer = entryAnswer(entry, {
      confidence: best.score,
      suggestions: (related.length ? related : others.map((r) => toSuggestion(r.doc))).slice(0, MAX_SUGGESTIONS),
      safety: wantsSafety,
    });
    return withCloseRunnerUp(answer, best, others[0]);
  }

  /** The answer with the first quote of a runner-up that scored nearly as well, when it adds a new passage. */
  function withCloseRunnerUp(answer: Answer, best: Scored, second: Scored | undefined): Answer {
    if (!second || second.doc.kind === 'related' || second.score < best.score * CLOSE_RUNNER_UP) return answer;
    const entry = entriesById.get(second.doc.id);
    // Its first passage the answer does not already quote: topics that share their opening quote still differ.
    const quote = entry
      ? entryAnswer(entry, { confidence: 0, suggestions: [], safety: false }).citations.find(
          (q) => !answer.citations.some((c) => c.quote === q.quote),
        )
      : undefined;
    if (!quote) return answer;
    return {
      ...answer,
      text: `${answer.text} It also says: “${quote.quote}”`,
      citations: [...answer.citations, quote],
    };
  }

  return {
    combine: (replies) => combine(replies),
    withNotes: (answered, replies) => {
      const notes = notCovered(replies);
      return notes ? { ...answered.answer, text: `${answered.answer.text}\n\n${notes}` } : answered.answer;
    },
    topics: () => topicList.map((t) => ({ ...t, question: questionFor(t.id, t.question) })),
    generalSuggestions,
    refuse,
    fromBest,
  };
}

/** "The article doesn't cover zinc." for each refused question: by what it names, or by what it asked. */
export function notCovered(replies: readonly Reply[]): string {
  const refused = replies.filter((r) => !r.answer.answered);
  const named = [...new Set(refused.flatMap((r) => r.offTopic))];
  const unnamed = refused.filter((r) => !r.offTopic.length).map((r) => `“${r.asked}”`);
  const lines: string[] = [];
  if (named.length) lines.push(`The article doesn't cover ${listOf(named)}.`);
  if (unnamed.length) lines.push(`I couldn't find an answer in the article to ${listOf(unnamed)}.`);
  return lines.join(' ');
}

const listOf = (items: readonly string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * Several answered questions as one reply: each a part with its heading; the top level has the parts'
 * text under their headings, every citation and research note once, the safety line if any part has it.
 */
function combine(replies: readonly Reply[]): Answer | null {
  const seen = new Set<string>();
  const parts: AnswerPart[] = [];
  for (const r of replies) {
    const key = r.answer.matchId ?? r.answer.text;
    if (!r.answer.answered || seen.has(key)) continue;
    seen.add(key);
    const { parts: _nested, ...answer } = r.answer;
    parts.push({ ...answer, heading: r.heading || r.asked, asked: r.asked });
  }
  if (parts.length < 2) return null;
  const first = parts[0] as AnswerPart;
  const notes = notCovered(replies);
  const text = [...parts.map((p) => `${p.heading}: ${p.text}`), ...(notes ? [notes] : [])].join('\n\n');
  const unique = <T>(items: T[], key: (t: T) => string): T[] => {
    const keys = new Set<string>();
    return items.filter((t) => !keys.has(key(t)) && keys.add(key(t)));
  };
  const answeredIds = new Set(parts.map((p) => p.matchId));
  return {
    answered: true,
    confidence: Math.min(...parts.map((p) => p.confidence)),
    text,
    citations: unique(
      parts.flatMap((p) => p.citations.map((c) => ({ ...c }))),
      (c) => c.quote,
    ),
    suggestions: unique(
      parts.flatMap((p) => p.suggestions).filter((s) => !answeredIds.has(s.id)),
      (s) => s.id,
    ).slice(0, MAX_SUGGESTIONS),
    disclaimer: first.disclaimer,
    route: first.route,
    matchId: first.matchId,
    safety: parts.find((p) => p.safety !== null)?.safety ?? null,
    evidence: unique(
      parts.flatMap((p) => p.evidence.map((e) => ({ ...e }))),
      (e) => e.text,
    ),
    glossary: unique(
      parts.flatMap((p) => (p.glossary ?? []).map((g) => ({ ...g }))),
      (g) => g.term,
    ),
    followUpOf: null,
    parts,
  };
}

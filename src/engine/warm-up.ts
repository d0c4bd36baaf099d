import type { KnowledgeBase } from '../knowledge/types.js';
import type { Engine } from './types.js';

// A fresh process answers its first questions from unoptimised code: several times slower, and V8 keeps
// compiling (and its compiler's pages keep arriving in memory) over the first few thousand questions.
// Asking the engine what its own knowledge base already contains before the bot says it is ready moves that
// cost before the first member: early answers are as fast as later ones, and memory at ready is memory in use.

export const WARM_UP = {
  /** Engine calls at most ... */
  calls: 3_000,
  /** ... and for at most this long, whichever ends first. */
  ms: 400,
} as const;

export interface WarmUpResult {
  calls: number;
  ms: number;
}

/**
 * The work, from the knowledge base itself: every curated phrasing of every entry (the matcher), each curated
 * food by name and as a chat question (food lookup, text search, food answers), and the first letters of
 * both as a member types them (autocomplete). Nothing is stored; each call is what a member could send.
 */
export function warmUpCalls(engine: Engine, kb: KnowledgeBase): (() => unknown)[] {
  const questions = kb.entries.flatMap((e) => e.questions);
  const foods = kb.foods.map((f) => f.name.split(',')[0] ?? f.name);
  const prefixes = (s: string) => [s.slice(0, 3), s.slice(0, 6)].filter((p) => p.length >= 2);
  return [
    ...questions.map((q) => () => engine.ask(q)),
    ...foods.map((f) => () => engine.ask(`how much selenium is in ${f}?`)),
    ...foods.map((f) => () => engine.food(f)),
    ...questions.flatMap(prefixes).map((p) => () => engine.autocompleteQuestions(p)),
    ...foods.flatMap(prefixes).map((p) => () => engine.autocompleteFoods(p)),
  ];
}

/** Runs the warm-up calls in rounds until WARM_UP's budget is spent (or `budget`'s, for tests). */
export function warmUp(
  engine: Engine,
  kb: KnowledgeBase,
  budget: { calls: number; ms: number } = WARM_UP,
): WarmUpResult {
  const calls = warmUpCalls(engine, kb);
  const started = performance.now();
  let done = 0;
  while (calls.length > 0 && done < budget.calls && performance.now() - started < budget.ms) {
    calls[done % calls.length]?.();
    done++;
  }
  return { calls: done, ms: performance.now() - started };
}

import type { KnowledgeBase } from '../knowledge/types.js';
import type { Engine } from './types.js';

// A fresh process answers its first questions from unoptimised code: several times slower, and V8 keeps
// compiling (and its compiler's pages keep arriving in memory) over the first few thousand questions.
// Asking the engine what its own knowledge base already contains before the bot says it is ready moves that
// cost before the first member: early answers are as fast as later ones, and memory at ready is memory in use.
// The first calls also build what the engine builds on first use (the food tables, typo repair's indexes,
// question autocomplete): that counts against the budget, as it is work a member would otherwise wait for.

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
 * both as a member types them (autocomplete). Nothing is stored; each call is what a member could send. The
 * kinds take turns, so a budget that ends before the list does has still run every path (the compiler
 * gains most from a path's first few hundred calls, little from thousands more of one kind).
 */
export function warmUpCalls(engine: Engine, kb: KnowledgeBase): (() => unknown)[] {
  const questions = kb.entries.flatMap((e) => e.questions);
  const foods = kb.foods.map((f) => f.name.split(',')[0] ?? f.name);
  const prefixes = (s: string) => [s.slice(0, 3), s.slice(0, 6)].filter((p) => p.length >= 2);
  return takeTurns<() => unknown>([
    questions.map((q) => () => engine.ask(q)),
    foods.map((f) => () => engine.ask(`how much selenium is in ${f}?`)),
    foods.map((f) => () => engine.food(f)),
    questions.flatMap(prefixes).map((p) => () => engine.autocompleteQuestions(p)),
    foods.flatMap(prefixes).map((p) => () => engine.autocompleteFoods(p)),
  ]);
}

/** The lists' items, one from each list in turn (a list that runs out drops out): [[a, b], [c]] -> [a, c, b]. */
export function takeTurns<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}

/** Runs the warm-up calls in rounds until WARM_UP's budget is spent (or `budget`'s, for tests). */
export function warmUp(
  engine: Engine,
  kb: KnowledgeBase,
  budget: { calls: number; ms: number } = WARM_UP,
): WarmUpResult {
  const calls = warmUpCalls(engine, kb);
  const started = performance.now();
  const done = runCalls(calls, 0, budget.calls, started + budget.ms);
  return { calls: done, ms: performance.now() - started };
}

/** Calls `calls` in turn from the `done`-th until `maxCalls` are done or the clock passes `until`; returns the count. */
function runCalls(calls: readonly (() => unknown)[], done: number, maxCalls: number, until: number): number {
  let n = done;
  while (calls.length > 0 && n < maxCalls && performance.now() < until) {
    calls[n % calls.length]?.();
    n++;
  }
  return n;
}

/** How long a slice of warmUpInSlices runs before it lets other work (the gateway's login) run. */
export const WARM_UP_SLICE_MS = 5;

/**
 * The same work and budget as warmUp, in slices that yield to the event loop between them, so it can run
 * while the gateway logs in (mostly waiting on the network) instead of before it. Only the engine's own
 * time counts against the budget, so the engine gets as much warming as warmUp gives it.
 */
export async function warmUpInSlices(
  engine: Engine,
  kb: KnowledgeBase,
  budget: { calls: number; ms: number } = WARM_UP,
  sliceMs = WARM_UP_SLICE_MS,
): Promise<WarmUpResult> {
  const calls = warmUpCalls(engine, kb);
  let done = 0;
  let spent = 0;
  while (calls.length > 0 && done < budget.calls && spent < budget.ms) {
    const sliceStart = performance.now();
    done = runCalls(calls, done, budget.calls, sliceStart + Math.min(sliceMs, budget.ms - spent));
    spent += performance.now() - sliceStart;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { calls: done, ms: spent };
}

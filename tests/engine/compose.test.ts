import { describe, expect, it } from 'vitest';
import { CLOSE_RUNNER_UP, createComposer } from '../../src/engine/compose.js';
import { createContext } from '../../src/engine/context.js';
import { createEngine } from '../../src/engine/index.js';
import type { Scored } from '../../src/engine/matcher.js';
import { loadProjectKnowledge } from './answer-schema.js';

// The compose stage on its own: a ranking in, the answer model out.

const kb = loadProjectKnowledge();
const ctx = createContext(kb);
const engine = createEngine(kb);
const compose = createComposer(ctx, (q) => engine.ask(q));

const entryDocs = ctx.index.docs.filter((d) => d.kind === 'entry');
const firstQuoteOf = (id: string): string => kb.entries.find((e) => e.id === id)?.quotes[0]?.text.trim() ?? '';
const ranked = (...scores: [number, number][]): Scored[] =>
  scores.map(([i, score]) => ({ doc: entryDocs[i] as Scored['doc'], score }));

describe('compose: a close runner-up', () => {
  const [a, b] = [entryDocs[0]?.id ?? '', entryDocs[1]?.id ?? ''];

  it('adds the runner-up’s first quote when it scores nearly as well as the best', () => {
    const answer = compose.fromBest(ranked([0, 0.8], [1, 0.8 * CLOSE_RUNNER_UP]), false);
    expect(answer.matchId).toBe(a);
    const quotes = answer.citations.map((c) => c.quote);
    expect(quotes.at(-1)).toBe(firstQuoteOf(b));
    // In the text too, after the best topic's own quotes, and once.
    expect(answer.text.endsWith(`It also says: “${firstQuoteOf(b)}”`)).toBe(true);
    expect(new Set(quotes).size).toBe(quotes.length);
  });

  it('leaves the answer to the best topic when the runner-up is clearly behind', () => {
    const alone = compose.fromBest(ranked([0, 0.8]), false);
    const behind = compose.fromBest(ranked([0, 0.8], [1, 0.8 * CLOSE_RUNNER_UP - 0.01]), false);
    expect(behind.citations).toEqual(alone.citations);
    expect(behind.text).toBe(alone.text);
    expect(behind.citations.map((c) => c.quote)).not.toContain(firstQuoteOf(b));
  });

  it('adds the runner-up’s first passage the answer lacks when both topics open with the same quote', () => {
    // Two topics that share their opening quote: the runner-up's own second passage is the one it adds.
    const byId = (id: string) => ({ doc: entryDocs.find((d) => d.id === id) as Scored['doc'], score: 0.8 });
    const pairs = kb.entries.flatMap((first) =>
      kb.entries
        .filter((r) => r !== first && r.quotes[0]?.text === first.quotes[0]?.text)
        .filter((r) => r.quotes.some((q) => !first.quotes.some((f) => f.text === q.text)))
        .map((runner) => [first, runner] as const),
    );
    const [first, runner] = pairs[0] ?? [];
    if (!first || !runner) throw new Error('the knowledge base has no two topics sharing an opening quote');
    const answer = compose.fromBest([byId(first.id), { ...byId(runner.id), score: 0.8 * CLOSE_RUNNER_UP }], false);
    const added = runner.quotes.find((q) => !first.quotes.some((f) => f.text === q.text))?.text.trim();
    expect(added).toBeDefined();
    expect(answer.citations.map((c) => c.quote)).toContain(added);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { takeTurns, warmUp, warmUpCalls, warmUpInSlices } from '../../src/engine/warm-up.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const loaded = loadKnowledge(new URL('../../knowledge', import.meta.url).pathname);
if (!loaded.ok) throw new Error('knowledge/ does not load');
const kb = loaded.kb;

const evalQuestions = ['questions.jsonl', 'foods.jsonl'].flatMap((f) =>
  readFileSync(new URL(`../eval/${f}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q),
);

describe('engine warm-up', () => {
  it('draws its work from the knowledge base: every phrasing, every curated food, typed prefixes', () => {
    const calls = warmUpCalls(createEngine(kb), kb);
    const phrasings = kb.entries.reduce((n, e) => n + e.questions.length, 0);
    // Each phrasing asked, each curated food asked about and looked up, plus autocomplete prefixes.
    expect(calls.length).toBeGreaterThan(phrasings + 2 * kb.foods.length);
  });

  it('lets the kinds of call take turns, so a short budget still runs every kind', () => {
    expect(takeTurns<number | string>([[1, 2, 3], ['a'], [], ['x', 'y']])).toEqual([1, 'a', 'x', 2, 'y', 3]);
    expect(takeTurns([])).toEqual([]);
  });

  it('stops at its call budget', () => {
    const result = warmUp(createEngine(kb), kb, { calls: 50, ms: 60_000 });
    expect(result.calls).toBe(50);
  });

  it('in slices, does the same calls and lets other work run between them', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await warmUpInSlices(createEngine(kb), kb, { calls: 400, ms: 60_000 }, 1);
    clearInterval(timer);
    expect(result.calls).toBe(400);
    // Timers ran while it warmed up: it yielded to the event loop rather than holding it.
    expect(ticks).toBeGreaterThan(0);
  });

  it('changes no answer: a warmed engine answers exactly as a fresh one', () => {
    const fresh = createEngine(kb);
    const warmed = createEngine(kb);
    warmUp(warmed, kb, { calls: 2_000, ms: 60_000 });
    for (const q of evalQuestions) {
      expect(warmed.ask(q), q).toEqual(fresh.ask(q));
      expect(warmed.food(q), q).toEqual(fresh.food(q));
    }
    expect(warmed.autocompleteQuestions('selen')).toEqual(fresh.autocompleteQuestions('selen'));
    expect(warmed.autocompleteFoods('bra')).toEqual(fresh.autocompleteFoods('bra'));
    // Hundreds of deep comparisons of whole answers: seconds on a busy 2-core machine, not a timing target.
  }, 120_000);
});

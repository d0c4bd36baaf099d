import { describe, expect, it } from 'vitest';
import { topCategory } from '../../src/discord/commands/food.js';
import { renderTopFoods } from '../../src/discord/render.js';
import type { FoodResult } from '../../src/engine/types.js';

describe('/food top view', () => {
  it.each([
    ['top:', ''],
    ['top:fish', 'fish'],
    ['top fish', 'fish'],
    ['Richest  nuts ', 'nuts'],
    ['top', ''],
  ])('reads %j as a top request for %j', (query, category) => {
    expect(topCategory(query)).toBe(category);
  });

  it.each(['tuna', 'brazil-nuts', 'topping, strawberry', 'usda-19137', 'stop'])('reads %j as a food', (query) => {
    expect(topCategory(query)).toBeNull();
  });

  const food = (name: string, mcg: number): FoodResult => ({
    found: true,
    name,
    serving: '3 ounces',
    mcg,
    percentDailyValue: null,
    source: { id: 'ods', title: 'NIH', url: null },
    suggestions: [],
    id: name,
    table: 'ods',
    per100g: null,
    notes: [],
  });
  const facts = { dailyValueMcg: 55, rdaMcg: 55, upperLimitMcg: 400 };

  it('numbers the foods with amount and %DV, warns above the upper limit, cites once', () => {
    const p = renderTopFoods([food('Brazil nuts', 544), food('Tuna', 92)], 'nuts', facts);
    expect(p.content).toContain('**Richest nuts in selenium**');
    expect(p.content).toContain('1. Brazil nuts · 3 ounces: **544 mcg** (989% DV)');
    expect(p.content).toContain('2. Tuna');
    expect(p.content).toContain('⚠️');
    expect(p.content.split('Source:')).toHaveLength(2);
  });

  it('says when a category has no foods', () => {
    expect(renderTopFoods([], 'unobtainium', facts).content).toContain('I found no unobtainium');
  });
});

describe('/food for a food the article itself gives a percentage for', () => {
  it("shows the article's sentence and that its 11% used the older 70 mcg Daily Value", async () => {
    const { loadKnowledge } = await import('../../src/knowledge/load.js');
    const { createEngine } = await import('../../src/engine/index.js');
    const { renderFood, foodFacts } = await import('../../src/discord/render.js');
    const loaded = loadKnowledge(new URL('../../knowledge', import.meta.url).pathname);
    if (!loaded.ok) throw new Error('knowledge/ does not load');
    const engine = createEngine(loaded.kb);
    const milk = renderFood(engine.food('milk'), { query: 'milk', facts: foodFacts(loaded.kb) });
    expect(milk.content).toContain('A cup of milk provides approximately 8 mcg of selenium');
    expect(milk.content).toMatch(/older Daily Value of 70 mcg; against today's 55 mcg, 8 mcg is 15%/);
    // Foods the article does not mention carry no such note.
    const tuna = renderFood(engine.food('tuna'), { query: 'tuna', facts: foodFacts(loaded.kb) });
    expect(tuna.content).not.toContain('The article says');
  });
});

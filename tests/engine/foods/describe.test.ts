import { describe, expect, it } from 'vitest';
import { describeFood } from '../../../src/engine/foods/index.js';
import { realKnowledge } from './kb.js';

const { kb, index } = realKnowledge();
const dv = kb.facts.dailyValue.mcg;
const ul = kb.facts.upperLimit.adultMcg;

describe('describeFood', () => {
  it('gives amount, %DV, RDA and upper limit, and cites the table', () => {
    const d = describeFood(index.lookup('tuna'), kb);
    const tuna = kb.foods.find((f) => f.id === 'tuna');
    expect(d.text).toContain(`${tuna?.mcg} mcg`);
    expect(d.text).toContain(`${Math.round(((tuna?.mcg ?? 0) / dv) * 100)}% of the Daily Value`);
    expect(d.text).toContain(`RDA of ${kb.facts.rda.adultMcg} mcg`);
    expect(d.text).toContain(`upper limit is ${ul} mcg`);
    const data = d.citations.find((c) => c.kind === 'data');
    expect(data).toMatchObject({ sourceId: tuna?.sourceId, url: expect.stringMatching(/^https:/) });
    expect(data?.section).toBe(kb.references.find((r) => r.id === tuna?.sourceId)?.title);
    expect(d.safety).toBeNull();
  });

  it('quotes the article where it mentions the food and explains its older Daily Value', () => {
    const d = describeFood(index.lookup('milk'), kb);
    const quote = d.citations.find((c) => c.kind === 'quote');
    expect(quote).toBeDefined();
    expect(kb.article.text).toContain(quote?.quote);
    expect(quote?.quote).toMatch(/milk/i);
    expect(quote?.url).toContain('#:~:text=');
    expect(kb.article.resolvedSections.find((s) => s.title === quote?.section)?.text).toContain(quote?.quote);
    // 8 mcg was 11% of the old 70 mcg Daily Value; today it is 15% of 55 mcg.
    const prev = kb.facts.previousDailyValue.mcg;
    expect(d.text).toContain(`${prev} mcg`);
    expect(d.text).toContain(`${Math.round((8 / dv) * 100)}%`);
    expect(d.text).toContain(`${Math.round((8 / prev) * 100)}%`);
  });

  it('does not invent article quotes for foods the article never mentions', () => {
    for (const q of ['tuna', 'brazil nuts', 'salmon', 'spinach']) {
      expect(
        describeFood(index.lookup(q), kb).citations.filter((c) => c.kind === 'quote'),
        q,
      ).toEqual([]);
    }
  });

  it('adds a safety line when one serving is above the upper limit (Brazil nuts)', () => {
    const d = describeFood(index.lookup('brazil nuts'), kb);
    expect(d.safety).toContain(`${ul} mcg`);
    expect(d.safety).toContain('544');
    expect(d.citations.some((c) => c.sourceId === kb.facts.upperLimit.sourceId)).toBe(true);
  });

  it('adds a safety line when the chosen servings reach the upper limit, counting servings once', () => {
    const tuna = kb.foods.find((f) => f.id === 'tuna')?.mcg ?? 0;
    const servings = Math.ceil(ul / tuna);
    const d = describeFood(index.lookup('tuna', { servings }), kb, servings);
    expect(d.text).toContain(`${tuna * servings} mcg`);
    expect(d.text).not.toContain(`${tuna * servings * servings} mcg`);
    expect(d.safety).toContain(`${ul} mcg`);
    expect(describeFood(index.lookup('tuna'), kb, 1).safety).toBeNull();
  });

  it('describes USDA rows per serving and per 100 g, citing USDA, with the soil note for plants', () => {
    const d = describeFood(index.lookup('sunflower seeds'), kb);
    expect(d.text).toMatch(/Per 100 g: [\d.]+ mcg/);
    expect(d.text).toContain(kb.facts.plantSoilNote.text);
    expect(d.citations[0]).toMatchObject({ kind: 'data', sourceId: kb.usda.sourceId });
  });

  it('says plainly when a food is not in the tables', () => {
    const d = describeFood(index.lookup('qwzx plorb'), kb);
    expect(d.text).toMatch(/not in my food tables/);
    expect(d.citations).toEqual([]);
    expect(d.safety).toBeNull();
  });

  it('names a fraction of a serving as given, not rounded', () => {
    const quarter = describeFood(index.lookup('tuna', { servings: 0.25 }), kb, 0.25);
    expect(quarter.text).toMatch(/^0\.25 servings: about [\d.]+ mcg/m);
    expect(describeFood(index.lookup('tuna'), kb, 1.5).text).toMatch(/^1\.5 servings: /m);
  });
});

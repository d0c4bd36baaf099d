import { describe, expect, it } from 'vitest';
import { curatedArticleNames, type FoodDescription, foodText } from '../../../src/engine/foods/describe.js';
import { createFoodDescriber, describeFood } from '../../../src/engine/foods/index.js';
import type { FoodResult } from '../../../src/engine/types.js';
import { realKnowledge } from './kb.js';
import { plainDailyValueNotes, plainDescribeFood } from './reference.js';

// The describer works out once what every food answer used to scan the tables and the article for.
// Whatever it precomputes, each description must be exactly the one the plain scans give.

const { kb, index } = realKnowledge();
const describer = createFoodDescriber(kb);
const SERVINGS = [1, 2.5, 0.25, 7, 0, -3, Number.NaN];

/** What the plain scans give (text, citations, safety), after checking the parts spell out that text. */
function plain(d: FoodDescription): Omit<FoodDescription, 'parts'> {
  const { parts, ...rest } = d;
  if (parts) expect(foodText(parts)).toBe(d.text);
  return rest;
}

const curated = kb.foods.map((f) => index.lookup(f.id));
const usda = kb.usda.foods.filter((_, i) => i % 40 === 0).map((r) => index.lookup(`usda-${r[0]}`));

describe('createFoodDescriber', () => {
  it('looks every curated food and a spread of USDA rows up (so the comparisons below compare something)', () => {
    expect(curated.every((r) => r.found && r.table === 'ods')).toBe(true);
    expect(usda.length).toBeGreaterThan(100);
    expect(usda.every((r) => r.found && r.table === 'usda')).toBe(true);
  });

  it('describes curated foods exactly as the plain scans do, at any number of servings', () => {
    for (const r of curated)
      for (const n of SERVINGS)
        expect(plain(describer.describe(r, n)), `${r.id} x${n}`).toEqual(plainDescribeFood(r, kb, n));
  });

  it('describes USDA rows exactly as the plain scans do', () => {
    for (const r of usda)
      for (const n of [1, 3])
        expect(plain(describer.describe(r, n)), `${r.id} x${n}`).toEqual(plainDescribeFood(r, kb, n));
  });

  it('quotes the article for a food it mentions, as the plain scan does', () => {
    const milk = index.lookup('milk');
    const d = describer.describe(milk);
    expect(d.citations.filter((c) => c.kind === 'quote').length).toBeGreaterThan(0);
    expect(plain(d)).toEqual(plainDescribeFood(milk, kb));
  });

  it('describes unknown foods and ids the tables lack as the plain version does', () => {
    const odd: FoodResult[] = [
      index.lookup('qwzx plorb'),
      { ...index.lookup('qwzx plorb'), suggestions: ['Tuna', 'Tea'] },
      { ...(curated[0] as FoodResult), id: 'usda-99999', table: 'usda' },
      { ...(curated[0] as FoodResult), id: 'usda-1234', table: 'usda' },
      { ...(curated[0] as FoodResult), id: 'no-such-food' },
      { ...(curated[0] as FoodResult), found: false },
      // A curated food the caller labelled as USDA: the per-100 g line is looked for by id all the same.
      { ...(curated[0] as FoodResult), table: 'usda' },
    ];
    for (const r of odd) expect(plain(describer.describe(r)), String(r.id)).toEqual(plainDescribeFood(r, kb));
  });

  it('gives the same Daily Value notes as the plain scan', () => {
    const lists = [
      ...kb.foods.map(curatedArticleNames),
      ['milk'],
      ['Milk, whole'],
      ['brazil nuts', 'fish'],
      ['selenium'],
      [''],
      [],
    ];
    for (const names of lists)
      expect(describer.dailyValueNotes(names), names.join('|')).toEqual(plainDailyValueNotes(kb, names));
    expect(lists.some((names) => plainDailyValueNotes(kb, names).length > 0)).toBe(true);
  });

  it('keeps describeFood(result, kb, servings) as a one-off form of the same', () => {
    const tuna = index.lookup('tuna');
    expect(describeFood(tuna, kb, 2)).toEqual(describer.describe(tuna, 2));
  });

  it('gives every answer its own citation objects', () => {
    const milk = index.lookup('milk');
    const a = describer.describe(milk);
    const b = describer.describe(milk);
    expect(a.citations[1]).not.toBe(b.citations[1]);
  });
});

import { describe, expect, it } from 'vitest';
import { CATEGORIES, findCategory } from '../../../src/engine/foods/categories.js';
import { FOOD_LIMITS } from '../../../src/engine/foods/index.js';
import { realKnowledge } from './kb.js';

const { kb, index } = realKnowledge();

describe('autocomplete', () => {
  const partials = [
    '',
    'b',
    'br',
    'brazl',
    'sal',
    'salmon',
    'chicken li',
    'oyster',
    'yoghurt ',
    'mil',
    'beef ',
    'x',
    'qqqq',
    'a'.repeat(500),
    'cereals ready-to-eat kellogg',
    '🥜',
  ];

  it('stays within Discord limits and returns values lookup accepts', () => {
    for (const p of partials) {
      const choices = index.autocomplete(p);
      expect(choices.length, p).toBeLessThanOrEqual(FOOD_LIMITS.autocompleteChoices);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
        expect(index.lookup(c.value).id, c.value).toBe(c.value);
      }
      expect(new Set(choices.map((c) => c.value)).size, p).toBe(choices.length);
    }
  });

  it('fills all 25 choices for a common prefix', () => {
    expect(index.autocomplete('s')).toHaveLength(25);
  });

  it('shows the richest curated foods for an empty partial', () => {
    const values = index.autocomplete('').map((c) => c.value);
    const richest = [...kb.foods]
      .sort((a, b) => b.mcg - a.mcg)
      .slice(0, values.length)
      .map((f) => f.id);
    expect(values).toEqual(richest);
    expect(values[0]).toBe('brazil-nuts');
  });

  it('lists curated foods first, then USDA rows', () => {
    const values = index.autocomplete('chicken').map((c) => c.value);
    expect(values[0]).toBe('chicken-light-meat');
    expect(values.slice(1).some((v) => v.startsWith('usda-'))).toBe(true);
    const firstUsda = values.findIndex((v) => v.startsWith('usda-'));
    expect(values.slice(firstUsda).every((v) => v.startsWith('usda-'))).toBe(true);
  });

  it('forgives typos and completes words', () => {
    expect(index.autocomplete('brazl')[0]?.value).toBe('brazil-nuts');
    expect(index.autocomplete('yoghurt')[0]?.value).toBe('yogurt');
    expect(
      index
        .autocomplete('salmo')
        .map((c) => c.name)
        .join(' '),
    ).toMatch(/salmon/i);
    expect(index.autocomplete('oyster')[0]?.name).toMatch(/^Mollusks, oyster/);
  });
});

describe('top', () => {
  it('lists the richest curated foods per serving when no category is given', () => {
    const top = index.top({ limit: 5 });
    expect(top).toHaveLength(5);
    const mcg = top.map((r) => r.mcg ?? 0);
    expect(mcg).toEqual([...mcg].sort((a, b) => b - a));
    expect(top[0]?.id).toBe('brazil-nuts');
  });

  it('clamps the limit', () => {
    expect(index.top({ limit: 1000 })).toHaveLength(FOOD_LIMITS.topMax);
    expect(index.top({ limit: 0 })).toHaveLength(1);
    expect(index.top()).toHaveLength(FOOD_LIMITS.topDefault);
  });

  it.each([
    ['fish', ['tuna', 'halibut', 'sardines', 'shrimp'], ['banana', 'brazil-nuts', 'ham']],
    ['nuts', ['brazil-nuts', 'cashews'], ['tuna', 'banana']],
    ['meat', ['ham', 'turkey', 'beef-steak'], ['tuna', 'spinach', 'brazil-nuts']],
    ['cereal', ['puffed-wheat', 'oatmeal'], ['tuna', 'milk']],
    ['vegetables', ['spinach', 'carrots'], ['tuna', 'banana']],
    ['dairy', ['milk', 'yogurt', 'cottage-cheese'], ['tuna', 'spinach']],
  ])('category %s', (category, included, excluded) => {
    const top = index.top({ category, limit: 25 });
    const ids = top.map((r) => r.id);
    for (const id of included) expect(ids, `${category} has ${id}`).toContain(id);
    for (const id of excluded) expect(ids, `${category} lacks ${id}`).not.toContain(id);
    // Curated rows first by selenium per serving, then USDA rows by selenium per 100 g.
    const ods = top.filter((r) => r.table === 'ods').map((r) => r.mcg ?? 0);
    const usda = top.filter((r) => r.table === 'usda').map((r) => r.per100g ?? 0);
    expect(ods).toEqual([...ods].sort((a, b) => b - a));
    expect(usda).toEqual([...usda].sort((a, b) => b - a));
    expect(top.findIndex((r) => r.table === 'usda')).toBeGreaterThanOrEqual(ods.length);
  });

  it('understands plural and synonym category words', () => {
    expect(findCategory('seafood')?.id).toBe('fish');
    expect(findCategory('Vegetable')?.id).toBe('vegetables');
    expect(findCategory('grains')?.id).toBe('cereal');
    expect(findCategory('spaceships')).toBeNull();
    for (const c of CATEGORIES) expect(findCategory(c.id)?.id).toBe(c.id);
  });

  it('filters by name for words that are not categories, and is empty for nonsense', () => {
    const cheddar = index.top({ category: 'cheddar', limit: 5 });
    expect(cheddar.length).toBeGreaterThan(0);
    for (const r of cheddar) expect(r.name).toMatch(/cheddar/i);
    expect(index.top({ category: 'qqqq' })).toEqual([]);
  });
});

describe('compare', () => {
  it('compares two curated foods per serving', () => {
    const c = index.compare('brazil nuts', 'tuna');
    const brazil = kb.foods.find((f) => f.id === 'brazil-nuts')?.mcg ?? 0;
    const tuna = kb.foods.find((f) => f.id === 'tuna')?.mcg ?? 1;
    expect(c.a.id).toBe('brazil-nuts');
    expect(c.b.id).toBe('tuna');
    expect(c.ratio).toBeCloseTo(brazil / tuna, 1);
    expect(c.text).toContain('Brazil nuts');
    expect(c.text).toContain(String(brazil));
    expect(c.text).toMatch(/times as much/);
  });

  it('handles a food with no selenium and an unknown food', () => {
    const zero = index.compare('tuna', 'lettuce');
    expect(zero.ratio).toBeNull();
    expect(zero.text).toMatch(/essentially none/);
    const unknown = index.compare('qqqq', 'tuna');
    expect(unknown.a.found).toBe(false);
    expect(unknown.ratio).toBeNull();
    expect(unknown.text).toContain('qqqq');
  });

  it('compares USDA rows per 100 g too', () => {
    const c = index.compare('salmon', 'oysters');
    expect(c.a.table).toBe('usda');
    expect(c.text).toMatch(/per 100 g/);
  });
});

describe('top: categories by food group, two ranked groups', () => {
  it('ranks Brazil nuts first among nuts and keeps spices out', () => {
    const groups = index.topGroups({ category: 'nuts', limit: 25 });
    expect(groups.map((g) => g.table)).toEqual(['ods', 'usda']);
    expect(groups[0]?.foods[0]?.id).toBe('brazil-nuts');
    expect(groups[1]?.foods[0]?.name).toMatch(/brazil ?nuts/i);
    const names = groups.flatMap((g) => g.foods.map((f) => f.name ?? ''));
    expect(names.filter((n) => /^spices\b|mustard/i.test(n))).toEqual([]);
  });

  it('puts a USDA row in the categories of its food group only', () => {
    // Mustard seed is in SR food group 02 (spices): a "seed" by name, not by group.
    const mustard = kb.usda.foods.find((r) => /^spices, mustard seed/i.test(r[1]));
    expect(mustard?.[0].startsWith('02')).toBe(true);
    for (const category of ['nuts', 'seeds', 'vegetables', 'cereal']) {
      expect(index.top({ category, limit: 25 }).map((r) => r.id)).not.toContain(`usda-${mustard?.[0]}`);
    }
    expect(index.top({ category: 'cereal', limit: 25 }).map((r) => r.id)).not.toContain('spaghetti-sauce');
  });

  it.each(['nuts', 'fish', 'meat', 'cereal', 'dairy', 'vegetables', 'fruit', 'legumes', ''])(
    'orders each group strictly by its own unit (%s)',
    (category) => {
      const groups = index.topGroups({ category: category || undefined, limit: 25 });
      for (const g of groups) {
        const amounts = g.foods.map((f) => (g.unit === 'serving' ? f.mcg : f.per100g) ?? 0);
        expect(amounts, `${category} ${g.table}`).toEqual([...amounts].sort((a, b) => b - a));
        expect(g.foods.every((f) => f.table === g.table)).toBe(true);
        expect(g.label).toMatch(g.unit === 'serving' ? /per serving/ : /per 100 g/);
      }
      expect(index.top({ category: category || undefined, limit: 25 })).toEqual(groups.flatMap((g) => g.foods));
    },
  );

  it('lists one row per food and amount, without stand-ins or powders', () => {
    for (const category of ['nuts', 'dairy', 'meat']) {
      const usda = index.top({ category, limit: 25 }).filter((r) => r.table === 'usda');
      const keys = usda.map((r) => `${(r.name ?? '').replace(/,? ?(with|without) salt( added)?/gi, '')}|${r.per100g}`);
      expect(new Set(keys).size, category).toBe(keys.length);
      for (const r of usda) expect(r.name, category).not.toMatch(/meatless|imitation|substitute|powder/i);
    }
  });
});

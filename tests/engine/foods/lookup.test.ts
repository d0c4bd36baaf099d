import { describe, expect, it } from 'vitest';
import { createFoodIndex, normaliseServings } from '../../../src/engine/foods/index.js';
import { looksSpecial, realKnowledge } from './kb.js';

const { kb, index } = realKnowledge();
const dv = kb.facts.dailyValue.mcg;

describe('curated lookup', () => {
  it('finds every curated food by its name, its id and each alias', () => {
    for (const food of kb.foods) {
      expect(index.lookup(food.name).id, food.name).toBe(food.id);
      expect(index.lookup(food.id).id, food.id).toBe(food.id);
      for (const alias of food.aliases) {
        const hit = index.lookup(alias);
        expect(hit.found, alias).toBe(true);
        expect(hit.table, alias).toBe('ods');
        expect(hit.id, alias).toBe(food.id);
      }
    }
  });

  it.each([
    ['Brazil nuts', 'brazil-nuts'],
    ['brazil nut', 'brazil-nuts'],
    ['BRAZIL NUTS!', 'brazil-nuts'],
    ['brazl nuts', 'brazil-nuts'],
    ['bananna', 'banana'],
    ['bananas', 'banana'],
    ['yoghurt', 'yogurt'],
    ['eggs', 'egg'],
    ['egg', 'egg'],
    ['raw carrots', 'carrots'],
    ['peaches', 'peach'],
    ['potatoes', 'potato'],
    ['tuna', 'tuna'],
    ['a handful of brazil nuts', 'brazil-nuts'],
    ['glass of milk', 'milk'],
    ['marinara sauce', 'spaghetti-sauce'],
  ])('%s -> %s', (query, id) => {
    const hit = index.lookup(query);
    expect(hit.found).toBe(true);
    expect(hit.id).toBe(id);
    expect(hit.table).toBe('ods');
  });

  it('fills the CLI contract for a found food', () => {
    const hit = index.lookup('brazil nuts');
    const food = kb.foods.find((f) => f.id === 'brazil-nuts');
    expect(hit).toMatchObject({ found: true, name: food?.name, serving: food?.serving, mcg: food?.mcg });
    expect(hit.source?.id).toBe(food?.sourceId);
    expect(hit.source?.title).toBe(kb.references.find((r) => r.id === food?.sourceId)?.title);
    expect(hit.source?.url).toMatch(/^https:\/\//);
  });

  it('computes %DV from the Daily Value for every curated food', () => {
    for (const food of kb.foods) {
      expect(index.lookup(food.id).percentDailyValue, food.id).toBe(Math.round((food.mcg / dv) * 100));
    }
  });

  it('multiplies by servings and labels the serving', () => {
    const one = index.lookup('tuna');
    const three = index.lookup('tuna', { servings: 3 });
    expect(three.mcg).toBe((one.mcg ?? 0) * 3);
    expect(three.percentDailyValue).toBe(Math.round((((one.mcg ?? 0) * 3) / dv) * 100));
    expect(three.serving).toContain(one.serving ?? '');
    expect(three.serving).toMatch(/^3 ×/);
    expect(index.lookup('tuna', { servings: 0.5 }).mcg).toBe((one.mcg ?? 0) / 2);
  });

  it('treats nonsense servings as one serving', () => {
    for (const bad of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) expect(normaliseServings(bad)).toBe(1);
    expect(index.lookup('tuna', { servings: -1 }).mcg).toBe(index.lookup('tuna').mcg);
  });

  it('answers unknown foods with found: false and close suggestions', () => {
    const miss = index.lookup('qwzx plorb');
    expect(miss).toMatchObject({ found: false, name: null, mcg: null, percentDailyValue: null, source: null });
    const near = index.lookup('brazilian nutz');
    // Either a close match or a suggestion naming it; never a crash or an unrelated pick.
    if (near.found) expect(near.id).toBe('brazil-nuts');
    else expect(near.suggestions.join(' ')).toMatch(/brazil/i);
    const salmonish = index.lookup('purple salmon sandwich deluxe');
    expect(salmonish.found).toBe(false);
    expect(salmonish.suggestions.some((s) => /salmon/i.test(s))).toBe(true);
    expect(salmonish.suggestions.length).toBeLessThanOrEqual(5);
  });

  it('never throws on odd input', () => {
    for (const q of ['', '   ', '!!!', 'a'.repeat(10_000), '\u0000\u200b', '🥜🥜', 'usda-', '00000']) {
      expect(() => index.lookup(q)).not.toThrow();
    }
    expect(index.lookup('').found).toBe(false);
  });
});

describe('USDA lookup', () => {
  it('has the USDA table loaded', () => {
    expect(kb.usda.foods.length).toBeGreaterThan(5000);
  });

  it('lets the curated row win where both tables have the food', () => {
    let overlapping = 0;
    for (const food of kb.foods) {
      for (const alias of food.aliases) {
        const word = alias.toLowerCase().split(' ')[0] ?? '';
        const inUsda = kb.usda.foods.some((r) => r[1].toLowerCase().startsWith(`${word},`));
        if (!inUsda) continue;
        overlapping++;
        expect(index.lookup(alias).table, alias).toBe('ods');
      }
    }
    // The check means something only if the tables overlap (milk, egg, spinach, ...).
    expect(overlapping).toBeGreaterThan(5);
  });

  it.each([
    ['salmon', /^(fish, )?salmon, /i],
    ['oysters', /^mollusks, oyster, /i],
    ['avocado', /^avocados, /i],
    ['chicken liver', /^chicken, liver/i],
    ['sunflower seeds', /^seeds, sunflower seed kernels/i],
    ['cod', /^fish, cod, /i],
    ['almonds', /^nuts, almonds/i],
  ])('common name %s finds a generic entry', (query, pattern) => {
    const hit = index.lookup(query);
    expect(hit.found).toBe(true);
    expect(hit.table).toBe('usda');
    expect(hit.name).toMatch(pattern);
    expect(looksSpecial(hit.name ?? '')).toBe(false);
    expect(hit.source?.id).toBe(kb.usda.sourceId);
  });

  it('ranks generic rows before brand, restaurant and baby-food rows', () => {
    for (const query of ['salmon', 'oysters', 'chicken', 'beans', 'pizza', 'apple', 'cheese']) {
      const hit = index.lookup(query);
      expect(looksSpecial(hit.name ?? ''), `${query} -> ${hit.name}`).toBe(false);
    }
  });

  it('forgives typos in USDA names', () => {
    expect(index.lookup('salmn').name).toMatch(/salmon/i);
    expect(index.lookup('oystr').name).toMatch(/oyster/i);
    expect(index.lookup('avocadoes').name).toMatch(/avocado/i);
  });

  it('matches names the table writes as one word or as a variety', () => {
    expect(index.lookup('flax seeds').name).toMatch(/^seeds, flaxseed/i);
    expect(index.lookup('cheddar').name).toMatch(/^cheese, cheddar/i);
    expect(index.lookup('parmesan').name).toMatch(/^cheese, parmesan/i);
  });

  it('gives per 100 g and per serving, and cites USDA', () => {
    const hit = index.lookup('salmon');
    const row = kb.usda.foods.find((r) => `usda-${r[0]}` === hit.id);
    expect(row).toBeDefined();
    if (!row) return;
    const [, description, per100g, grams, label] = row;
    expect(hit.name).toBe(description);
    expect(hit.per100g).toBe(per100g);
    if (grams !== null && label !== null) {
      expect(hit.serving).toContain(label);
      expect(hit.mcg).toBeCloseTo((per100g * grams) / 100, 1);
    }
    expect(hit.notes.join(' ')).toContain('per 100 g');
  });

  it('adds the soil note to plant foods only', () => {
    const soil = kb.facts.plantSoilNote.text;
    expect(index.lookup('avocado').notes).toContain(soil);
    expect(index.lookup('spinach').notes).toContain(soil);
    expect(index.lookup('salmon').notes).not.toContain(soil);
    expect(index.lookup('tuna').notes).not.toContain(soil);
  });

  it('finds a USDA row by its id', () => {
    const [ndb, description] = kb.usda.foods[0] ?? ['', ''];
    expect(index.lookup(`usda-${ndb}`).name).toBe(description);
    expect(index.lookup(description).id).toBe(`usda-${ndb}`);
  });
});

describe('curated versus USDA for longer names', () => {
  it('prefers a USDA row that names the whole food over a curated word inside it', () => {
    expect(index.lookup('tuna salad').name).toMatch(/tuna salad/i);
    expect(index.lookup('white rice').name).toMatch(/^rice, white/i);
    expect(index.lookup('chicken liver').table).toBe('usda');
  });
});

describe('common names and generic varieties', () => {
  it.each([
    ['hot dog', /^frankfurter/i],
    ['hot dogs', /^frankfurter/i],
    ['hotdog', /^frankfurter/i],
    ['venison', /^game meat, deer/i],
    ['bacon', /^pork, cured, bacon/i],
    ['mushrooms', /^mushrooms, white/i],
    ['salmon', /^fish, salmon, atlantic/i],
    ['aubergine', /^eggplant/i],
    ['courgette', /zucchini/i],
    ['garbanzo beans', /^chickpeas/i],
    ['pork mince', /^pork, ground/i],
    ['tofu', /^tofu/i],
    // Noun-first descriptions: word order alone would find milk-chocolate candy and broth cubes.
    ['chocolate milk', /^milk, chocolate, fluid/i],
    ['chicken soup', /^soup, chicken noodle/i],
    ['milkshake', /^milk shakes/i],
    ['cheese', /^cheese, cheddar/i],
  ])('%s -> %s', (query, name) => {
    const hit = index.lookup(query);
    expect(hit.table).toBe('usda');
    expect(hit.name).toMatch(name);
  });

  it('prefers plain rows over stand-ins and processed forms', () => {
    for (const q of ['bacon', 'sausage', 'hot dog', 'crab', 'mushrooms', 'tofu', 'venison']) {
      expect(index.lookup(q).name, q).not.toMatch(/meatless|imitation|substitute|powder|dehydrated|dry mix/i);
    }
  });

  it('finds a food with a cut or form word the table does not use', () => {
    expect(index.lookup('salmon fillet').name).toMatch(/^fish, salmon/i);
    expect(index.lookup('grilled salmon').name).toMatch(/^fish, salmon, .*cooked/i);
    expect(index.lookup('venison steak').name).toMatch(/^game meat, deer, .*steak/i);
  });

  it('does not make a food of a pet or a nutrient alone', () => {
    for (const q of ['dog', 'dogs', 'my dog', 'cat', 'horse', 'caffeine', 'vitamin c', 'protein']) {
      expect(index.lookup(q).found, `${q} -> ${index.lookup(q).name}`).toBe(false);
    }
    // A nutrient that is the name of a food's head is still that food.
    expect(index.lookup('sugar').name).toMatch(/^sugars/i);
    expect(index.lookup('horse meat').name).toMatch(/horse/i);
  });

  it('offers common names in autocomplete', () => {
    const venison = index.autocomplete('venis');
    expect(venison[0]?.name).toMatch(/^game meat, deer/i);
    expect(index.autocomplete('hot do').some((c) => /^frankfurter/i.test(c.name))).toBe(true);
  });
});

describe('general ranking rules, without the common-names file', () => {
  const bare = createFoodIndex({ ...kb, foodNames: [] });

  it('ranks stand-ins ("meatless", "imitation") after real foods of the next tier', () => {
    expect(bare.lookup('bacon').name).not.toMatch(/meatless/i);
    expect(bare.lookup('bacon').name).toMatch(/bacon/i);
    expect(bare.lookup('crab').name).not.toMatch(/imitation|surimi/i);
  });

  it('still keeps pets and nutrients from becoming foods', () => {
    expect(bare.findInText('is selenium good for dogs')).toBeNull();
    expect(bare.findInText('how much caffeine is too much')).toBeNull();
    expect(bare.lookup('dogs').found).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compoundForms, reshapeText } from '../../../src/engine/foods/naming.js';
import { buildFoodTables } from '../../../src/engine/foods/tables.js';
import { foodTokens } from '../../../src/engine/foods/text.js';
import { createUsdaSearch } from '../../../src/engine/foods/usda-search.js';
import { realKnowledge } from './kb.js';

// Food-name matching rules: a curated (NIH ODS) row wins whenever the query plausibly names it; compounds
// split or joined; typos repaired towards curated names; preparation words do not derail; a food that only
// shares an ingredient word never wins; a USDA row with 0 mcg only when the query names it.

const { kb, index } = realKnowledge();
const tables = buildFoodTables(kb);
const search = createUsdaSearch(tables);

const idOf = (query: string) => index.lookup(query).id;
const food = (id: string) => {
  const found = kb.foods.find((f) => f.id === id);
  if (!found) throw new Error(`no curated food ${id}`);
  return found;
};

describe('a curated row wins when the query plausibly names it', () => {
  it.each([
    ['low fat yogurt', 'yogurt'],
    ['yogurt low fat', 'yogurt'],
    ['lowfat yogurt', 'yogurt'],
    ['turkey boneless', 'turkey'],
    ['sardines in oil', 'sardines'],
    ['macaroni pasta', 'macaroni'],
    ['roasted cashews', 'cashews'],
    ['frozen spinach', 'spinach'],
    ['oat meal', 'oatmeal'],
    // Both words are the curated oatmeal's names, although a common name maps them to dry rolled oats.
    ['porridge oats', 'oatmeal'],
  ])('%s -> %s', (query, id) => {
    expect(idOf(query)).toBe(id);
  });

  it('holds for every curated food: an alias with another word of its own name still names it', () => {
    // A query that spells a whole USDA description ("corn yellow": "Corn, yellow") names that row instead.
    const descriptions = new Set(tables.rows.map((r) => foodTokens(r[1]).join(' ')));
    const misses: string[] = [];
    for (const f of kb.foods) {
      const own = new Set(foodTokens([f.name, ...f.aliases].join(' ')));
      for (const alias of f.aliases) {
        const aliasTokens = new Set(foodTokens(alias));
        for (const word of foodTokens(f.name.split(',').slice(1).join(' '))) {
          if (aliasTokens.has(word) || !own.has(word) || /^\d/.test(word)) continue;
          const query = `${alias} ${word}`;
          if (descriptions.has(foodTokens(query).join(' '))) continue;
          if (idOf(query) !== f.id) misses.push(`${query} -> ${idOf(query)}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('leaves foods the curated name does not cover to the USDA table', () => {
    // Each adds a word the curated row's name lacks, and the USDA table has that food.
    for (const query of ['raw spinach', 'chicken liver', 'whole milk', 'egg white', 'ground turkey']) {
      expect(index.lookup(query).table, query).toBe('usda');
    }
  });
});

describe('compounds written split or joined', () => {
  it('joins and splits against the known words', () => {
    const known = new Set(['oatmeal', 'corn', 'flake', 'cereal', 'oat', 'meal']);
    const has = (w: string) => known.has(w);
    expect(compoundForms(['oat', 'meal'], has)).toEqual(['oatmeal']);
    expect(compoundForms(['cornflake', 'cereal'], has)).toEqual(['corn', 'flake', 'cereal']);
    // Unknown words with no known halves stay as typed.
    expect(compoundForms(['qwertyuiop'], has)).toEqual(['qwertyuiop']);
  });

  it('finds the same food whichever way the compound is written', () => {
    expect(idOf('cornflakes')).toBe(idOf('corn flakes'));
    expect(idOf('corn-flakes')).toBe(idOf('corn flakes'));
    expect(index.lookup('corn flakes').name).toMatch(/corn flakes/i);
    expect(idOf('wholewheat bread')).toBe('bread-whole-wheat');
    expect(idOf('oat meal')).toBe(idOf('oatmeal'));
  });

  it('a cereal that only shares the word "cereal" is not corn flakes', () => {
    expect(idOf('cornflake cereal')).not.toBe('puffed-wheat');
    expect(index.lookup('cornflake cereal').name).toMatch(/corn flakes/i);
  });

  it('keeps the words as typed for a text match', () => {
    const opts = {
      known: (w: string) => ['corn', 'flake', 'oatmeal', 'selenium', 'wheat', 'bread'].includes(w),
      curated: (w: string) => ['oatmeal', 'wheat', 'bread'].includes(w),
      frame: (w: string) => w === 'in' || w === 'selenium',
      repair: (w: string) => (w === 'weat' ? 'wheat' : w),
    };
    const split = reshapeText(['selenium', 'in', 'cornflake'], ['selenium', 'in', 'cornflakes'], opts);
    expect(split.tokens).toEqual(['selenium', 'in', 'corn', 'flake']);
    expect(split.words).toEqual(['selenium', 'in', 'cornflakes', '']);
    const joined = reshapeText(['oat', 'meal'], ['oat', 'meal'], opts);
    expect(joined).toEqual({ tokens: ['oatmeal'], words: ['oat meal'], repaired: [false] });
    const fixed = reshapeText(['weat', 'bread'], ['weat', 'bread'], opts);
    expect(fixed).toEqual({ tokens: ['wheat', 'bread'], words: ['weat', 'bread'], repaired: [true, false] });
  });
});

describe('typo repair prefers curated names', () => {
  it.each([
    ['sardins in oil', 'sardines'],
    ['whole weat bread', 'bread-whole-wheat'],
    ['yougurt low fat', 'yogurt'],
    ['chiken breast', 'chicken-light-meat'],
  ])('%s -> %s', (query, id) => {
    expect(index.lookup(query)).toMatchObject({ table: 'ods', id });
  });

  it('repairs misspelt curated words in free text, and says it was a typo', () => {
    const hit = index.findInText('how much selenium in whole weat bread');
    expect(hit?.result.id).toBe('bread-whole-wheat');
    expect(hit?.matchedBy).toBe('typo');
    expect(hit?.matched).toBe('whole weat bread');
  });

  it('finds split and joined compounds in free text', () => {
    expect(index.findInText('selenium in oat meal?')?.result.id).toBe('oatmeal');
    expect(index.findInText('how much selenium in cornflakes')?.result.name).toMatch(/corn flakes/i);
    expect(index.findInText('how much selenium in cornflakes')?.matched).toBe('cornflakes');
  });
});

describe('preparation words do not derail', () => {
  it.each([
    ['grilled chicken', 'chicken-light-meat'],
    ['roasted chicken', 'chicken-light-meat'],
    ['roast turkey', 'turkey'],
    ['boiled egg', 'egg'],
    ['steamed spinach', 'spinach'],
    ['grilled tuna', 'tuna'],
  ])('%s -> %s', (query, id) => {
    expect(idOf(query)).toBe(id);
  });

  it('"fried" makes a dish of its own, still the same food', () => {
    expect(index.lookup('fried egg').name).toMatch(/^eggs?\b/i);
  });

  it('never turns a cooked dish into a sandwich or a lunch meat', () => {
    for (const query of ['grilled chicken', 'roasted chicken', 'boiled potatoes']) {
      expect(index.lookup(query).name, query).not.toMatch(/sandwich|roll|skin, without/i);
    }
  });
});

describe('a food that shares an ingredient word never wins over the food itself', () => {
  it('ranks the food named with its qualifier above a food that contains it', () => {
    const terms = search.terms(['fat', 'yogurt'], { prefixLast: false, fuzzy: false });
    if (!terms) throw new Error('terms not found');
    const top = search.searchUsda(terms, 5, { named: true });
    const first = tables.rows[top[0]?.index ?? -1]?.[1];
    expect(first).toMatch(/^Yogurt/);
    const margarine = top.findIndex((m) => /margarine/i.test(tables.rows[m.index]?.[1] ?? ''));
    expect(margarine === -1 || margarine > 0).toBe(true);
  });

  it.each([
    ['low fat yogurt', /margarine/i],
    ['macaroni pasta', /pasta mix/i],
    ['oat meal', /cookies/i],
  ])('%s is not %s', (query, wrong) => {
    expect(index.lookup(query).name).not.toMatch(wrong);
  });
});

describe('a USDA row with no selenium only when the query names it', () => {
  it('does not answer a query with a zero row that merely shares its words', () => {
    for (const query of ['sardines in oil', 'low fat yogurt', 'yogurt low fat', 'sardine oil']) {
      const result = index.lookup(query);
      expect(result.mcg, `${query}: ${result.name}`).toBeGreaterThan(0);
    }
  });

  it('still shows a zero row the query names', () => {
    const water = index.lookup('water');
    expect(water).toMatchObject({ found: true, mcg: 0 });
    expect(water.name).toMatch(/^water/i);
    expect(index.lookup('chai').name).toMatch(/chai/i);
    // A curated food with 0 mcg is always shown: the table says so.
    expect(index.lookup('peaches')).toMatchObject({ id: food('peach').id, mcg: 0 });
  });
});

describe('toast is the bread it is made from', () => {
  it.each([
    ['wholemeal toast', 'bread-whole-wheat'],
    ['brown toast', 'bread-whole-wheat'],
    ['2 slices of whole grain toast', 'bread-whole-wheat'],
    ['white toast', 'bread-white'],
  ])('%s -> %s', (query, id) => {
    expect(idOf(query)).toBe(id);
  });

  it('leaves toasts that are other foods to the USDA table', () => {
    for (const q of ['french toast', 'melba toast']) expect(idOf(q), q).not.toMatch(/^bread-/);
  });
});

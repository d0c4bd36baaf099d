import { describe, expect, it } from 'vitest';
import { looksSpecial, realKnowledge } from './kb.js';

const { index } = realKnowledge();

// The foods people ask about most, with what the row's name must start with. Both ways in (the
// /food lookup and a chat question) must land on the same plain, generic row.
const COMMON: [query: string, name: RegExp][] = [
  ['salmon', /^fish, salmon/i],
  ['cod', /^fish, cod/i],
  ['shrimp', /^shrimp/i],
  ['chicken breast', /^chicken/i],
  ['pork chop', /^pork, .*chop/i],
  ['lamb', /^lamb/i],
  ['eggs', /^egg/i],
  ['cheese', /^cheese/i],
  ['yogurt', /^yogurt/i],
  ['milk', /^milk/i],
  ['oats', /oat/i],
  ['rice', /^rice/i],
  ['bread', /^bread/i],
  ['pasta', /^(macaroni|pasta|spaghetti)/i],
  ['beans', /beans/i],
  ['lentils', /^lentils/i],
  ['tofu', /^tofu/i],
  ['mushrooms', /^mushrooms/i],
  ['spinach', /^spinach/i],
  ['broccoli', /^broccoli/i],
  ['potatoes', /^potato/i],
  ['bananas', /^banana/i],
  ['apples', /^apples/i],
  ['oranges', /^oranges/i],
  ['sunflower seeds', /^seeds, sunflower/i],
  ['walnuts', /^nuts, walnuts/i],
  ['almonds', /^nuts, almonds/i],
  ['peanuts', /^peanuts/i],
  ['cashews', /^cashew|^nuts, cashew/i],
  ['brazil nuts', /^brazil nuts/i],
];

/** Forms nobody means by the plain name. */
const NOT_GENERIC = /meatless|imitation|substitute|powder|dehydrated|mix|babyfood|infant|with salt added|, salted/i;

describe('the 30 most asked-about foods', () => {
  it.each(COMMON)('%s: lookup and a chat question find the same generic row', (query, name) => {
    const hit = index.lookup(query);
    expect(hit.found, query).toBe(true);
    expect(hit.name).toMatch(name);
    expect(looksSpecial(hit.name ?? ''), hit.name ?? '').toBe(false);
    expect(hit.name).not.toMatch(NOT_GENERIC);
    const text = index.findInText(`how much selenium is in ${query}`);
    expect(text?.result.id, `${query}: ${text?.result.name}`).toBe(hit.id);
    expect(text?.matched).toBe(query);
  });
});

describe('generic rows over one variety', () => {
  it('prefers "all types" / "all varieties" rows to a named variety', () => {
    expect(index.lookup('peanuts').name).toMatch(/all types/i);
    expect(index.lookup('oranges').name).toMatch(/all commercial varieties/i);
    expect(index.lookup('summer squash').name).toMatch(/all varieties/i);
  });

  it('prefers an unsalted row where the table has both', () => {
    for (const q of ['almonds', 'peanuts', 'pistachios', 'sunflower seeds']) {
      expect(index.lookup(q).name, q).not.toMatch(/with salt/i);
    }
  });

  it('names the drinks by their everyday row', () => {
    expect(index.lookup('wine').name).toMatch(/^alcoholic beverage, wine, table/i);
    expect(index.lookup('tea').name).toMatch(/^tea, black, brewed/i);
    expect(index.lookup('coffee').name).toMatch(/^coffee, brewed/i);
  });
});

describe('plant milks named in other languages', () => {
  // "leche" alone is the curated milk; "leche de coco" is another food that only shares that word.
  it.each([
    ['leche de coco', /^nuts, coconut milk/i],
    ['lait de coco', /^nuts, coconut milk/i],
    ['leite de coco', /^nuts, coconut milk/i],
    ['leche de soja', /^soymilk/i],
    ['leche de almendra', /almond milk/i],
  ])('%s is not cow milk', (query, name) => {
    expect(index.lookup(query).name).toMatch(name);
    expect(index.findInText(`how much selenium is in ${query}`)?.result.name).toMatch(name);
  });

  it('leaves "leche" on its own to the curated milk', () => {
    expect(index.lookup('leche').name).toMatch(/^milk/i);
  });
});

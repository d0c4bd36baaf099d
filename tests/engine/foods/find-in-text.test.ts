import { describe, expect, it } from 'vitest';
import { realKnowledge } from './kb.js';

const { index } = realKnowledge();

describe('findInText', () => {
  it.each([
    ['how much selenium is in tuna?', 'tuna', 'tuna'],
    ['does an egg have selenium', 'egg', 'egg'],
    ['selenium content of brazil nuts', 'brazil-nuts', 'brazil nuts'],
    ['Selenium in BRAZIL NUTS?!', 'brazil-nuts', 'brazil nuts'],
    ['how much selenium in a cup of milk', 'milk', 'a cup of milk'],
    ['how much selenium in bananna', 'banana', 'bananna'],
    ['is yoghurt a good source of selenium', 'yogurt', 'yoghurt'],
  ])('%s -> curated %s', (text, id, matched) => {
    const hit = index.findInText(text);
    expect(hit?.result.id).toBe(id);
    expect(hit?.result.table).toBe('ods');
    expect(hit?.matched).toBe(matched);
  });

  it.each([
    ['how much selenium in salmon', /salmon/i, 'salmon'],
    ['what about oysters?', /oyster/i, 'oysters'],
    ['is there selenium in chicken liver', /^chicken, liver/i, 'chicken liver'],
    ['tuna salad selenium', /tuna salad/i, 'tuna salad'],
  ])('%s -> USDA %s', (text, name, matched) => {
    const hit = index.findInText(text);
    expect(hit?.result.table).toBe('usda');
    expect(hit?.result.name).toMatch(name);
    expect(hit?.matched).toBe(matched);
  });

  it('finds a two-word curated name written as one word, as the lookup does', () => {
    for (const [text, id] of [
      ['how much selenium is in sweetcorn?', 'corn'],
      ['is there selenium in cottagecheese', 'cottage-cheese'],
    ] as const) {
      expect(index.findInText(text)?.result.id).toBe(id);
      expect(index.lookup(text.split(' ').at(-1)?.replace('?', '') ?? '').id).toBe(id);
    }
    // Only the exact joined name: a word that merely starts like one is not the food.
    expect(index.findInText('how much selenium is in sweetcornflakes')?.result.id).not.toBe('corn');
  });

  it('does not turn random words into foods', () => {
    for (const text of [
      'laptop',
      'apple laptop',
      'is selenium good for the flu?',
      'does selenium help against covid',
      'what is selenium webdriver',
      'how much selenium should I take a day',
      'tell me about the immune system',
      'what is the weather like today',
      'is selenium an antioxidant?',
      'is selenium an essential nutrient',
      "what's the price of selenium per kg",
      '',
      '!!!',
    ]) {
      expect(index.findInText(text), text).toBeNull();
    }
  });

  it('may find a food in a non-food question; the engine decides the intent', () => {
    expect(index.findInText('how long should I boil an egg')?.result.id).toBe('egg');
  });

  it('survives very long text', () => {
    expect(() => index.findInText(`${'selenium '.repeat(2000)} tuna`)).not.toThrow();
  });
});

describe('findInText precision: a wrong food is worse than none', () => {
  it.each([
    'is selenium good for dogs',
    'is selenium good for my dog?',
    'my dog',
    'cat food',
    'how much selenium does my cat need',
    'selenium for my horse',
    'how much caffeine is too much',
    'how much protein do I need',
    'is alcohol bad with selenium',
    'vitamin c and selenium',
    'how much sugar per day',
    'calories',
    'is zinc better than selenium',
    'corn dogs',
  ])('%s -> no food', (text) => {
    const hit = index.findInText(text);
    expect(hit, `${text} -> ${hit?.result.name}`).toBeNull();
  });

  it('never takes a pet word for the hot dog it appears in', () => {
    for (const text of ['dogs', 'dog treats', 'selenium for puppies']) {
      expect(index.findInText(text)?.result.name ?? '', text).not.toMatch(/hot ?dog|frankfurter/i);
    }
  });

  it('takes a single USDA word only when it names the food, not when a description mentions it', () => {
    // "dog" appears in "Pickle relish, hot dog"; "seed" in "Fish, sunfish, pumpkin seed".
    for (const text of ['how much selenium in relish', 'selenium in pickle relish']) {
      const hit = index.findInText(text);
      if (hit) expect(hit.result.name, text).toMatch(/relish/i);
    }
    const sunflower = index.findInText('how much selenium in sunflower seeds');
    expect(sunflower?.result.name).toMatch(/^seeds, sunflower/i);
  });

  it('does not let a neighbouring food word turn a name into another food', () => {
    expect(index.findInText('how much selenium in almond milk')?.result.id).not.toBe('milk');
    expect(index.findInText('selenium in coconut milk')?.result.id).not.toBe('milk');
    expect(index.findInText('is there selenium in egg whites')?.result.name).toMatch(/^egg, white/i);
  });

  it('still finds foods next to context words', () => {
    expect(index.findInText('is tuna healthy')?.result.id).toBe('tuna');
    expect(index.findInText('eggs for breakfast, any selenium?')?.result.id).toBe('egg');
    expect(index.findInText('how much selenium in brazil nuts exactly')?.result.id).toBe('brazil-nuts');
  });
});

describe('findInText recall: names inside longer phrases', () => {
  it.each([
    ['how many mcg of selenium in tuna steak', 'tuna', 'tuna steak'],
    ['selenium in grilled tuna', 'tuna', 'grilled tuna'],
    ['canned sardines selenium', 'sardines', 'canned sardines'],
    ['wat about sardines', 'sardines', 'sardines'],
    ['and a fresh tuna fillet?', 'tuna', 'fresh tuna fillet'],
  ])('%s -> curated %s', (text, id, matched) => {
    const hit = index.findInText(text);
    expect(hit?.result.id).toBe(id);
    expect(hit?.matched).toBe(matched);
  });

  it.each([
    ['how much selenium in a salmon fillet', /salmon/i, 'salmon fillet'],
    ['wat about salmon', /salmon/i, 'salmon'],
    ['selenium in raw oysters', /oyster/i, 'raw oysters'],
    ['how much selenium in a hot dog', /^frankfurter/i, 'hot dog'],
    ['are hot dogs high in selenium', /^frankfurter/i, 'hot dogs'],
    ['selenium in venison', /^game meat, deer/i, 'venison'],
    ['selenium in venison steak', /^game meat, deer, .*steak/i, 'venison steak'],
    ['how much selenium in smoked salmon', /^fish, salmon, .*smoked/i, 'smoked salmon'],
    ['aubergine selenium content', /^eggplant/i, 'aubergine'],
  ])('%s -> USDA %s', (text, name, matched) => {
    const hit = index.findInText(text);
    expect(hit?.result.table).toBe('usda');
    expect(hit?.result.name).toMatch(name);
    expect(hit?.matched).toBe(matched);
  });

  it('lets a cooking word pick a cooked row of a common name', () => {
    expect(index.findInText('grilled salmon')?.result.name).toMatch(/cooked/i);
    expect(index.findInText('salmon')?.result.name).not.toMatch(/smoked|canned/i);
  });
});

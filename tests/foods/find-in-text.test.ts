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

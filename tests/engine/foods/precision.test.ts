import { describe, expect, it } from 'vitest';
import { nameOf, rowFeatures } from '../../../src/engine/foods/rank.js';
import { canNameFood, foodTokens, MODIFIER_WORDS } from '../../../src/engine/foods/text.js';
import { realKnowledge } from './kb.js';

const { kb, index } = realKnowledge();
const features = new Map(kb.usda.foods.map((r, i) => [`usda-${r[0]}`, rowFeatures(r, i)]));

describe('lookup: the main noun must be a food', () => {
  it.each([
    'plastic bag',
    'a plastic bag',
    'plastic',
    'car',
    'car tires',
    'tire',
    'phone',
    'phone case',
    'laptop',
    'apple laptop',
    'laptop charger',
    'table',
    'kitchen table',
    'chair',
    'shoe',
    'running shoes',
    'paper',
    'paper towel',
  ])('%s -> not found', (query) => {
    const hit = index.lookup(query);
    expect(hit.found, `${query} -> ${hit.name}`).toBe(false);
    expect(hit).toMatchObject({ name: null, mcg: null, id: null });
  });

  it('suggests the food word of a phrase whose main noun is not a food, never a typo of the object', () => {
    expect(index.lookup('apple laptop').suggestions.some((s) => /^apples/i.test(s))).toBe(true);
    // "plastic" is one letter from "classic" (as in "Pasta mix, classic beef"): not a suggestion.
    expect(index.lookup('plastic bag').suggestions.join(' ')).not.toMatch(/classic/i);
  });

  it('keeps food names that contain such a word, or that are close to one', () => {
    expect(index.lookup('table wine').name).toMatch(/wine, table/i);
    expect(index.lookup('chai').name).toMatch(/chai/i);
    expect(index.lookup('capers').name).toMatch(/^capers/i);
    expect(index.lookup('carrot').id).toBe('carrots');
  });

  it('takes a USDA word only where it names the food or a whole segment, not inside a qualifier', () => {
    // Every food word of the table, looked up alone: the row found carries it in its naming part
    // ("Fish, tuna" + first qualifier) or as a segment of its own ("Tea, herb, chamomile, brewed"),
    // never as part of a longer qualifier ("Leavening agents, baking powder, double-acting").
    const words = [...new Set(kb.usda.foods.flatMap((r) => foodTokens(r[1])))].filter(
      (w) => w.length > 3 && canNameFood(w) && !MODIFIER_WORDS.has(w) && !/\d/.test(w),
    );
    expect(words.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const word of words) {
      const hit = index.lookup(word);
      if (!hit.found || hit.table !== 'usda') continue;
      const f = features.get(hit.id ?? '');
      if (!f) continue;
      const segments = f.description.split(',').map(foodTokens);
      const named =
        nameOf(f).includes(word) ||
        segments.some((seg) => seg.includes(word) && seg.every((t) => t === word || !canNameFood(t)));
      // A typo fix names another word: then the query word is not in the row at all.
      if (!named && f.tokens.includes(word)) wrong.push(`${word} -> ${hit.name}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('findInText: an object word next to a food name makes a thing, not a food', () => {
  it.each([
    'how much selenium in rice paper',
    'banana phone',
    'is there selenium in a plastic banana',
    'selenium in my phone',
    'plastic bag',
  ])('%s -> no food', (text) => {
    const hit = index.findInText(text);
    expect(hit, `${text} -> ${hit?.result.name}`).toBeNull();
  });

  it('still finds the food when the object word is elsewhere in the question', () => {
    expect(index.findInText('I keep rice in a paper bag, how much selenium is in it')?.result.id).toBe('brown-rice');
    expect(index.findInText('how much selenium in bananas, asking from my phone')?.result.id).toBe('banana');
    expect(index.findInText('how much selenium is in marinara sauce')?.result.id).toBe('spaghetti-sauce');
  });
});

describe("findInText: a plain variety's adjective names no food", () => {
  it('reads "how common is it" as no food, and "common guava" as the guava', () => {
    for (const text of ['how common is it', 'is that a regular thing', 'how ordinary is selenium deficiency'])
      expect(index.findInText(text), text).toBeNull();
    expect(index.findInText('how much selenium in common guava')?.result.name).toMatch(/^Guavas, common/);
  });
});

describe('findInText: curated foods by their full table name', () => {
  const phrases = kb.foods.flatMap((f) => [f.name, ...f.aliases].map((p) => [f.id, p] as const));

  it.each(phrases)('%s as "%s" inside a question', (id, phrase) => {
    for (const text of [
      `how much selenium in ${phrase}`,
      `${phrase}: how much selenium?`,
      `is ${phrase} a good source of selenium`,
      `how much selenium in ${phrase.toUpperCase()}?!`,
    ]) {
      expect(index.findInText(text)?.result.id, text).toBe(id);
    }
  });

  it('matches a table name written without or with other punctuation', () => {
    const oatmeal = kb.foods.find((f) => f.id === 'oatmeal')?.name ?? '';
    expect(oatmeal).toMatch(/,/);
    for (const written of [oatmeal.replace(/,/g, ''), oatmeal.replace(/, /g, ' - '), `"${oatmeal}"`]) {
      expect(index.findInText(`how much selenium in ${written}`)?.result.id, written).toBe('oatmeal');
    }
    expect(index.findInText('selenium in hard-boiled eggs')?.result.id).toBe('egg');
    expect(index.findInText("how much selenium in cow's milk")?.result.id).toBe('milk');
  });
});

describe('findInText: drinks need a selenium question', () => {
  it.each([
    'how much water should I drink a day',
    'is coffee bad for you',
    'how much coffee is too much',
    'is green tea good for you',
    'how many cups of tea a day is ok',
    'can I drink beer tonight',
    'is red wine healthy',
    'are energy drinks safe',
    'is diet soda bad for your teeth',
    'how much alcohol per week',
  ])('%s -> no food', (text) => {
    const hit = index.findInText(text);
    expect(hit, `${text} -> ${hit?.result.name}`).toBeNull();
  });

  it.each([
    ['how much selenium is in coffee', /^coffee, brewed/i],
    ['selenium in tap water', /^water, tap/i],
    ['how many mcg of selenium in a cup of tea', /^tea, black/i],
    ['how much selenium in beer', /beer/i],
    ['selenium in red wine', /^alcoholic beverage, wine, table, red/i],
    ['does wine contain selenium', /^alcoholic beverage, wine, table/i],
  ])('%s -> %s', (text, name) => {
    expect(index.findInText(text)?.result.name).toMatch(name);
  });

  it('leaves foods that are not plain drinks alone', () => {
    expect(index.findInText('is milk good for you')?.result.id).toBe('milk');
    expect(index.findInText('how long should I boil an egg')?.result.id).toBe('egg');
  });

  it('says how each hit was matched, for the engine to weigh', () => {
    expect(index.findInText('how much selenium in tuna')?.matchedBy).toBe('curated');
    expect(index.findInText('selenium in venison')?.matchedBy).toBe('common-name');
    expect(index.findInText('is there selenium in chicken liver')?.matchedBy).toBe('usda-name');
    expect(index.findInText('how much selenium in bananna')?.matchedBy).toBe('typo');
  });
});

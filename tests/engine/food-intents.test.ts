import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Answer, Engine } from '../../src/engine/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

// Food questions in free text reach the food views (compare, category, plant-based, servings to the limit)
// and the member's own numbers are added up against the RDA and upper limit.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

const ask = (message: string): Answer => {
  const a = engine.ask(message);
  answerSchema.parse(a);
  return a;
};

describe('food intents in free text', () => {
  it('compares two foods', () => {
    const a = ask('which has more selenium, tuna or salmon?');
    expect(a).toMatchObject({ answered: true, route: 'food' });
    expect(a.text).toMatch(/Tuna.*92 mcg/);
    expect(a.text).toMatch(/salmon.*31 mcg/i);
    expect(a.citations.every((c) => c.kind === 'data')).toBe(true);
    expect(a.citations).toHaveLength(2);
  });

  it('lists the richest foods of a category', () => {
    const a = ask('top fish for selenium?');
    expect(a).toMatchObject({ answered: true, route: 'food' });
    expect(a.text).toContain('fish and seafood');
    expect(a.text).toMatch(/Tuna/);
    expect(a.text).not.toMatch(/Brazil/);
  });

  it('reads "good" as a ranking only when selenium is named', () => {
    expect(ask('what nuts are good for selenium').text).toContain('richest nuts');
    expect(ask('do cashews taste good roasted').text).not.toContain('richest');
  });

  it('lists plant foods only for a vegan', () => {
    const a = ask('best vegan sources of selenium');
    expect(a.text).toContain('plant foods');
    expect(a.text).toMatch(/Brazil nuts/);
    expect(a.text).not.toMatch(/Tuna|Beef|Chicken|Egg|Milk/i);
  });

  it('says how many servings reach the upper limit', () => {
    const a = ask('how many brazil nuts can i eat without going over the limit');
    expect(a.route).toBe('food');
    expect(a.text).toContain('544 mcg');
    expect(a.text).toContain('400 mcg');
    const eggs = ask('how many eggs a day before I hit the upper limit?');
    expect(eggs.text).toMatch(/About \d+ servings a day reach the adult upper limit/);
  });

  it('reads an overdose on a food as the same question, without "how many"', () => {
    const nuts = ask('is it possible to overdose on brazil nuts?');
    expect(nuts.route).toBe('food');
    expect(nuts.text).toContain('upper limit of 400 mcg');
    expect(ask('too many eggs, is that a thing with selenium?').text).toMatch(
      /servings a day reach the adult upper limit/,
    );
    // Selenium itself is not a food: that stays an intake question.
    expect(ask('can you overdose on selenium').route).toBe('entry');
  });

  it('adds a supplement and named foods against the RDA and upper limit', () => {
    const over = ask('i take a 200 mcg selenium pill plus eat brazil nuts most days, is that too much');
    expect(over.text).toContain('744 mcg');
    expect(over.text).toContain('above the adult upper limit of 400 mcg');
    const under = ask('if i take 300mcg supplement and eat tuna for dinner am i over 400');
    expect(under.text).toContain('392 mcg');
    expect(under.text).toContain('just below the upper limit');
    const alone = ask('my daughter takes a 50 mcg selenium pill, is that too much?');
    expect(alone.text).toContain('below the adult RDA of 55 mcg');
    expect(alone.citations.some((c) => c.kind === 'data' && c.quote.includes('400 mcg'))).toBe(true);
  });

  it('counts a dose taken several times a day', () => {
    for (const message of [
      'been taking 3x 200mcg tabs a day, thats fine right?',
      'i take 3 pills of 200 mcg each day, safe?',
      '200mcg three times a day, too much?',
    ]) {
      const a = ask(message);
      expect(a.route, message).toBe('food');
      expect(a.text, message).toContain('3 × 200 mcg a day: 600 mcg');
      expect(a.text, message).toContain('above the adult upper limit of 400 mcg');
    }
    expect(ask('taking 2 x 200mcg caps daily, is that ok?').text).toContain(
      'the adult upper limit of 400 mcg a day itself',
    );
  });

  it('reads an amount per day as an intake without a word for a pill', () => {
    const a = ask('is 600mcg a day ok');
    expect(a.route).toBe('food');
    expect(a.text).toContain('above the adult upper limit of 400 mcg');
  });

  it('takes "30 times" as no count: the amount is not multiplied by a typo', () => {
    expect(ask('i take a 200 mcg pill 30 times a day, too much?').text).not.toContain('6000');
  });

  it('leaves questions that are not food views where they were', () => {
    expect(ask('what percentage of my daily selenium needs comes from a cup of milk').text).not.toContain('richest');
    expect(ask('is 400 mcg the max or can u go higher').route).toBe('entry');
    expect(ask('does zinc or selenium help more with colds').answered).toBe(false);
    expect(ask('brazil nuts or pills, which is better for immunity?').route).not.toBe('food');
  });

  it('states the reference amounts when an entry answers an amount question', () => {
    const a = ask('rda for selenium?');
    expect(a.route).toBe('entry');
    expect(a.text).toContain('Adult RDA: 55 mcg a day');
    expect(a.citations.some((c) => c.kind === 'quote')).toBe(true);
  });
});

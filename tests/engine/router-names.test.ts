import { describe, expect, it } from 'vitest';
import { compileLexicon, normaliseText, words } from '../../src/engine/normalise.js';
import { createRouter } from '../../src/engine/router.js';
import { realKnowledge } from './foods/kb.js';

// The router keeps the stems of the curated foods' names once worked out (createRouter's `fixedNames`):
// a router that keeps them must judge every food question as one that stems every name afresh.

describe('createRouter fixedNames', () => {
  const { kb } = realKnowledge();
  const lexicon = compileLexicon(kb.lexicon);
  const names = kb.foods.flatMap((f) => [f.name, ...f.aliases]);
  const questions = [
    'how much selenium is in a glass of milk',
    'is milk a good source of selenium',
    'low fat milk',
    'milk',
    'how many brazil nuts can i eat a day',
    '2 eggs',
    'does an egg have selenium',
    'how do i cook brown rice',
    'lait',
  ];

  it('gives the same remainder, only-food and servings with and without kept names, asked twice', () => {
    const fresh = createRouter(lexicon);
    const keeping = createRouter(lexicon, undefined, names);
    for (const food of kb.foods) {
      const hit = { names: [food.name, ...food.aliases] };
      for (const q of questions) {
        const w = words(normaliseText(q));
        for (let round = 0; round < 2; round++) {
          expect(keeping.foodRemainder(w, hit)).toEqual(fresh.foodRemainder(w, hit));
          expect(keeping.onlyFood(w, hit)).toBe(fresh.onlyFood(w, hit));
          expect(keeping.servingsIn(w, '1 cup', hit)).toBe(fresh.servingsIn(w, '1 cup', hit));
        }
      }
    }
  });

  it('still sees a food by its kept names', () => {
    const keeping = createRouter(lexicon, undefined, names);
    const milk = kb.foods.find((f) => f.id === 'milk');
    expect(milk).toBeDefined();
    const hit = { names: [milk?.name ?? '', ...(milk?.aliases ?? [])] };
    expect(keeping.onlyFood(words(normaliseText('a glass of milk')), hit)).toBe(true);
    expect(keeping.onlyFood(words(normaliseText('milk')), hit)).toBe(true);
    expect(keeping.onlyFood(words(normaliseText('milk and zinc')), hit)).toBe(false);
  });
});

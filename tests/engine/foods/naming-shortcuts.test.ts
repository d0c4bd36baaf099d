import { describe, expect, it } from 'vitest';
import { createCuratedNaming, reshapeText, UNKNOWN_WORDS_KEPT } from '../../../src/engine/foods/naming.js';
import { buildFoodTables } from '../../../src/engine/foods/tables.js';
import { normaliseFoodText, QUESTION_WORDS, singular } from '../../../src/engine/foods/text.js';
import { realKnowledge } from './kb.js';

// The free-text food scan asks CuratedNaming two shortcuts (naming.ts): whether two words joined are a
// curated word, without joining them, and what a word no table knows becomes, worked out once per word.
// Each must answer exactly what the plain way does.

const { kb } = realKnowledge();
const naming = createCuratedNaming(buildFoodTables(kb));
const plain = {
  known: naming.known,
  curated: naming.curated,
  frame: (w: string) => QUESTION_WORDS.has(w),
  repair: naming.repair,
};
const withShortcuts = { ...plain, joins: naming.joins, unknown: naming.unknown };

const messages = [
  'how much selenium in oat meal',
  'is corn flakes cereal or cornflakes better',
  'whole weat bread vs white bred',
  'brazilnuts or brazil nuts every day?',
  'sardins in oil, sweet corn and sweetcorn',
  'my immune system and selenium deficiency',
  'lowfat yogurt, low fat yogurt, cottage cheese',
  'qwertyuiop asdfghjkl zxcvbnm',
];

describe('the food scan shortcuts', () => {
  it('joins two words exactly when the joined word is a curated word', () => {
    const words = ['oat', 'meal', 'corn', 'flake', 'brazil', 'nut', 'sweet', 'whole', 'wheat', 'low', 'fat', 'x'];
    for (const a of words) for (const b of words) expect(naming.joins(a, b), `${a}+${b}`).toBe(naming.curated(a + b));
    // Every way of cutting every curated word in two is a join.
    for (const food of kb.foods)
      for (const w of normaliseFoodText([food.name, ...food.aliases].join(' '))
        .split(' ')
        .map(singular))
        if (naming.curated(w))
          for (let at = 1; at < w.length; at++) expect(naming.joins(w.slice(0, at), w.slice(at))).toBe(true);
  });

  it('reshapes every message exactly as without them', () => {
    for (const m of messages) {
      const typed = normaliseFoodText(m).split(' ');
      const tokens = typed.map(singular);
      expect(reshapeText(tokens, typed, withShortcuts), m).toEqual(reshapeText(tokens, typed, plain));
      // Asked again (now from what was remembered): still the same.
      expect(reshapeText(tokens, typed, withShortcuts), m).toEqual(reshapeText(tokens, typed, plain));
    }
  });

  it('remembers a bounded number of unknown words and answers the same once it starts afresh', () => {
    const first = naming.unknown('cornflake');
    expect(first.tokens).toEqual(['corn', 'flake']);
    for (let i = 0; i <= UNKNOWN_WORDS_KEPT; i++) naming.unknown(`zz${i.toString(36)}qq`);
    expect(naming.unknown('cornflake')).toEqual(first);
    expect(naming.unknown('sardin')).toEqual({
      tokens: [naming.repair('sardin')],
      repaired: naming.repair('sardin') !== 'sardin',
    });
  });
});

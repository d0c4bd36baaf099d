import { describe, expect, it } from 'vitest';
import { realKnowledge } from './kb.js';

// findInText skips its span scans when no word of the text can be part of a food name; the misspelt
// curated names (found by a separate pass) and foods among many non-food words must still be found.

describe('findInText on text with few or no food words', () => {
  const { index } = realKnowledge();

  it.each(['does stress weaken the immune system', 'who deleted my post in general', 'what are selenoproteins'])(
    'finds no food in %s',
    (text) => {
      expect(index.findInText(text)).toBeNull();
    },
  );

  it.each([
    ['selenium bananna', 'bananna'],
    ['hello there how much selenium in bananna', 'bananna'],
    ['quick question about immunity and tuna', 'tuna'],
  ])('still finds the food in %s', (text, matched) => {
    expect(index.findInText(text)?.matched).toBe(matched);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTypoCorrector, editDistance, maxEdits } from '../../src/engine/typos.js';

// Typo repair asks fuse.js for proposals only in buckets that hold a word within reach of the typed one
// (typos.ts, holdsNear), and completes clipped words from the known words sharing their first letters.
// Neither may change a repair: what is within reach is still found, and what is not still stays as typed.

const vocabulary = [
  'selenium',
  'antioxidant',
  'antioxidants',
  'immunity',
  'immune',
  'infection',
  'infections',
  'inflammation',
  'selenoproteins',
  'bacteria',
  'viruses',
  'supplements',
  'deficiency',
];

describe('typo repair', () => {
  const typos = createTypoCorrector(vocabulary, { keep: [] });

  it('repairs a typo within reach of a known word', () => {
    expect(typos.correct('selenum')).toBe('selenium');
    expect(typos.correct('imunity')).toBe('immunity');
    expect(typos.correct('infalmmation')).toBe('inflammation');
    expect(typos.correct('defficiency')).toBe('deficiency');
  });

  it('leaves a real word with nothing within reach as typed', () => {
    for (const w of ['yesterday', 'dangerous', 'difference', 'snack', 'grandmother']) expect(typos.correct(w)).toBe(w);
  });

  it('completes a clipped word from the known words it begins', () => {
    expect(typos.correct('selenopro')).toBe('selenoproteins');
    expect(typos.correct('antiox')).toBe('antioxidant');
  });

  it('gives a word as typed, a known word within its edits, or a known word it begins', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{5,14}$/), (w) => {
        const out = typos.correct(w);
        if (out === w) return;
        expect(vocabulary).toContain(out);
        expect(editDistance(w, out, maxEdits(w.length)) <= maxEdits(w.length) || out.startsWith(w)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('repairs every one-edit typo of a long known word back to a word that close', () => {
    fc.assert(
      fc.property(fc.constantFrom(...vocabulary.filter((w) => w.length >= 8)), fc.nat(), (word, at) => {
        const i = at % word.length;
        const typo = word.slice(0, i) + word.slice(i + 1);
        const out = typos.correct(typo);
        expect(editDistance(typo, out, 2)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });
});

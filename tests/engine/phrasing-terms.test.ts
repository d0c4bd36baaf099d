import { describe, expect, it } from 'vitest';
import { buildMatchIndex, rank } from '../../src/engine/matcher.js';
import { capLoneWords, LONE_WORD_WEIGHT, termsToIndex } from '../../src/engine/phrasing-terms.js';
import { ANSWER_THRESHOLD } from '../../src/engine/scope.js';
import { doc, lexicon, terms } from './match-docs.js';

// A word only one long phrasing of the whole knowledge base uses is how that phrasing asks, not what its
// entry is about: a message sharing only that word (and "selenium") must not reach the answer threshold.

// Named by letters: a digit in a title would be indexed as that number.
const fillers = [...'abcdefgh'].map((c) => doc(`filler ${c}`, [`unrelated selenium question ${c}`]));

describe('lone words of phrasings', () => {
  const mechanisms = doc(
    'mechanisms',
    ['what did scientists discover about how selenium works in cells', 'how does selenium work in cells'],
    { titleText: 'molecular mechanisms', quotes: ['selenium works inside immune cells'] },
  );
  const index = buildMatchIndex([mechanisms, ...fillers], lexicon);
  const score = (q: string) => rank(index, terms(q)).find((r) => r.doc.id === 'mechanisms')?.score ?? 0;

  it('do not carry a message that shares only that word into scope', () => {
    expect(score('who discovered selenium')).toBeLessThan(ANSWER_THRESHOLD);
  });

  it('leave the entry its own words: a question about what the entry covers is still answered', () => {
    expect(score('how does selenium work in cells')).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it('count fully again once a second phrasing, a keyword or a quote uses them', () => {
    const named = doc('named', ['did anyone discover more'], { keywords: ['discovery', 'discover'] });
    const both = buildMatchIndex([mechanisms, named, ...fillers], lexicon);
    const [discover] = terms('discover');
    expect(both.byId.get('mechanisms')?.fields.get(discover as string)?.weight).toBe(1);
  });
});

describe('capLoneWords', () => {
  it('caps only the fields of terms outside the established vocabulary, and never raises a weight', () => {
    const fields = new Map([
      ['lone', { weight: 1 }],
      ['known', { weight: 1 }],
      ['low', { weight: LONE_WORD_WEIGHT / 2 }],
    ]);
    capLoneWords([{ fields }], new Set(['known']));
    expect(fields.get('lone')?.weight).toBe(LONE_WORD_WEIGHT);
    expect(fields.get('known')?.weight).toBe(1);
    expect(fields.get('low')?.weight).toBe(LONE_WORD_WEIGHT / 2);
  });
});

describe('numbers in phrasings', () => {
  it('are left out of a phrasing’s indexed terms, and other terms kept in order', () => {
    expect(termsToIndex(['drink', '3', 'glass', 'milk', '2.5'])).toEqual(['drink', 'glass', 'milk']);
  });

  it('do not become the knowledge base’s words, while a figure a quote uses stays one', () => {
    const overview = doc('overview', ['the conclusion in 3 points', 'what is the conclusion']);
    const milk = doc('milk', ['i drink like 3 glasses of milk a day, how much is that', 'milk'], {
      quotes: ['a cup of milk gives 11 percent'],
    });
    const index = buildMatchIndex([overview, milk, ...fillers], lexicon);
    expect(index.idf.has('3')).toBe(false);
    expect(index.idf.has('11')).toBe(true);
  });
});

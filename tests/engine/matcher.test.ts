import { describe, expect, it } from 'vitest';
import { buildMatchIndex, type DocInput, MATCH_CONFIG, rank } from '../../src/engine/matcher.js';
import { analyse, compileLexicon } from '../../src/engine/normalise.js';

// How an entry's many phrasings count: one at a time, not as one bag of words. A knowledge base whose
// entries each have dozens of phrasings must still send a short question to the entry that asks it.

const lexicon = compileLexicon({ synonyms: [], outOfScope: [] });
const terms = (q: string) => analyse(q, lexicon).terms;

const doc = (id: string, questions: string[], extra: Partial<DocInput> = {}): DocInput => ({
  id,
  kind: 'entry',
  title: id,
  question: questions[0] ?? id,
  questions,
  keywords: [],
  titleText: id,
  quotes: [],
  ...extra,
});

/** Filler entries so that the words below are rare enough to matter, as in a real knowledge base. */
const fillers = Array.from({ length: 8 }, (_, i) => doc(`filler${i}`, [`unrelated question number ${i}`]));

describe('phrasings count one at a time', () => {
  // "scattered" has the question's two words only in two different phrasings, among many; "asked" has
  // one phrasing that asks exactly this.
  const scattered = doc('scattered', [
    'what does zinc do to copper',
    'is magnesium like copper',
    'what about iron and calcium',
    'can iron be too much',
  ]);
  const asked = doc('asked', ['is copper good with iron']);
  const index = buildMatchIndex([scattered, asked, ...fillers], lexicon);

  it('ranks the entry whose one phrasing asks the question above one whose phrasings only share its words', () => {
    const ranked = rank(index, terms('copper and iron'));
    expect(ranked[0]?.doc.id).toBe('asked');
    const other = ranked.find((r) => r.doc.id === 'scattered');
    expect(other?.score ?? 0).toBeLessThan(ranked[0]?.score ?? 0);
  });

  it('counts a word of the closest phrasing fully and one of another phrasing at a lower weight', () => {
    // Four words of equal weight (one entry each); the question's two are in different phrasings.
    const split = doc('split', ['alpha beta', 'gamma delta']);
    const alone = buildMatchIndex([split, ...fillers], lexicon);
    const [best] = rank(alone, terms('alpha gamma'));
    expect(best?.doc.id).toBe('split');
    const covered = (1 + MATCH_CONFIG.otherPhrasingWeight) / 2;
    const share = MATCH_CONFIG.phrasingShare;
    // The closest phrasing asks half of its own words: coverage times (1 - share + share * 1/2), no pairs.
    expect(best?.score ?? 0).toBeCloseTo(covered * (1 - share + share / 2), 5);
  });

  it('counts keywords, titles and quotes fully whatever the phrasing', () => {
    const keyed = doc('keyed', ['what is this about'], { keywords: ['copper', 'iron'] });
    const withKeywords = buildMatchIndex([keyed, scattered, ...fillers], lexicon);
    const ranked = rank(withKeywords, terms('copper and iron'));
    const score = (id: string) => ranked.find((r) => r.doc.id === id)?.score ?? 0;
    // Every word explained (no phrasing asks it, so 1 - phrasingShare of full confidence).
    expect(score('keyed')).toBeCloseTo(1 - MATCH_CONFIG.phrasingShare, 5);
    expect(score('scattered')).toBeLessThan(score('keyed'));
  });
});

describe('ties at full confidence', () => {
  it('go to the entry whose phrasing is closest to the whole question', () => {
    // Both explain every word; only "exact" has a phrasing that is the question and nothing more.
    const broad = doc('broad', ['copper iron zinc']);
    const exact = doc('exact', ['copper iron']);
    const index = buildMatchIndex([broad, exact, ...fillers], lexicon);
    const ranked = rank(index, terms('copper iron'));
    expect(ranked[0]?.doc.id).toBe('exact');
    expect(ranked[0]?.score).toBe(1);
    expect(ranked[1]).toEqual(expect.objectContaining({ score: 1, doc: expect.objectContaining({ id: 'broad' }) }));
    // Reordered whatever order the entries were given in.
    const reversed = buildMatchIndex([exact, broad, ...fillers].reverse(), lexicon);
    expect(rank(reversed, terms('copper iron'))[0]?.doc.id).toBe('exact');
  });
});

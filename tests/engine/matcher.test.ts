import { describe, expect, it } from 'vitest';
import { buildMatchIndex, MATCH_CONFIG, rank, termWeight } from '../../src/engine/matcher.js';
import { doc, lexicon, terms } from './match-docs.js';

// How an entry's many phrasings count: one at a time, not as one bag of words. A knowledge base whose
// entries each have dozens of phrasings must still send a short question to the entry that asks it.

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
  });
});

describe("a story phrasing's incidental words", () => {
  // One long, story-first phrasing among short ones: its lone words ("quoting", "friend") are the story's.
  const story = doc('story', [
    'my cousin asked me which page i was quoting from in her school essay, what is the title',
    'what is the title',
    'title of the page',
  ]);
  const quoted = doc('quoted', ['where is the quoting tool'], { keywords: ['quoting'] });
  const index = buildMatchIndex([story, quoted, ...fillers], lexicon);
  const [quoting] = terms('quoting');
  const [cousin] = terms('cousin');
  const [title] = terms('title');

  it('are not the knowledge base’s vocabulary unless something else uses them', () => {
    expect(index.idf.has(cousin as string)).toBe(false);
    // "quoting" is another entry's keyword, "title" is in short phrasings: both are the knowledge base's.
    expect(index.idf.has(quoting as string)).toBe(true);
    expect(index.idf.has(title as string)).toBe(true);
  });

  it('count less than a word the entry asks about', () => {
    const score = (q: string, id: string) => rank(index, terms(q)).find((r) => r.doc.id === id)?.score ?? 0;
    // The story's lone word explains less of a question than the entry's own topic word does.
    expect(score('cousin', 'story')).toBeLessThan(score('title', 'story'));
    // And the entry that names "quoting" wins it over the one whose story mentions it.
    expect(rank(index, terms('quoting'))[0]?.doc.id).toBe('quoted');
  });
});

describe("the knowledge base's vocabulary (the terms with an idf)", () => {
  it('holds words of titles, keywords and quotes, of short phrasings, and of two or more phrasings', () => {
    const long = (w: string) =>
      `so yesterday my neighbour at the market told me a long story about ${w} and garden soil, is that right`;
    const a = doc('a', [long('turmeric'), long('ginger'), 'short question here'], { keywords: ['lemon'] });
    const b = doc('b', [long('ginger'), 'another one'], { quotes: ['a quote about pepper'] });
    const index = buildMatchIndex([a, b, ...fillers], lexicon);
    const has = (w: string) => index.idf.has(terms(w)[0] as string);
    expect(has('lemon')).toBe(true);
    expect(has('pepper')).toBe(true);
    expect(has('short')).toBe(true);
    expect(has('ginger')).toBe(true);
    expect(has('turmeric')).toBe(false);
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

describe('words the knowledge base never uses', () => {
  const index = buildMatchIndex([doc('water', ['is water good', 'water please']), ...fillers], lexicon);
  const weight = (w: string, chatty = true) => termWeight(index, terms(w)[0] as string, chatty);

  it('weigh less in a chatty question when they are common in spoken English: chat, not a missing subject', () => {
    expect(weight('school')).toBeCloseTo(index.unknownWeight * MATCH_CONFIG.commonUnknownShare, 5);
    expect(weight('arthritis')).toBeCloseTo(index.unknownWeight, 5);
    expect(weight('school')).toBeLessThan(weight('arthritis'));
    // In a short question every word is the question: "how do i publish a book".
    expect(weight('school', false)).toBeCloseTo(index.unknownWeight, 5);
  });

  it('leave a word the knowledge base uses at its own weight, however common', () => {
    expect(index.commonTerms.has(terms('water')[0] as string)).toBe(true);
    expect(weight('water')).toBeCloseTo(index.idf.get(terms('water')[0] as string) as number, 5);
  });

  it('make an entry explain more of a chatty question whose other words are everyday ones', () => {
    const score = (q: string) => rank(index, terms(q)).find((r) => r.doc.id === 'water')?.score ?? 0;
    expect(MATCH_CONFIG.chattyTerms).toBeLessThanOrEqual(5);
    expect(score('water for my school essay report today')).toBeGreaterThan(
      score('water for my arthritis essay report today'),
    );
    // Too short to be chatty: the everyday word weighs as any unknown word.
    expect(score('water school')).toBeCloseTo(score('water arthritis'), 5);
  });
});

describe('a question a curator filed under one entry', () => {
  // Both entries explain every word of "copper iron"; "named" has both words in its title, keywords and
  // quotes as well (more fields: the tie-break), "filed" has a phrasing that asks exactly this.
  const named = doc('named', ['is copper or iron better for you'], {
    titleText: 'copper and iron',
    keywords: ['copper', 'iron'],
    quotes: ['copper and iron are both metals'],
  });
  // No title of its own: a title no other entry uses would cost it the narrow-entry handicap.
  const filed = doc('filed', ['copper iron', 'zinc tin'], { titleText: '' });

  it('goes to the entry with that exact phrasing, not the one naming its words in more fields', () => {
    const index = buildMatchIndex([named, filed, ...fillers], lexicon);
    const ranked = rank(index, terms('copper iron'));
    expect(ranked.map((r) => r.doc.id).slice(0, 2)).toEqual(['filed', 'named']);
    // Ranking only: both explain the whole question, and say so.
    expect(ranked[0]?.score).toBeCloseTo(ranked[1]?.score ?? 0, 5);
  });

  it('lets the fields decide when neither entry has the exact phrasing', () => {
    const loose = doc('loose', ['copper iron zinc', 'zinc tin'], { titleText: '' });
    const index = buildMatchIndex([named, loose, ...fillers], lexicon);
    expect(rank(index, terms('copper iron'))[0]?.doc.id).toBe('named');
  });
});

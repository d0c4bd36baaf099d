import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchIndex, rank } from '../../src/engine/matcher.js';
import { doc, lexicon, terms } from './match-docs.js';

// Ranking reuses working arrays owned by its index instead of allocating them per question (matcher.ts,
// RankScratch in match-index.ts). What one question leaves in them must never change the next one's ranking,
// and two indexes (two engines in one process) must never share them.

const docs = [
  doc('copper', ['is copper good with iron', 'how much copper is too much']),
  doc('zinc', ['what does zinc do to copper', 'zinc and immunity']),
  doc('iron', ['can iron be too much', 'iron and tiredness'], { keywords: ['ferritin'] }),
  doc('calcium', ['is calcium good for bones', 'calcium with vitamin d'], { quotes: ['calcium builds bones'] }),
  ...Array.from({ length: 12 }, (_, i) => doc(`filler${i}`, [`unrelated question number ${i} about nothing`])),
];
const questions = [
  'copper and iron',
  'is zinc good for immunity',
  'iron iron iron and copper',
  'calcium for bones with vitamin d',
  'how much is too much',
  'unrelated nothing',
  'words the index never saw at all',
  '',
];

describe('ranking with reused working arrays', () => {
  it('leaves every working array zeroed after a question', () => {
    const index = buildMatchIndex(docs, lexicon);
    for (const q of questions) rank(index, terms(q), 3);
    const { coverage, extra, informative, asked, fieldHead } = index.scratch;
    expect([...fieldHead].every((v) => v === -1)).toBe(true);
    expect([...coverage].every((v) => v === 0)).toBe(true);
    expect([...extra].every((v) => v === 0)).toBe(true);
    expect([...informative].every((v) => v === 0)).toBe(true);
    expect([...asked].every((v) => v === 0)).toBe(true);
  });

  it('ranks a question the same whatever was ranked before it, on this index or on another', () => {
    const fresh = (q: string, limit: number) => rank(buildMatchIndex(docs, lexicon), terms(q), limit);
    const shared = buildMatchIndex(docs, lexicon);
    const other = buildMatchIndex(docs, lexicon);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...questions), fc.integer({ min: 1, max: 8 }), fc.boolean()), {
          maxLength: 12,
        }),
        (asks) => {
          for (const [q, limit, onOther] of asks) {
            const ranked = rank(onOther ? other : shared, terms(q), limit);
            expect(ranked).toEqual(fresh(q, limit));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('grows the per-document field lists for a question touching many documents by many terms', () => {
    const index = buildMatchIndex(docs, lexicon);
    const wide = terms('unrelated question number nothing about copper zinc iron calcium bones much too');
    const before = index.scratch.fieldNext.length;
    const first = rank(index, wide, 8);
    expect(index.scratch.fieldNext.length).toBeGreaterThan(before);
    expect(first.map((s) => s.doc.id)).toContain('copper');
    expect(rank(index, wide, 8)).toEqual(first);
    expect(rank(buildMatchIndex(docs, lexicon), wide, 8)).toEqual(first);
    expect([...index.scratch.fieldHead].every((v) => v === -1)).toBe(true);
  });

  it('keeps the phrasing marks apart across many questions', () => {
    const index = buildMatchIndex(docs, lexicon);
    const first = rank(index, terms('copper and iron'));
    for (let i = 0; i < 500; i++) rank(index, terms(questions[i % questions.length] as string));
    expect(rank(index, terms('copper and iron'))).toEqual(first);
    // The marks start afresh before their counter could overflow, with the same result.
    index.scratch.mark = 0x7fffffff;
    expect(rank(index, terms('copper and iron'))).toEqual(first);
  });
});

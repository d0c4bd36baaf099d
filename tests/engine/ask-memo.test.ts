import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAskMemo } from '../../src/engine/ask-memo.js';
import { createContext } from '../../src/engine/context.js';
import { analyse, normaliseText, stem } from '../../src/engine/normalise.js';
import { segments } from '../../src/engine/segment.js';
import { loadProjectKnowledge } from './answer-schema.js';

// The per-ask memo must be invisible: whatever was asked before, in any order, it gives what normaliseText
// and analyse give.

const ctx = createContext(loadProjectKnowledge());
const texts = fc.array(
  fc.oneof(
    fc.string(),
    fc.constantFrom(
      "Don't",
      'ＳＥＬＥＮＩＵＭ?',
      'covid19 11%',
      '',
      'does selenum help imunity',
      'how much selenium in tuna',
    ),
  ),
  { maxLength: 12 },
);

describe('createAskMemo', () => {
  it('normalises every text exactly as normaliseText does, first time and again', () => {
    fc.assert(
      fc.property(texts, (list) => {
        const normalise = createAskMemo();
        for (const text of [...list, ...list.slice().reverse()]) expect(normalise(text)).toBe(normaliseText(text));
      }),
    );
  });

  it("analyses every text as analyse does afresh, once per ask with the engine's helpers", () => {
    fc.assert(
      fc.property(texts, (list) => {
        const normalise = createAskMemo(ctx);
        for (const text of [...list, ...list.slice().reverse()]) {
          const kept = analyse(text, ctx.lexicon, ctx.correct, ctx.stemOf, normalise);
          expect(kept).toEqual(analyse(text, ctx.lexicon, ctx.correct, ctx.stemOf));
          // The second time is the same analysis, not a new one.
          expect(analyse(text, ctx.lexicon, ctx.correct, ctx.stemOf, normalise)).toBe(kept);
        }
      }),
    );
  });

  it('analyses afresh with other helpers than those it was made for', () => {
    const normalise = createAskMemo(ctx);
    const repaired = analyse('does selenum help imunity', ctx.lexicon, ctx.correct, ctx.stemOf, normalise);
    const asTyped = analyse('does selenum help imunity', ctx.lexicon, undefined, ctx.stemOf, normalise);
    expect(repaired.words).toContain('selenium');
    expect(asTyped.words).toContain('selenum');
    expect(analyse('does selenum help imunity', ctx.lexicon, ctx.correct, stem, normalise)).not.toBe(repaired);
  });

  it('keeps other work once per kind and text, and splits a message into the segments it splits into afresh', () => {
    const normalise = createAskMemo(ctx);
    const kept = normalise.kept;
    if (kept === undefined) throw new Error('an engine ask memo keeps work');
    const one = Symbol('one');
    const two = Symbol('two');
    let made = 0;
    const make = () => ({ made: ++made });
    const first = kept(one, 'text', make);
    expect(kept(one, 'text', make)).toBe(first);
    expect(kept(two, 'text', make)).not.toBe(first);
    expect(kept(one, 'other', make)).not.toBe(first);
    expect(made).toBe(3);
    const message = 'hi! my doctor says my levels are low. does selenium help with colds, and how much should I take?';
    const split = segments(message, normalise);
    expect(split).toEqual(segments(message));
    expect(segments(message, normalise)).toBe(split);
  });
});

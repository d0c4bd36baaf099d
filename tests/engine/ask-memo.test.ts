import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAskMemo } from '../../src/engine/ask-memo.js';
import { normaliseText } from '../../src/engine/normalise.js';

// The per-ask memo must be invisible: whatever was asked before, in any order, it gives what normaliseText gives.

describe('createAskMemo', () => {
  it('normalises every text exactly as normaliseText does, first time and again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("Don't", 'ＳＥＬＥＮＩＵＭ?', 'covid19 11%', '')), {
          maxLength: 12,
        }),
        (texts) => {
          const normalise = createAskMemo();
          for (const text of [...texts, ...texts.slice().reverse()]) expect(normalise(text)).toBe(normaliseText(text));
        },
      ),
    );
  });
});

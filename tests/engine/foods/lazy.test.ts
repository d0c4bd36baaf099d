import { describe, expect, it } from 'vitest';
import { createFoodIndex } from '../../../src/engine/foods/index.js';
import type { KnowledgeBase } from '../../../src/knowledge/types.js';
import { realKnowledge } from './kb.js';

// The food index is built on first use, not with the engine (most of an engine's build time): a start-up
// that creates it reads no USDA row, and its first use builds it once and answers as an eager build would.

/** The knowledge base with its USDA rows behind a counter of reads. */
function counting(kb: KnowledgeBase): { kb: KnowledgeBase; reads: () => number } {
  let reads = 0;
  const usda = {
    ...kb.usda,
    get foods() {
      reads++;
      return kb.usda.foods;
    },
  };
  return { kb: { ...kb, usda }, reads: () => reads };
}

describe('createFoodIndex', () => {
  const { kb, index: eager } = realKnowledge();

  it('reads no USDA row until it is first used, then builds once', () => {
    const { kb: watched, reads } = counting(kb);
    const index = createFoodIndex(watched);
    expect(reads()).toBe(0);
    const first = index.lookup('salmon');
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    index.findInText('how much selenium is in tuna');
    index.autocomplete('bra');
    index.prepare();
    expect(reads()).toBe(afterFirst);
    expect(first).toEqual(eager.lookup('salmon'));
  });

  it('answers every kind of call as the index built before it', () => {
    const index = createFoodIndex(kb);
    expect(index.findInText('how much selenium is in a glass of milk')).toEqual(
      eager.findInText('how much selenium is in a glass of milk'),
    );
    expect(index.autocomplete('sal')).toEqual(eager.autocomplete('sal'));
    expect(index.top({ category: 'fish', limit: 5 })).toEqual(eager.top({ category: 'fish', limit: 5 }));
    expect(index.topGroups({ limit: 3 })).toEqual(eager.topGroups({ limit: 3 }));
    expect(index.compare('tuna', 'eggs')).toEqual(eager.compare('tuna', 'eggs'));
    const tuna = eager.lookup('tuna');
    expect(index.describe(tuna, 2)).toEqual(eager.describe(tuna, 2));
  });
});

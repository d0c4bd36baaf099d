import { describe, expect, it } from 'vitest';
import { COMMON_ZIPF, commonWords, moduleText } from '../../scripts/build-common-english.js';
import { COMMON_ENGLISH } from '../../src/engine/common-english.js';

// The list of common spoken-English words the matcher weighs lightly when the knowledge base lacks them.

describe('common English words', () => {
  const list = COMMON_ENGLISH.split(/\s+/);

  it('hold everyday words and none of the words that name health topics', () => {
    for (const w of ['write', 'school', 'sound', 'right', 'report']) expect(list, w).toContain(w);
    for (const w of ['selenium', 'zinc', 'virus', 'cancer', 'arthritis', 'immune', 'vitamin'])
      expect(list).not.toContain(w);
    expect(new Set(list).size).toBe(list.length);
  });

  it('are derived by a Zipf cut-off: per billion words, 10^COMMON_ZIPF occurrences or more', () => {
    // 10 million words in all: the cut-off for Zipf 5 is 1,000 occurrences.
    const rows = [
      { word: 'The', count: 9_000_000 },
      { word: 'often', count: 1_000 },
      { word: 'rarely', count: 999 },
      { word: 'x', count: 500_000 },
      { word: "don't", count: 498_001 },
    ];
    expect(COMMON_ZIPF).toBe(5);
    expect(commonWords(rows)).toEqual(['the', 'often']);
    expect(moduleText(['the', 'often'])).toContain('export const COMMON_ENGLISH = `the often`;');
  });
});

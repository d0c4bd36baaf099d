import { beforeAll, describe, expect, it } from 'vitest';
import { type MisrankedPhrasing, misrankedPhrasings } from '../../src/engine/phrasing-check.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';

// Each curated phrasing should rank its own entry first (src/engine/phrasing-check.ts). Not all do yet:
// the ceiling is today's count and may only go down. When this fails, the message lists every phrasing
// that ranks another entry first: move it to that entry if it is that entry's question, drop it if the
// other entry has it already, and lower MAX_MISRANKED when the count falls.
const MAX_MISRANKED = 43;

let kb: KnowledgeBase;
let misranked: MisrankedPhrasing[];

beforeAll(() => {
  kb = loadProjectKnowledge();
  misranked = misrankedPhrasings(kb);
});

const listed = (found: readonly MisrankedPhrasing[]) =>
  found.map((m) => `${m.entryId} -> ${m.rankedFirst ?? 'nothing'}: ${m.phrasing}`).join('\n');

describe('curated phrasings rank their own entry first', () => {
  it(`leaves at most ${MAX_MISRANKED} phrasings ranking another entry first`, () => {
    const total = kb.entries.reduce((n, e) => n + e.questions.length, 0);
    expect(total).toBeGreaterThan(1000);
    expect(misranked.length, `${misranked.length} of ${total}:\n${listed(misranked)}`).toBeLessThanOrEqual(
      MAX_MISRANKED,
    );
  });

  it('counts a phrasing filed under the wrong entry', () => {
    // The first phrasing of the flu entry, filed under the milk entry as well: there it ranks the flu first.
    const flu = kb.entries.find((e) => e.id === 'influenza');
    const milk = kb.entries.find((e) => e.id === 'milk-selenium');
    if (!flu || !milk) throw new Error('the flu and milk entries are part of the knowledge base');
    const moved = flu.questions[0] as string;
    const entries = kb.entries.map((e) =>
      e.id === 'influenza'
        ? { ...e, questions: e.questions.filter((q) => q !== moved) }
        : e.id === 'milk-selenium'
          ? { ...e, questions: [...e.questions, moved] }
          : e,
    );
    const found = misrankedPhrasings({ ...kb, entries });
    expect(found).toContainEqual({ entryId: 'milk-selenium', phrasing: moved, rankedFirst: 'influenza' });
  });
});

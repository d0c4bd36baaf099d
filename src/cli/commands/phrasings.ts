import { type MisrankedPhrasing, misrankedPhrasings } from '../../engine/phrasing-check.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { formatTable } from '../format.js';

// `kb phrasings`: the consistency check of tests/knowledge/phrasing-consistency.test.ts, in curators' hands.
// The test holds the count under a ceiling; this says which phrasings to move, drop or reword.

export interface PhrasingsReport {
  total: number;
  misranked: MisrankedPhrasing[];
}

export function phrasingsReport(kb: KnowledgeBase): PhrasingsReport {
  return {
    total: kb.entries.reduce((n, e) => n + e.questions.length, 0),
    misranked: misrankedPhrasings(kb),
  };
}

export function formatPhrasingsReport({ total, misranked }: PhrasingsReport): string {
  const head = `${misranked.length} of ${total} curated phrasings rank another entry first.\n`;
  if (!misranked.length) return head;
  const rows = misranked.map((m) => [m.entryId, m.rankedFirst ?? '(nothing)', m.phrasing]);
  return `${head}Move a phrasing that is the other entry's question, drop a duplicate, reword the rest.\n\n${formatTable(
    ['curated under', 'ranked first', 'phrasing'],
    rows,
    { maxCell: 80 },
  )}\n`;
}

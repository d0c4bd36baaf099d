import { beforeAll, describe, expect, it } from 'vitest';
import { formatPhrasingsReport, phrasingsReport } from '../../src/cli/commands/phrasings.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';
import { runInProcess } from './helpers.js';

// `kb phrasings`: the phrasing-consistency check as a curator's list (which phrasing, under which entry,
// read as which other entry).

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadProjectKnowledge();
});

/** The knowledge base with the flu entry's first phrasing filed under the milk entry instead. */
function misfiled(): { kb: KnowledgeBase; phrasing: string } {
  const phrasing = kb.entries.find((e) => e.id === 'influenza')?.questions[0];
  if (!phrasing) throw new Error('the flu entry has curated phrasings');
  const entries = kb.entries.map((e) =>
    e.id === 'influenza'
      ? { ...e, questions: e.questions.filter((q) => q !== phrasing) }
      : e.id === 'milk-selenium'
        ? { ...e, questions: [...e.questions, phrasing] }
        : e,
  );
  return { kb: { ...kb, entries }, phrasing };
}

describe('kb phrasings', () => {
  it('lists a misfiled phrasing with the entry it is read as, and counts every phrasing', () => {
    const { kb: changed, phrasing } = misfiled();
    const report = phrasingsReport(changed);
    expect(report.total).toBe(kb.entries.reduce((n, e) => n + e.questions.length, 0));
    expect(report.misranked).toContainEqual({ entryId: 'milk-selenium', phrasing, rankedFirst: 'influenza' });
    const text = formatPhrasingsReport(report);
    expect(text).toMatch(new RegExp(`^${report.misranked.length} of ${report.total} curated phrasings`));
    const row = text.split('\n').find((line) => line.startsWith('milk-selenium'));
    expect(row).toMatch(/^milk-selenium\s+influenza\s+/);
  });

  it('says so plainly when every phrasing ranks its own entry first', () => {
    expect(formatPhrasingsReport({ total: 12, misranked: [] })).toBe(
      '0 of 12 curated phrasings rank another entry first.\n',
    );
  });

  it('prints the project report as JSON, and refuses arguments (exit 2)', async () => {
    const run = await runInProcess(['kb', 'phrasings', '--json']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as ReturnType<typeof phrasingsReport>;
    expect(parsed.total).toBeGreaterThan(1000);
    expect(parsed.misranked.length).toBe(phrasingsReport(kb).misranked.length);
    const extra = await runInProcess(['kb', 'phrasings', 'now']);
    expect(extra.code).toBe(2);
  });

  it('fails with the loader errors when the folder holds no knowledge base (exit 1)', async () => {
    const run = await runInProcess(['kb', 'phrasings', '--dir', 'tests/cli']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('fix the knowledge base first');
  });
});

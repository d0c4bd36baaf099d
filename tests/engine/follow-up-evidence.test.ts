import { describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { createEvidence, reportsEvidence } from '../../src/engine/follow-up-evidence.js';
import { analyse, normaliseText, words } from '../../src/engine/normalise.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { projectEngine } from './converse.js';

// "Is that proven or just a theory?": the sentence reporting the evidence for the last answer's claim.

const { kb, ctx, converse } = projectEngine();
const termOf = (word: string): string => analyse(word, ctx.lexicon, undefined, ctx.stemOf).terms[0] as string;

describe('doubt and evidence as words', () => {
  it('reads a doubt, and not in a plain question or a request for the source', () => {
    const cues = (m: string) => followUpCues(words(normaliseText(m)));
    for (const m of ['is that proven or just a theory?', 'fact or myth?', 'is that true'])
      expect(cues(m).doubt, m).toBe(true);
    for (const m of ['source?', 'where does it say that', 'why?']) expect(cues(m).doubt, m).toBe(false);
  });

  it('tells a sentence reporting evidence from a claim', () => {
    expect(reportsEvidence('It has also been found that selenium oxidises thiol groups.')).toBe(true);
    expect(reportsEvidence('Research studies have shown that low selenium raises risk.')).toBe(true);
    expect(reportsEvidence('Selenium may reduce the ability of the virus to enter cells.')).toBe(false);
  });
});

describe('createEvidence', () => {
  it('keeps the last topic when it reports evidence about the asked words, else finds one that does', () => {
    const evidence = createEvidence(ctx);
    const virus = termOf('virus');
    const reporting = kb.entries.find((e) =>
      e.quotes.some((q) => reportsEvidence(q.text) && /virus/i.test(q.text)),
    ) as KnowledgeBase['entries'][number];
    expect(reporting).toBeDefined();
    expect(evidence.choose(reporting.id, [], [virus])).toBe(reporting.id);
    const claim = kb.entries.find((e) =>
      e.quotes.every((q) => !reportsEvidence(q.text)),
    ) as (typeof kb.entries)[number];
    expect(evidence.choose(claim.id, [reporting.id], [virus])).toBe(reporting.id);
  });

  it('finds nothing without asked words or for words no evidence is about', () => {
    const evidence = createEvidence(ctx);
    const id = kb.entries[0]?.id as string;
    expect(evidence.choose(id, [], [])).toBeNull();
    expect(evidence.choose(id, [], [termOf('zebra')])).toBeNull();
  });
});

describe('doubt in a conversation', () => {
  it('"is that proven" after a claim without evidence of its own answers the related evidence', () => {
    const [first, proven] = converse('can selenium stop a virus entering cells', 'is that proven or just a theory?');
    expect(proven).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(proven?.matchId).not.toBe(first?.matchId);
    expect(proven?.citations.some((c) => reportsEvidence(c.quote))).toBe(true);
  });

  it('with no evidence about the claim, the last answer stands', () => {
    const [first, proven] = converse('is selenium an antioxidant', 'is that proven or just a theory?');
    expect(proven).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
  });
});

import { describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { createEvidence, namesResearch, reportsEvidence } from '../../src/engine/follow-up-evidence.js';
import { createNeighbourhood } from '../../src/engine/follow-up-neighbours.js';
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

  it('tells research named from a bare report (a product "found to be helpful")', () => {
    expect(namesResearch('Clinical trials have shown that zinc shortens colds.')).toBe(true);
    expect(namesResearch('Recent research has highlighted its potential.')).toBe(true);
    expect(namesResearch('Taken with WonderPill it has been found to be helpful.')).toBe(false);
    expect(namesResearch('Research matters to everyone.')).toBe(false);
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
    // From a claim without its own: a topic around it (or passed as related) reporting evidence about them.
    const found = evidence.choose(claim.id, [reporting.id], [virus]) as string;
    expect(found).not.toBeNull();
    expect(kb.entries.find((e) => e.id === found)?.quotes.some((q) => reportsEvidence(q.text))).toBe(true);
  });

  it('prefers a topic naming research to a nearer one that only reports, and never leaves the neighbourhood', () => {
    const evidence = createEvidence(ctx);
    const neighbours = createNeighbourhood(kb, ctx.index);
    const quotesOf = (id: string) => kb.entries.find((e) => e.id === id)?.quotes.map((q) => q.text) ?? [];
    let checked = 0;
    for (const e of kb.entries) {
      const near = neighbours.around(e.id);
      for (const word of ['infections', 'immune', 'virus', 'immunity']) {
        const id = evidence.choose(e.id, [], [termOf(word)]);
        if (id === null || id === e.id) continue; // the last topic's own report stands (tested above)
        expect(near.has(id), `${e.id} ${word} -> ${id}`).toBe(true);
        const researched = [...near.keys()].some((n) =>
          quotesOf(n).some((q) => namesResearch(q) && new RegExp(word.slice(0, 5), 'i').test(q)),
        );
        if (researched) {
          expect(quotesOf(id).some(namesResearch), `${e.id} ${word} -> ${id}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
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

  it('"is it proven" after a claim about immunity answers the evidence, not the product the article promotes', () => {
    const [first, proven] = converse('is selenium good for my immunity', 'ok but is that proven or only a theory');
    expect(proven).toMatchObject({ answered: true, followUpOf: first?.matchId });
    // The immunity topic reports its own evidence ("It has been shown that ..."), which comes first.
    expect(proven?.citations.some((c) => reportsEvidence(c.quote))).toBe(true);
    expect(proven?.citations.map((c) => c.quote).join(' ')).not.toMatch(/BioPro/);
  });

  it('with no evidence about the claim, the last answer stands', () => {
    const [first, proven] = converse('is selenium an antioxidant', 'is that proven or just a theory?');
    expect(proven).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
  });
});

describe('what the research found, after a question of research alone', () => {
  it('answers with a finding the last answer did not quote, from the research the article reports', () => {
    for (const [first, next] of [
      ['does this article have scientific backing', 'so what did the researchers discover'],
      ['does the article rely on any studies', 'what did they find'],
    ] as const) {
      const [before, after] = converse(first, next);
      expect(after, `${first} | ${next}`).toMatchObject({ answered: true, followUpOf: before?.matchId });
      expect(after?.matchId, next).not.toBe(before?.matchId);
      const read = new Set(before?.citations.map((c) => c.quote));
      const fresh = after?.citations.filter((c) => !read.has(c.quote)) ?? [];
      expect(
        fresh.some((c) => namesResearch(c.quote)),
        next,
      ).toBe(true);
    }
  });

  it('after a claim, still the evidence for that claim', () => {
    const [before, after] = converse('can selenium protect against the flu', 'what did they find');
    expect(after?.followUpOf).toBe(before?.matchId);
    expect(after?.matchId).toBe(before?.matchId);
  });
});

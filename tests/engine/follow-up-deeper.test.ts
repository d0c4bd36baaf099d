import { describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { asksDeeper, asksWhyOfGroup } from '../../src/engine/follow-up-deeper.js';
import { asksHowOrWhy, createExplainer } from '../../src/engine/follow-up-explain.js';
import { createNeighbourhood } from '../../src/engine/follow-up-neighbours.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "How, chemically?" goes beneath the last explanation; "why them?" stays with the group the answer named.

const { kb, ctx, engine, converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));

describe('reading the qualifier', () => {
  it('asksDeeper: a why or how with a word asking for the mechanism beneath', () => {
    for (const m of ['how tho, biochemically?', 'how exactly?', 'why, scientifically', 'ok but technically how'])
      expect(asksDeeper(ws(m)), m).toBe(true);
    for (const m of ['why?', 'how so', 'how come']) expect(asksDeeper(ws(m)), m).toBe(false);
  });

  it('asksWhyOfGroup: a why pointing at several people or things', () => {
    const group = (m: string) => asksWhyOfGroup(ws(m), followUpCues(ws(m)).explanation);
    for (const m of ['why them?', 'but why those?', 'why do they benefit']) expect(group(m), m).toBe(true);
    for (const m of ['why?', 'why it', 'them?']) expect(group(m), m).toBe(false);
  });

  it('the qualifier names nothing: "how, chemically?" has no subject of its own', () => {
    expect(followUpCues(ws('how tho, like chemically')).subjectless).toBe(true);
  });

  it("the article's own words are a subject, not a qualifier: a new question about them stays fresh", () => {
    for (const m of ['what are the molecular mechanisms', 'what did the molecular research find']) {
      expect(followUpCues(ws(m)).subjectless, m).toBe(false);
      const [, fresh] = converse('does selenium help against the flu', m);
      expect(fresh?.followUpOf ?? null, m).toBeNull();
      expect(fresh?.matchId, m).toBe(engine.ask(m).matchId);
    }
  });
});

describe('createExplainer, deeper', () => {
  const explainers = new Set(kb.entries.filter((e) => e.questions.some(asksHowOrWhy)).map((e) => e.id));
  const neighbours = createNeighbourhood(kb, ctx.index);
  const explainer = createExplainer(ctx, explainers, neighbours);

  it('past a topic that explains itself, to an explainer around it not yet seen', () => {
    let moved = 0;
    for (const id of explainers) {
      expect(explainer.explain(id, [], [], new Set([id]))).toBeNull();
      const deeper = explainer.explain(id, [], [], new Set([id]), true);
      if (deeper === null) continue;
      moved++;
      expect(deeper).not.toBe(id);
      expect(explainers.has(deeper)).toBe(true);
      expect(neighbours.around(id).has(deeper)).toBe(true);
    }
    expect(moved).toBeGreaterThan(0);
  });
});

describe('in a conversation', () => {
  it('"how, biochemically?" after an answer that explained how moves beneath it; "why?" keeps it', () => {
    const [entry, deeper] = converse('how does selenium keep viruses out of cells', 'how, biochemically?');
    expect(deeper).toMatchObject({ answered: true, followUpOf: entry?.matchId });
    expect(deeper?.matchId).not.toBe(entry?.matchId);
    const [, why] = converse('how does selenium keep viruses out of cells', 'why?');
    expect(why?.matchId).toBe(entry?.matchId);
  });

  it('"why them?" after an answer naming a group stays with the sentence naming it', () => {
    const [group, why] = converse('which people does selenium help most', 'why them?');
    expect(why).toMatchObject({ answered: true, matchId: group?.matchId, followUpOf: group?.matchId });
    expect(engine.ask('why them?').answered).toBe(false);
  });
});

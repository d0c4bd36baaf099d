import { describe, expect, it } from 'vitest';
import { createExamples } from '../../src/engine/follow-up-examples.js';
import { asksInstances, createInstances } from '../../src/engine/follow-up-instances.js';
import { createNeighbourhood } from '../../src/engine/follow-up-neighbours.js';
import { analyse, normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "Like what?", "what does it protect against": the concrete cases of the claim just read.

const { kb, ctx, engine, converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));
const termsOf = (text: string) => {
  const read = analyse(text, ctx.lexicon, undefined, ctx.stemOf);
  return new Set([...read.terms, ...read.stems]);
};
const says = new Map(kb.entries.map((e) => [e.id, termsOf(e.quotes.map((q) => q.text).join(' '))]));
const termOf = (word: string) => analyse(word, ctx.lexicon, undefined, ctx.stemOf).terms[0] as string;

describe('asksInstances', () => {
  it('reads a request for examples, "such as", "like what", and a verb whose object is left open', () => {
    for (const m of ['for example?', 'concretely?', 'such as?', 'like what?', 'what does it guard against'])
      expect(asksInstances(ws(m)), m).toBe(true);
    for (const m of ['guards against what?', 'what does it help with', 'which ones does it come from'])
      expect(asksInstances(ws(m)), m).toBe(true);
  });

  it('is not a plain question, a why, or a preposition that closes its object', () => {
    for (const m of ['why?', 'what is it', 'does it protect against the flu', 'tell me more', 'what about kids'])
      expect(asksInstances(ws(m)), m).toBe(false);
  });
});

describe('createInstances', () => {
  const neighbours = createNeighbourhood(kb, ctx.index);
  const instances = createInstances(neighbours, createExamples(ctx, neighbours), (id) => says.get(id));

  it('with a verb: the last topic or one around it whose quotes say it, never a topic far away', () => {
    const protect = termOf('protect');
    let found = 0;
    for (const e of kb.entries) {
      const id = instances.choose(e.id, [], [protect], []);
      if (id === null) continue;
      found++;
      expect(says.get(id)?.has(protect), `${e.id} -> ${id}`).toBe(true);
      expect(neighbours.around(e.id).has(id), `${e.id} -> ${id}`).toBe(true);
      // The last topic saying it keeps it.
      if (says.get(e.id)?.has(protect)) expect(id).toBe(e.id);
    }
    expect(found).toBeGreaterThan(0);
    expect(instances.choose(kb.entries[0]?.id as string, [], [termOf('zebra')], [])).toBeNull();
  });

  it('without a verb: the last topic only when it lists examples of what was asked', () => {
    const infections = termOf('infections');
    for (const e of kb.entries) {
      const id = instances.choose(e.id, [], [], [infections]);
      expect(id === null || id === e.id, e.id).toBe(true);
    }
    expect(kb.entries.some((e) => instances.choose(e.id, [], [], [infections]) === e.id)).toBe(true);
  });
});

describe('in a conversation', () => {
  it('"so what does it protect against" answers with a sentence saying what it protects against', () => {
    for (const first of ['does selenium prevent infections', 'why should i care about selenium']) {
      const [before, cases] = converse(first, 'so what does it protect against');
      expect(cases, first).toMatchObject({ answered: true, followUpOf: before?.matchId, route: 'entry' });
      expect(
        cases?.citations.some((c) => /protect/i.test(c.quote)),
        first,
      ).toBe(true);
    }
  });

  it('"like what?" never moves from a claim to the product the article promotes', () => {
    const [, like] = converse('does selenium help the immune system', 'like what?');
    expect(like?.citations.map((c) => c.quote).join(' ')).not.toMatch(/BioPro/);
    expect(engine.ask('like what?').answered).toBe(false);
  });
});

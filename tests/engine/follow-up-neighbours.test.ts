import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { createNeighbourhood, NEIGHBOUR_PRIOR } from '../../src/engine/follow-up-neighbours.js';
import { createEngine } from '../../src/engine/index.js';
import { analyse } from '../../src/engine/normalise.js';
import { nextContext } from '../../src/engine/turns.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// The knowledge graph a follow-up moves in: the last topic, what it links to, what links to it, what repeats
// its quotes, and two links away; scored with how well each fits the conversation's words.

const kb = loadProjectKnowledge();
const ctx = createContext(kb);
const neighbours = createNeighbourhood(kb, ctx.index);
type Entry = KnowledgeBase['entries'][number];
const entry = (id: string): Entry => kb.entries.find((e) => e.id === id) as Entry;
const termsOf = (text: string): string[] => analyse(text, ctx.lexicon, undefined, ctx.stemOf).terms;

describe('around', () => {
  it('has the topic first, then every topic it links to, every topic linking to it, nearest first', () => {
    for (const e of kb.entries) {
      const near = neighbours.around(e.id);
      expect([...near.keys()][0]).toBe(e.id);
      expect(near.get(e.id)).toBe(NEIGHBOUR_PRIOR.self);
      for (const r of e.related)
        expect(near.get(r) ?? 0, `${e.id} -> ${r}`).toBeGreaterThanOrEqual(NEIGHBOUR_PRIOR.linked);
      for (const other of kb.entries.filter((o) => o.related.includes(e.id) && o.id !== e.id))
        expect(near.get(other.id) ?? 0, `${other.id} -> ${e.id}`).toBeGreaterThanOrEqual(NEIGHBOUR_PRIOR.linking);
      const priors = [...near.values()];
      expect(priors).toEqual([...priors].sort((a, b) => b - a));
    }
  });

  it('counts a topic two links away as far, nearer when it repeats one of its quotes (the same claim)', () => {
    const [a, b, c, d] = ['milk-selenium', 'covid-19', 'cancer-risk', 'article-title'].map(entry) as [
      Entry,
      Entry,
      Entry,
      Entry,
    ];
    const small: KnowledgeBase = {
      ...kb,
      entries: [
        { ...a, related: [b.id] },
        { ...b, related: [c.id] },
        { ...c, related: [] },
        { ...d, related: [b.id], quotes: [...d.quotes, ...a.quotes] },
      ],
    };
    const graph = createNeighbourhood(small, createContext(small).index);
    const near = graph.around(a.id);
    expect(near.get(b.id)).toBe(NEIGHBOUR_PRIOR.linked);
    expect(near.get(c.id)).toBe(NEIGHBOUR_PRIOR.twoSteps);
    // Two links away (d -> b <- a), and the same claim: nearer than c.
    expect(near.get(d.id)).toBeCloseTo(NEIGHBOUR_PRIOR.twoSteps + NEIGHBOUR_PRIOR.sharedQuote);
    expect(graph.around(c.id).get(b.id)).toBe(NEIGHBOUR_PRIOR.linking);
    // A shared quote alone does not make a topic near: c and d are three links apart.
    const apart: KnowledgeBase = {
      ...small,
      entries: small.entries.map((e) => (e.id === d.id ? { ...e, related: [] } : e)),
    };
    expect(createNeighbourhood(apart, createContext(apart).index).around(a.id).has(d.id)).toBe(false);
  });
});

describe('nearest', () => {
  it('keeps the last topic when it has what is asked, whatever fits better', () => {
    const last = entry('covid-19');
    const has = () => true;
    expect(neighbours.nearest(last.id, [], termsOf('chronic inflammation cancer'), has)).toBe(last.id);
  });

  it('moves to the neighbour that has it, the nearer of two equally fitting', () => {
    const last = entry('covid-19');
    const [first, second] = last.related as [string, string];
    expect(neighbours.nearest(last.id, [], [], (id) => id === first || id === second)).toBe(first);
  });

  it('lets the words decide between neighbours: the one that fits the conversation', () => {
    const last = entry('influenza');
    const has = (id: string) => id !== last.id && last.related.includes(id);
    const virusEntry = neighbours.nearest(last.id, [], termsOf('how does it stop a virus entering cells'), has);
    expect(virusEntry).toBe('virus-entry');
  });

  it('reaches beyond the neighbourhood when only a far topic has it, and answers null when none does', () => {
    const last = entry('milk-selenium');
    const far = kb.entries.find((e) => !neighbours.around(last.id).has(e.id)) as Entry;
    expect(far).toBeDefined();
    expect(neighbours.nearest(last.id, [], termsOf(far.questions[0] as string), (id) => id === far.id)).toBe(far.id);
    expect(neighbours.nearest(last.id, [], termsOf('virus'), () => false)).toBeNull();
  });

  it("counts the caller's related topics as linked", () => {
    const last = entry('milk-selenium');
    const far = kb.entries.find((e) => !neighbours.around(last.id).has(e.id)) as Entry;
    const other = kb.entries.find((e) => e !== far && !neighbours.around(last.id).has(e.id)) as Entry;
    const has = (id: string) => id === far.id || id === other.id;
    expect(neighbours.nearest(last.id, [other.id], [], has)).toBe(other.id);
    expect(neighbours.nearest(last.id, [far.id], [], has)).toBe(far.id);
  });
});

describe('toward', () => {
  it('moves to a topic next to the last one when the follow-up’s own words fit it far better', () => {
    // A word of a linked topic's title that the last topic's phrasings never use.
    const cases = kb.entries.flatMap((e) =>
      e.related.flatMap((r) =>
        (ctx.index.byId.get(r)?.titleTerms ?? [])
          .filter((t) => !ctx.index.lightTerms.has(t) && (ctx.index.idf.get(t) ?? 0) >= 0.9)
          .filter((t) => !e.questions.some((q) => termsOf(q).includes(t)) && !termsOf(e.title).includes(t))
          .map((t) => ({ last: e.id, term: t })),
      ),
    );
    expect(cases.length).toBeGreaterThan(5);
    let moved = 0;
    for (const { last, term } of cases) {
      const id = neighbours.toward(last, [term]);
      // Never outside the neighbourhood, never the last topic itself.
      if (id !== null) {
        expect(neighbours.around(last).has(id), `${last} ${term}`).toBe(true);
        expect(id).not.toBe(last);
        moved += 1;
      }
    }
    expect(moved).toBeGreaterThan(cases.length / 2);
  });

  it('stays with the last topic when the words fit it, or tell no topic apart', () => {
    for (const e of kb.entries.slice(0, 10)) {
      expect(neighbours.toward(e.id, termsOf(e.questions[0] as string)), e.id).toBeNull();
      expect(neighbours.toward(e.id, termsOf('selenium help')), e.id).toBeNull();
      expect(neighbours.toward(e.id, []), e.id).toBeNull();
    }
  });
});

describe('a follow-up naming what a neighbour is about', () => {
  const engine = createEngine(kb);
  it('"any research behind that?" after a claim moves to the topic about the research, as a follow-up', () => {
    const first = engine.ask('does selenium lower cancer risk');
    const context = nextContext([], 'does selenium lower cancer risk', first);
    const research = engine.ask('any research behind that?', context);
    expect(research).toMatchObject({ answered: true, followUpOf: first.matchId });
    expect(neighbours.around(first.matchId as string).has(research.matchId as string)).toBe(true);
    expect(research.citations[0]?.quote).toMatch(/research/i);
  });
});

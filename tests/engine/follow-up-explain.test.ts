import { describe, expect, it } from 'vitest';
import { CAUSAL_LINKS, causalSides, createExplainer } from '../../src/engine/follow-up-explain.js';
import { explains } from '../../src/engine/matcher.js';
import { analyse } from '../../src/engine/normalise.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { projectEngine } from './converse.js';

// "Why?" / "how?" after an answer: the last topic when one of its quotes already links the words asked
// about, else the related topic that explains how or why and fits the last question best.

const { kb, ctx, converse } = projectEngine();
const relatedOf = (id: string | null): string[] => kb.entries.find((e) => e.id === id)?.related ?? [];

describe('causalSides', () => {
  it('splits a sentence at its first causal link, punctuation and case aside', () => {
    expect(causalSides('Low levels raise risk, which, in turn, can cause disease.')).toEqual([
      'low levels raise risk which',
      'can cause disease',
    ]);
    expect(causalSides('It binds the protein thereby blocking entry because of X.')?.[1]).toBe(
      'blocking entry because of x',
    );
  });

  it('finds no link in a plain claim, nor inside a longer word', () => {
    expect(causalSides('Selenium may protect against the flu.')).toBeNull();
    // "bethereby" and "in turnover" are not the links.
    expect(causalSides('The turnover in turnover rates bethereby')).toBeNull();
    for (const link of CAUSAL_LINKS) expect(causalSides(`a ${link} b`), link).toEqual(['a', 'b']);
  });
});

describe('createExplainer', () => {
  it('keeps the last topic when one of its quotes links two of the asked words', () => {
    // A quote "A ... in turn ... B" explains a question about A and B; with only A it does not.
    const chained = kb.entries.flatMap((e) =>
      e.quotes.flatMap((q) => {
        const sides = causalSides(q.text);
        if (!sides || e.related.length === 0) return [];
        const [a] = termsIn(sides[0]);
        const b = termsIn(sides[1]).find((t) => !termsIn(sides[0]).includes(t));
        return a && b ? [{ id: e.id, related: e.related, a, b }] : [];
      }),
    );
    expect(chained.length).toBeGreaterThan(0);
    for (const { id, related, a, b } of chained) {
      // Every related topic explains, so only the quote's link keeps the last topic.
      const explainer = createExplainer(ctx, new Set(related));
      expect(explainer.explain(id, [a, b], [], new Set()), id).toBeNull();
      expect(related, id).toContain(explainer.explain(id, [a], [], new Set()));
    }
  });

  it('chooses among related explainers by the follow-up’s own words, not by the curators’ order alone', () => {
    // Every related topic explains, so the words decide: the one that names the word the follow-up adds. The fixture
    // is the first entry whose last related topic has a title word none of the others uses.
    const wordOf = (e: KnowledgeBase['entries'][number]) =>
      ctx.index.byId
        .get(e.related.at(-1) as string)
        ?.titleTerms.find((t) => !e.related.slice(0, -1).some((r) => explains(ctx.index, r, t)));
    const last = kb.entries.find((e) => e.related.length >= 2 && wordOf(e)) as KnowledgeBase['entries'][number];
    expect(last).toBeDefined();
    const explainers = new Set(last.related);
    const target = last.related.at(-1) as string;
    const word = wordOf(last);
    expect(word).toBeDefined();
    const explainer = createExplainer(ctx, explainers);
    expect(explainer.explain(last.id, [], [word as string], new Set())).toBe(target);
    // A topic the conversation already had is not offered again.
    expect(explainer.explain(last.id, [], [word as string], new Set([target]))).not.toBe(target);
  });

  it('an explainer explains itself', () => {
    const id = kb.entries[0]?.id as string;
    expect(createExplainer(ctx, new Set([id])).explain(id, [], [], new Set())).toBeNull();
  });
});

describe('why and how in a conversation', () => {
  it('"how?" after a claim whose own quote gives the chain answers that topic again', () => {
    const [first, how] = converse('does low selenium cause cancer??', 'how?');
    expect(how).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
    expect(how?.citations.map((c) => c.quote).join(' ')).toMatch(/in turn/);
  });

  it('asking for the mechanism is asking how: the last topic or its explainer, never a topic about mechanisms', () => {
    for (const question of ['is selenium good for the flu', 'does low selenium cause cancer??']) {
      const [first, why] = converse(question, 'why tho');
      for (const m of ['through which mechanism?', 'whats the mechanism']) {
        const [, mechanism] = converse(question, m);
        expect(mechanism, `${question} | ${m}`).toMatchObject({
          answered: true,
          matchId: why?.matchId,
          followUpOf: first?.matchId,
        });
      }
    }
    // Naming its subject, it is a question of its own.
    const [, own] = converse('is selenium good for the flu', 'what is the mechanism of calcium flux');
    expect(own?.followUpOf).toBeNull();
  });

  it('"why tho" after a claim without one answers a related topic naming the same subject', () => {
    // (After "does selenium help with infections" the answer's own quote gives the chain: see the test above.)
    for (const question of ['is selenium good for the flu']) {
      const [first, why] = converse(question, 'why tho');
      expect(why, question).toMatchObject({ answered: true, followUpOf: first?.matchId });
      expect(relatedOf(first?.matchId ?? null), question).toContain(why?.matchId);
    }
    const [, infections] = converse('does selenium help with infections', 'why tho');
    expect(infections?.citations.map((c) => c.quote).join(' ')).toMatch(/infections/);
  });
});

/** Terms the way the explainer reads them, through the engine's own analysis. */
function termsIn(text: string): string[] {
  return analyse(text, ctx.lexicon, undefined, ctx.stemOf).terms;
}

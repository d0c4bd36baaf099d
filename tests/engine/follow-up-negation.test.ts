import { describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { affirmed, createExclusions, setsAside } from '../../src/engine/follow-up-negation.js';
import { analyse, normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// Follow-ups that turn the last question around: its opposite ("and if it isn't sufficient?") and the rest
// of it ("anything apart from cancer?").

const { kb, ctx, converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));
const termsOf = (text: string): Set<string> => {
  const read = analyse(text, ctx.lexicon, undefined, ctx.stemOf);
  return new Set([...read.terms, ...read.stems]);
};

describe('affirmed', () => {
  // A knowledge base that knows "unwell" (as "sick") and "inactive", and "well" as itself.
  const named = (w: string): string[] =>
    ({ unwell: ['sick'], well: ['well'], inactive: ['idle'], active: ['idle'] })[w] ?? [];

  it('reads "not X" as the one word for its opposite, when the knowledge base knows that word', () => {
    expect(affirmed(ws('and if I am not well?'), named)).toBe('and if i am unwell');
    expect(affirmed(ws("what if it isn't well"), named)).toBe('what if it unwell');
  });

  it('reads nothing without a negation, or when the opposite is unknown or names the same', () => {
    expect(affirmed(ws('and if I am well?'), named)).toBeNull();
    expect(affirmed(ws('what if it is not safe'), named)).toBeNull();
    expect(affirmed(ws('what if it is not active'), named)).toBeNull();
    expect(affirmed(ws('not'), named)).toBeNull();
  });
});

describe('setting something aside', () => {
  it('reads besides, apart from, other than, except', () => {
    for (const m of ['anything besides the flu?', 'apart from cancer?', 'other than that?', 'all except covid'])
      expect(setsAside(ws(m)), m).toBe(true);
    for (const m of ['and the flu?', 'what other diseases', 'is that the other one', 'and bacteria besides?'])
      expect(setsAside(ws(m)), m).toBe(false);
  });

  it('is a cue that asks something and names nothing by itself', () => {
    const cues = followUpCues(ws('anything besides that?'));
    expect(cues).toMatchObject({ excludes: true, asks: true, subjectless: true });
  });

  it('chooses the last topic when one of its quotes says something else, else the nearest related one', () => {
    const exclusions = createExclusions(ctx);
    const two = kb.entries.find((e) => e.quotes.length > 1 && e.related.length) as (typeof kb.entries)[number];
    const [first, second] = two.quotes;
    // A term only the first quote has: the second says something else.
    const onlyFirst = [...termsOf(first?.text ?? '')].find((t) => !termsOf(second?.text ?? '').has(t)) as string;
    expect(exclusions.choose(two.id, two.related, [onlyFirst], new Set())).toBe(two.id);
    // A term every quote of the topic has: the first related topic with a quote without it.
    const everywhere = [...termsOf(first?.text ?? '')].find((t) => two.quotes.every((q) => termsOf(q.text).has(t)));
    if (everywhere) {
      const id = exclusions.choose(two.id, two.related, [everywhere], new Set());
      const without = (entryId: string | null) =>
        kb.entries.find((e) => e.id === entryId)?.quotes.some((q) => !termsOf(q.text).has(everywhere)) ?? false;
      if (id === null) expect(two.related.some(without)).toBe(false);
      else {
        expect(id).not.toBe(two.id);
        expect(without(id)).toBe(true);
        expect(two.related.slice(0, two.related.indexOf(id)).some(without)).toBe(false);
      }
    }
    // Nothing set aside: the first related topic not had yet.
    expect(exclusions.choose(two.id, two.related, [], new Set())).toBe(two.related[0]);
    expect(exclusions.choose(two.id, two.related, [], new Set(two.related))).toBeNull();
  });
});

describe('in a conversation', () => {
  it('"and if it isn\'t sufficient?" after enough selenium answers what too little does', () => {
    const [, opposite] = converse('how do I make sure I get enough selenium', "and if it isn't sufficient?");
    expect(opposite?.answered).toBe(true);
    expect(kb.entries.find((e) => e.id === opposite?.matchId)?.title).toMatch(/deficien|low/i);
  });

  it('"what else?" moves on to a related topic the conversation has not had', () => {
    const [first, next] = converse('does selenium help with inflammation', 'what else?');
    expect(next).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(kb.entries.find((e) => e.id === first?.matchId)?.related).toContain(next?.matchId);
    // With a pronoun it asks about the subject ("what else does it do"), not for the next topic.
    const [, subject] = converse('does selenium help with inflammation', 'what else does it do');
    expect(subject?.matchId).not.toBe(next?.matchId);
  });

  it('"anything apart from X?" stays with the last topic and quotes something other than X', () => {
    const [first, rest] = converse('does low selenium raise disease risk', 'anything apart from cancer?');
    expect(rest).toMatchObject({ answered: true, followUpOf: first?.matchId });
    const cancer = [...termsOf('cancer')];
    expect(rest?.citations.some((c) => cancer.every((t) => !termsOf(c.quote).has(t)))).toBe(true);
  });
});

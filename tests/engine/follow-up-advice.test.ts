import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { createAdvice, recommends } from '../../src/engine/follow-up-advice.js';
import { followUpCues, followUpKind, type Subject } from '../../src/engine/follow-up-cues.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { projectEngine } from './converse.js';

// "So what should I do then?": a follow-up asking for advice gets the article's recommendation nearest the
// last topic.

const { kb, ctx, engine, converse } = projectEngine();
const nothing: Subject = { offTopic: false, own: 0, topics: 0, unknown: 0 };
const kindOf = (m: string) => followUpKind(followUpCues(words(normaliseText(m))), nothing);

describe('advice as words', () => {
  it('reads a request for advice that names nothing', () => {
    for (const m of ['so what should i do then', 'any advice?', 'what would you suggest i do', 'tips?'])
      expect(kindOf(m), m).toBe('advice');
  });

  it('an intake question is not advice, nor a thank-you', () => {
    expect(kindOf('should i take it then')).not.toBe('advice');
    expect(kindOf('how much do you recommend')).not.toBe('advice');
    expect(kindOf('thanks')).toBe('acknowledgement');
  });

  it('tells a recommending sentence from a claim', () => {
    expect(recommends('Hence, it is important to ensure your body receives enough.')).toBe(true);
    expect(recommends('Make sure you eat well.')).toBe(true);
    expect(recommends('Selenium may protect against the flu.')).toBe(false);
    // "important" alone is a judgement, not advice.
    expect(recommends('Selenium is an important nutrient.')).toBe(false);
  });
});

describe('createAdvice', () => {
  it('chooses a topic that quotes a recommendation, the last one when it does', () => {
    const advice = createAdvice(ctx);
    const advising = kb.entries.filter((e) => e.quotes.some((q) => recommends(q.text)));
    expect(advising.length).toBeGreaterThan(0);
    const one = advising[0] as KnowledgeBase['entries'][number];
    expect(advice.choose(one.id, [], [])).toBe(one.id);
    const other = kb.entries.find((e) => !advising.includes(e)) as KnowledgeBase['entries'][number];
    const chosen = advice.choose(other.id, other.related, []);
    expect(advising.map((e) => e.id)).toContain(chosen);
  });

  it('chooses nothing in a knowledge base that recommends nothing', () => {
    const quiet = { ...kb, entries: kb.entries.filter((e) => !e.quotes.some((q) => recommends(q.text))) };
    const advice = createAdvice(createContext(quiet));
    expect(advice.choose(quiet.entries[0]?.id as string, [], [])).toBeNull();
  });
});

describe('advice in a conversation', () => {
  it('"so what should i do then" after a claim answers with the recommendation, as a follow-up', () => {
    const [first, advice] = converse('selenium is good for the immune system?', 'so what should i do then');
    expect(advice).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(advice?.citations.some((c) => recommends(c.quote))).toBe(true);
    // Alone, it asks nothing the article answers.
    expect(engine.ask('so what should i do then').answered).toBe(false);
  });

  it('after a food it stays with the food', () => {
    const [food, advice] = converse('how much selenium in brazil nuts', 'so what should i do');
    expect(advice).toMatchObject({ route: 'food', matchId: food?.matchId });
  });
});

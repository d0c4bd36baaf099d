import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { plainRequest } from '../../src/engine/plain.js';
import { nextContext } from '../../src/engine/turns.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

const engine = createEngine(loadProjectKnowledge());

describe('plain-language requests', () => {
  it('recognises the request and leaves the question', () => {
    expect(plainRequest('eli5 what are selenoproteins')).toEqual({ rest: 'what are selenoproteins', plain: true });
    expect(plainRequest('what is ROS in normal words?').rest).toBe('what is ROS ?');
    expect(plainRequest('keep it short: does selenium help with flu').plain).toBe(true);
    expect(plainRequest('what is selenium').plain).toBe(false);
  });

  it('sums up the article with its conclusion, not with its sentence introducing itself', () => {
    const short = engine.ask('give me the gist of the whole article, keep it short');
    expect(short.matchId).toBe('article-overview');
    expect(short.citations.map((c) => c.quote)).toEqual([
      expect.stringContaining('potent nutrients to prevent infections'),
    ]);
  });

  it('answers the same topic in its short form: one verbatim quote', () => {
    const full = engine.ask('what are selenoproteins');
    const short = engine.ask('what are selenoproteins, in normal people words');
    answerSchema.parse(short);
    expect(short.matchId).toBe(full.matchId);
    expect(short.citations).toHaveLength(1);
    expect(short.citations[0]).toEqual(full.citations[0]);
    expect(short.text.length).toBeLessThan(full.text.length);
  });

  it('still refuses what it would refuse', () => {
    expect(engine.ask('eli5 how does zinc help colds').answered).toBe(false);
    expect(engine.ask('in simple words pls').answered).toBe(false);
  });
});

describe('a plain-words request alone, in a conversation', () => {
  const engine = createEngine(loadProjectKnowledge());
  const inConversation = (first: string, second: string) => {
    const context = nextContext([], first, engine.ask(first));
    return { first: engine.ask(first), second: engine.ask(second, context) };
  };

  it.each(['eli5', 'like in 1 sentence', 'in simple words pls'])('"%s" shortens the last answer', (request) => {
    const { first, second } = inConversation('what are selenoproteins', request);
    expect(answerSchema.parse(second).answered).toBe(true);
    expect(second.followUpOf).toBe(first.matchId);
    expect(second.citations).toHaveLength(1);
    expect(first.citations.map((c) => c.quote)).toContain(second.citations[0]?.quote);
  });

  it('after a refused question, stays refused', () => {
    expect(inConversation('what is the capital of france', 'eli5').second.answered).toBe(false);
  });
});

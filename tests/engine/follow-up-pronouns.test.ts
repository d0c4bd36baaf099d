import { beforeAll, describe, expect, it } from 'vitest';
import { withSubject } from '../../src/engine/follow-up-pronouns.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

// "It" after a question about selenium alone is selenium: the follow-up is answered as the question it
// stands for.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});
const { converse } = conversing(() => engine);
const ws = (m: string) => words(normaliseText(m));

describe('withSubject', () => {
  it('puts the subject in place of a singular pronoun pointing back', () => {
    expect(withSubject(ws('what does it protect against'), 'selenium')).toBe('what does selenium protect against');
    expect(withSubject(ws('is that important?'), 'selenium')).toBe('is selenium important');
  });

  it('leaves an empty "it", a determiner, "them" and a message without a pronoun alone', () => {
    expect(withSubject(ws('is it safe to take zinc'), 'selenium')).toBeNull();
    expect(withSubject(ws('what is this article about'), 'selenium')).toBeNull();
    expect(withSubject(ws('what do they do'), 'selenium')).toBeNull();
    expect(withSubject(ws('why?'), 'selenium')).toBeNull();
  });
});

describe('"it" in a conversation about selenium', () => {
  it('is selenium after a question about selenium alone', () => {
    for (const [first, next, meant] of [
      ['tell me about selenium', 'what does it protect against', 'what does selenium protect against'],
      ['what is selenium', 'what does it do in the body', 'what does selenium do in the body'],
    ]) {
      const [before, answer] = converse(first as string, next as string);
      const direct = engine.ask(meant as string);
      expect(direct.answered, meant).toBe(true);
      expect(answer, next).toMatchObject({ answered: true, matchId: direct.matchId, followUpOf: before?.matchId });
    }
  });

  it('is not replaced after a question naming a topic of its own, nor after a food', () => {
    // "is it safe" after the flu is the safety of what was just said, the existing safety kind.
    const [flu, safe] = converse('does selenium help with the flu', 'is it safe');
    expect(safe?.followUpOf).toBe(flu?.matchId);
    const [food, amount] = converse('how much selenium in brazil nuts', 'is it a lot');
    expect(amount).toMatchObject({ route: 'food', matchId: food?.matchId });
  });

  it('an off-topic follow-up stays refused', () => {
    for (const m of ['is it better than zinc', 'can it help my dog lose weight']) {
      expect(engine.ask(m.replace('it', 'selenium')).answered, m).toBe(false);
      expect(converse('tell me about selenium', m)[1]?.answered, m).toBe(false);
    }
  });
});

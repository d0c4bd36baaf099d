import { beforeAll, describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { referent, withSubject } from '../../src/engine/follow-up-pronouns.js';
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

describe('referent', () => {
  const isSelenium = (w: string) => w === 'selenium';
  const named = (w: string) => !['what', 'is', 'are', 'does', 'help', 'with', 'the'].includes(w) && !isSelenium(w);
  const of = (m: string, own: number) => referent(ws(m), own, isSelenium, named, 3);

  it('is selenium after a question about selenium alone', () => {
    expect(of('what is selenium', 0)).toEqual({ subject: 'selenium', plural: false });
  });

  it('is the named thing after a question that does not name selenium', () => {
    expect(of('what is biopro-plus', 1)).toEqual({ subject: 'biopro plus', plural: true });
    expect(of('what are selenoproteins', 1)?.subject).toBe('selenoproteins');
  });

  it('is nothing when selenium and something else were named, or too much, or nothing', () => {
    expect(of('does selenium help with the flu', 1)).toBeNull();
    expect(of('what is a b c d', 4)).toBeNull();
    expect(of('what is', 0)).toBeNull();
  });

  it('"got it" points at nothing', () => {
    expect(followUpCues(ws('got it')).pointsBack).toBe(false);
    expect(followUpCues(ws('got it. what about chronic inflammation')).pointsBack).toBe(false);
    expect(followUpCues(ws('is it safe')).pointsBack).toBe(true);
  });
});

describe('"it" in a conversation', () => {
  it('is the thing the last question named when it did not name selenium', () => {
    const [first, works] = converse('what is biopro-plus', 'does it work?');
    expect(works).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
    // Alone, "does it work?" is about how selenium works.
    expect(engine.ask('does it work?').matchId).not.toBe(first?.matchId);
  });

  it('after a question naming selenium and a topic, a pointer naming nothing stays with that topic', () => {
    for (const m of ['does it work?', 'is it effective']) {
      const [flu, works] = converse('does selenium help with the flu', m);
      expect(works, m).toMatchObject({ answered: true, matchId: flu?.matchId, followUpOf: flu?.matchId });
    }
  });

  it('a message with its own subject is not pulled by a pronoun', () => {
    const fresh = 'got it. what does the article say about chronic inflammation?';
    expect(converse('what is BioPro-Plus', fresh)[1]).toMatchObject({
      matchId: engine.ask(fresh).matchId,
      followUpOf: null,
    });
  });

  it('is selenium after a question about selenium alone', () => {
    for (const [first, next, meant] of [
      ['tell me about selenium', 'what does it protect against', 'what does selenium protect against'],
      ['what is selenium', 'what does it do in the body', 'what does selenium do in the body'],
    ]) {
      const [before, answer] = converse(first as string, next as string);
      const direct = engine.ask(meant as string);
      expect(direct.answered, meant).toBe(true);
      expect(answer, next).toMatchObject({ answered: true, matchId: direct.matchId });
      // Where the words alone answer otherwise, the context made the difference and the answer says so.
      if (engine.ask(next as string).matchId !== direct.matchId) expect(answer?.followUpOf, next).toBe(before?.matchId);
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

import { describe, expect, it } from 'vitest';
import { asksPastAmount, withoutPast } from '../../src/engine/follow-up-exceed.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "What if I go way over it" after an amount: too much selenium, the upper limit.

const { engine, converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));
const upperLimit = (text: string) => /400 mcg/.test(text);

describe('asksPastAmount', () => {
  it('reads going past an amount, in several words', () => {
    for (const m of ['what if i overshoot by going over', 'and if we exceed that', 'beyond it?', 'more than that?'])
      expect(asksPastAmount(ws(m)), m).toBe(true);
    for (const m of [
      'what if i take less',
      'more please',
      'is that enough',
      'is selenium over hyped',
      'more than ever',
    ])
      expect(asksPastAmount(ws(m)), m).toBe(false);
  });

  it('withoutPast leaves what else the message says', () => {
    expect(withoutPast(ws('and if i exceed it'))).toBe('and if i it');
    expect(withoutPast(ws('more than that for kids'))).toBe('that for kids');
  });
});

describe('in a conversation', () => {
  it('after an amount or a food, going past it answers with the upper limit', () => {
    for (const first of ['how much selenium should an adult get a day', 'how much selenium in tuna'])
      for (const m of ['what if we go past that amount', 'and if someone exceeds it?']) {
        const [before, past] = converse(first, m);
        expect(past, `${first} | ${m}`).toMatchObject({ answered: true, followUpOf: before?.matchId });
        expect(upperLimit([past?.text, ...(past?.citations.map((c) => c.quote) ?? [])].join(' ')), m).toBe(true);
      }
  });

  it('not after a claim that gave no amount, and not alone', () => {
    const [, past] = converse('does selenium help with the flu', 'and if someone exceeds it?');
    expect(past?.followUpOf === null || !upperLimit(past?.text ?? '')).toBe(true);
    expect(engine.ask('what if we go past that amount').followUpOf).toBeNull();
  });

  it('a question that stands on its own is not pulled to the amount', () => {
    const alone = engine.ask('is selenium over hyped');
    const [, asked] = converse('how much selenium should an adult get a day', 'is selenium over hyped');
    expect(asked).toMatchObject({ matchId: alone.matchId, followUpOf: null });
  });

  it('a subject of its own beside "over" is no follow-up of the amount', () => {
    const [, other] = converse('how much selenium should an adult get a day', 'what if my cat goes over the fence');
    expect(other?.answered).toBe(false);
  });
});

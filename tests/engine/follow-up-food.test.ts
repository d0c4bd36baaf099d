import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

// "How much is in it?" after a food: the same food's figures, one answer, not a second part about
// selenium intake in general.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});
const { converse } = conversing(() => engine);

describe('an amount of the last food', () => {
  it('answers the food alone, as a follow-up of it', () => {
    for (const [first, next] of [
      ['is tuna good for selenium', 'how much is in it'],
      ['are eggs a good source of selenium', 'how much is in one'],
      ['tell me about sardines', 'how much selenium does it have'],
      ['is tuna good for selenium', 'how much per serving?'],
    ] as const) {
      const [food, amount] = converse(first, next);
      expect(food?.route, first).toBe('food');
      expect(amount, next).toMatchObject({
        answered: true,
        route: 'food',
        matchId: food?.matchId,
        followUpOf: food?.matchId,
      });
      expect(amount?.parts, next).toBeUndefined();
      // The food's name once: no heading of a second part repeating it.
      const name = amount?.food?.name as string;
      expect(amount?.text.split(name).length, next).toBe(2);
    }
  });

  it('"is that too much?" after a food judges that food\'s figure, not intake in general', () => {
    for (const next of ['is that too much?', 'is that a lot?', 'is that safe?']) {
      const [food, judged] = converse('how much selenium in brazil nuts', next);
      expect(judged, next).toMatchObject({ answered: true, route: 'food', matchId: food?.matchId });
      expect(judged?.followUpOf, next).toBe(food?.matchId);
    }
  });

  it('a question about another food or another substance is not pulled to the last food', () => {
    const [, cashews] = converse('how much selenium in brazil nuts', 'and cashews?');
    expect(cashews).toMatchObject({ answered: true, route: 'food' });
    expect(cashews?.matchId).not.toBe('brazil-nuts');
    expect(converse('how much selenium in brazil nuts', 'and how much potassium is in bananas')[1]?.answered).toBe(
      false,
    );
  });
});

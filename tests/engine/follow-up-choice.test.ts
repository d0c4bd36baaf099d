import { describe, expect, it } from 'vitest';
import { offersChoice } from '../../src/engine/follow-up-choice.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "chronic or acute?": a choice between short alternatives asks which of them the last claim is.

const { converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));

describe('offersChoice', () => {
  it('reads two or three short alternatives joined by "or"', () => {
    for (const m of [
      'long lasting or brief?',
      'helpful or harmful',
      'chronic, acute or both?',
      'just colds or worse stuff too',
    ])
      expect(offersChoice(ws(m)), m).toBe(true);
  });

  it('leaves a question with a verb, or alternatives that say too much, to be read otherwise', () => {
    for (const m of [
      'does it help or not',
      'is it chronic or acute',
      'brief or the kind of thing that lasts for many years',
      'chronic?',
      'a or b or c or d',
    ])
      expect(offersChoice(ws(m)), m).toBe(false);
  });
});

describe('in a conversation', () => {
  it('narrows the last claim by the alternative the article has a topic for', () => {
    const [before, after] = converse('can selenium calm inflammation', 'the chronic sort, or only brief flare ups?');
    expect(after).toMatchObject({ answered: true, followUpOf: before?.matchId, matchId: 'chronic-inflammation' });
  });

  it('keeps the last answer when the alternatives name no topic ("helpful or harmful")', () => {
    const [before, after] = converse('what does selenium do to inflammation', 'helpful or harmful?');
    expect(after).toMatchObject({ answered: true, followUpOf: before?.matchId, matchId: before?.matchId });
  });

  it('refuses alternatives the article never speaks of', () => {
    expect(converse('does selenium help against the flu', 'tea or coffee?')[1]?.answered).toBe(false);
  });
});

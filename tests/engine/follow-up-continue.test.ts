import { describe, expect, it } from 'vitest';
import { continues } from '../../src/engine/follow-up-continue.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// A bare continuation moves on to the nearest related topic the conversation has not had.

const { kb, converse } = projectEngine();
const relatedOf = (id: string | null | undefined) => kb.entries.find((e) => e.id === id)?.related ?? [];

describe('continues', () => {
  it('is a message of nothing but continuation words', () => {
    for (const m of ['and?', 'and...', 'Go on', 'keep going pls', 'more please', 'next', 'and then?', 'continue'])
      expect(continues(words(normaliseText(m))), m).toBe(true);
  });

  it('is not a message that asks or names anything else', () => {
    for (const m of ['tell me more', 'ok', 'go', 'then?', 'and kids?', 'more about zinc', 'next section', 'on it'])
      expect(continues(words(normaliseText(m))), m).toBe(false);
  });
});

describe('in a conversation', () => {
  it('"and?" after an answer moves to a related topic, as a follow-up of it', () => {
    for (const next of ['and?', 'go on', 'more pls', 'keep going']) {
      const [first, more] = converse('is selenium good against oxidative stress', next);
      expect(first?.answered).toBe(true);
      expect(more, next).toMatchObject({ answered: true, followUpOf: first?.matchId });
      expect(relatedOf(first?.matchId), next).toContain(more?.matchId);
    }
  });

  it('a second continuation moves on again, to a topic not yet had', () => {
    const [first, second, third] = converse('is selenium good against oxidative stress', 'and?', 'go on');
    expect(third?.answered).toBe(true);
    expect([first?.matchId, second?.matchId]).not.toContain(third?.matchId);
  });

  it('after a refused message it stays refused', () => {
    const [, next] = converse('what is the capital of australia', 'and?');
    expect(next?.answered).toBe(false);
  });

  it('"tell me more" still keeps the same topic', () => {
    const [first, more] = converse('is selenium good against oxidative stress', 'tell me more');
    expect(more?.matchId).toBe(first?.matchId);
  });
});

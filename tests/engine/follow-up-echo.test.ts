import { describe, expect, it } from 'vitest';
import { followUpCues } from '../../src/engine/follow-up-cues.js';
import { bareHow, echoesFigures } from '../../src/engine/follow-up-echo.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// "useful how", "reduce it how": a bare why or how with a word of the last exchange asks how its claim holds.

const cuesOf = (m: string) => followUpCues(words(normaliseText(m)));
const asked = new Set(['reduc', 'inflamm']);
const read = new Set(['protect', 'cell']);
const light = new Set(['help']);
const { converse } = projectEngine();

describe('bareHow', () => {
  it('a why or how repeating a word of the last question is an echo', () => {
    expect(bareHow(cuesOf('reduce it how'), ['reduc'], () => asked, read, light)).toBe('echo');
  });

  it("a why or how with the last answer's word, or a word naming no topic, asks about the last answer", () => {
    expect(bareHow(cuesOf('protects how'), ['protect'], () => asked, read, light)).toBe('read');
    expect(bareHow(cuesOf('helps how?'), ['help'], () => asked, read, light)).toBe('read');
  });

  it('not for a topic of its own, a message naming nothing, or one not asking why or how', () => {
    expect(bareHow(cuesOf('covid how?'), ['covid'], () => asked, read, light)).toBeNull();
    expect(bareHow(cuesOf('how?'), [], () => asked, read, light)).toBeNull();
    expect(bareHow(cuesOf('reduce it'), ['reduc'], () => asked, read, light)).toBeNull();
    expect(
      bareHow(cuesOf('so how would it reduce that in the long run'), ['reduc'], () => asked, read, light),
    ).toBeNull();
  });
});

describe('bare how in a conversation', () => {
  it('an echo keeps the last answer rather than a neighbour explaining something else', () => {
    const [first, how] = converse('does selenium reduce inflammation', 'reduce it how');
    expect(how).toMatchObject({ answered: true, followUpOf: first?.matchId, matchId: first?.matchId });
  });

  it('"helps how?" is a follow-up of the last answer, not a question of its own', () => {
    const [first, how] = converse('does selenium reduce inflammation', 'helps how?');
    expect(how).toMatchObject({ answered: true, followUpOf: first?.matchId });
  });

  it('a how naming an off-topic subject stays refused', () => {
    expect(converse('does selenium reduce inflammation', 'zinc how?')[1]?.answered).toBe(false);
  });
});

describe('figures read back', () => {
  const answer = () => 'about 8 mcg per cup, 15% of the Daily Value (55 mcg)';
  it("a message with the last answer's own figures is about it", () => {
    expect(echoesFigures('wait, 8 of 55 is not 15%', answer)).toBe(true);
  });

  it('one number, or a number the answer does not have, is a new amount', () => {
    expect(echoesFigures('and for 2 cups?', answer)).toBe(false);
    expect(echoesFigures('what about 8 cups?', answer)).toBe(false);
    expect(echoesFigures('so 3 cups is 24 mcg?', answer)).toBe(false);
  });

  it('in a conversation: the figures disputed get the last answer again, as its follow-up', () => {
    const [milk, disputed] = converse('how much selenium does a cup of milk have', 'hm, 8 and 55 make 15%, not 11%?');
    expect(disputed).toMatchObject({ answered: true, matchId: milk?.matchId, followUpOf: milk?.matchId });
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { withoutExclusions } from '../../src/engine/understand.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

// What a member says they are not asking about ("not the biopro thing", "not gonna ask about zinc") is
// left out of the question; any other "not" is part of it.

describe('withoutExclusions', () => {
  it('drops "not the X thing" after a boundary, and "not (gonna) ask about X"', () => {
    expect(withoutExclusions('does it fight germs (not the biopro thing, just selenium)')).toBe(
      'does it fight germs ( , just selenium)',
    );
    expect(withoutExclusions("i'm not asking about iron, does selenium help")).toBe("i'm , does selenium help");
  });

  it('drops earlier mentions of what is excluded, never later ones', () => {
    expect(withoutExclusions('she swears by zinc. not gonna ask about zinc but does selenium help?')).toBe(
      'she swears by . but does selenium help?',
    );
    expect(withoutExclusions('not gonna ask about zinc but how much zinc should i take')).toContain('how much zinc');
  });

  it('drops a subject the member sets aside at the start of a sentence ("ok forget eggs.", "never mind the flu,")', () => {
    expect(withoutExclusions('ok forget eggs. is selenium good for immunity?')).toBe(
      'ok . is selenium good for immunity?',
    );
    expect(withoutExclusions('we talked about eggs. never mind eggs, what about tuna?')).toBe(
      'we talked about . , what about tuna?',
    );
    expect(withoutExclusions('nvm zinc. how much selenium a day')).toBe(' . how much selenium a day');
  });

  it('keeps "forget" or "enough" inside a question', () => {
    for (const m of [
      'does selenium make you forget things?',
      'i always forget eggs have selenium, do they?',
      'enough selenium per day?',
    ])
      expect(withoutExclusions(m)).toBe(m);
  });

  it('drops a tag asking for agreement, but keeps the word a question asks about', () => {
    expect(withoutExclusions('it is in the article, right?')).toBe('it is in the article?');
    expect(withoutExclusions('selenium is an antioxidant ok?')).toBe('selenium is an antioxidant?');
    for (const m of ['200 mcg a day, is that ok?', 'is it okay?', 'that sounds right?', "it's fine, is this correct?"])
      expect(withoutExclusions(m)).toBe(m);
  });

  it('keeps every other "not"', () => {
    for (const m of [
      'does it not help',
      'not enough selenium causes what',
      'is it not the best supplement?',
      'why not the flu?',
    ])
      expect(withoutExclusions(m)).toBe(m);
  });

  it('returns any text unchanged or shorter, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (m) => {
        expect(withoutExclusions(m).length).toBeLessThanOrEqual(m.length);
      }),
    );
  });
});

describe('in the engine', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(loadProjectKnowledge());
  });

  it('answers what is asked, not what is excluded', () => {
    const answer = engine.ask('does selenium help ur body fight germs (not the biopro thing, just selenium)');
    expect(answerSchema.parse(answer).answered).toBe(true);
    expect(answer.matchId).not.toBe('biopro-plus');
  });

  it('still refuses a question about the excluded substance asked after the exclusion', () => {
    expect(engine.ask('not gonna ask about zinc but how much zinc should i take').answered).toBe(false);
  });
});

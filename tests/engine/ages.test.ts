import { describe, expect, it } from 'vitest';
import { statedAge } from '../../src/engine/ages.js';
import { createEngine } from '../../src/engine/index.js';
import { intakeFigures } from '../../src/engine/intake.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { nextContext } from '../../src/engine/turns.js';
import type { Answer, ConversationContext } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// An age a member states says who an amount question is for: the RDA row of that age group.

const age = (text: string) => statedAge(words(normaliseText(text)));
const kb = loadProjectKnowledge();

describe('statedAge', () => {
  it('reads the ways members state an age', () => {
    expect(age('same for a 17 yo?')).toBe(17);
    expect(age("my dad's 70, same for him?")).toBe(70);
    expect(age('for someone aged 16')).toBe(16);
    expect(age('what about a 12 year old')).toBe(12);
    expect(age('my grandma is 85')).toBe(85);
  });

  it('takes no other number for an age', () => {
    for (const text of ['i take 200 mcg a day', '3 servings of tuna', 'does it help with covid 19', 'is 70 mcg ok'])
      expect(age(text), text).toBeNull();
    expect(age('my dad is 300')).toBeNull();
  });
});

describe('intake figures for a stated age', () => {
  it('names the RDA group of that age', () => {
    expect(intakeFigures(kb, words(normaliseText('same for a 17 yo?'))).text).toContain(
      'age 17: the 14-18 years group, 55 mcg a day',
    );
    expect(intakeFigures(kb, words(normaliseText('for my 6 year old')))).toMatchObject({
      text: expect.stringContaining('age 6: the 4-8 years group, 30 mcg a day'),
    });
    expect(intakeFigures(kb, words(normaliseText('my dad is 70'))).text).toContain('the 19+ years group, 55 mcg');
  });

  it("names that group's upper limit too, far below an adult's for a child", () => {
    expect(intakeFigures(kb, words(normaliseText('for my 6 year old'))).text).toContain(
      '4-8 years group, 30 mcg a day, upper limit 150 mcg a day',
    );
    expect(intakeFigures(kb, words(normaliseText('my dad is 70'))).text).toContain('upper limit 400 mcg a day');
  });
});

describe('in a conversation', () => {
  const engine = createEngine(kb);
  const talk = (...turns: string[]): Answer => {
    let context: ConversationContext = [];
    let last: Answer | undefined;
    for (const t of turns) {
      last = engine.ask(t, context);
      context = nextContext(context, t, last);
    }
    return last as Answer;
  };

  it('answers "same for a 17 yo?" after an intake question with the intake again', () => {
    const a = talk('how much selenium should i get a day', 'same for a 17 yo?');
    expect(a.answered).toBe(true);
    expect(a.followUpOf).not.toBeNull();
    expect(a.text).toContain('55 mcg');
  });

  it("answers an age after the upper limit with that age group's limit", () => {
    const a = talk('how much selenium is too much', 'and my 10 year old?');
    expect(a).toMatchObject({ answered: true });
    expect(a.followUpOf).not.toBeNull();
    expect(a.citations.map((c) => c.quote).join(' ')).toContain('9-13 years group, 40 mcg a day, upper limit 280 mcg');
  });

  it('says no to "does it mention X" about the article, not about the last topic', () => {
    const a = talk('does selenium help with the flu', 'does it mention heart disease');
    expect(a.answered).toBe(false);
    expect(a.text).toBe("The article doesn't mention heart disease.");
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, REFUSAL_TEXT } from '../../src/engine/index.js';
import { questionParts } from '../../src/engine/segment.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Advice for another named person. The article gives no dose for any condition, and it cannot know a
// person's illness: a dose for a person with a named condition, or advice for a condition it never
// mentions, is refused with the not-covered line. What it does say about selenium (for the immune system,
// the flu) and the reference amounts for someone with no condition told are still answered, with the
// not-medical-advice line every answer carries.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

describe('advice for a person with a condition', () => {
  it.each([
    'my aunt has psoriasis, what dose should she take',
    'hey. my aunt has psoriasis, what dose should she take?',
    'My grandad was diagnosed with gout. How many mcg of selenium should he be on?',
    'my son has the flu, how much selenium should he take?',
    'my girlfriend has covid rn, what dosage should she take',
    'my uncle has chronic fatigue, should he take selenium?',
  ])('refuses "%s"', (message) => {
    const a = engine.ask(message);
    expect(a.answered).toBe(false);
    expect(a.text).toBe(REFUSAL_TEXT);
    expect(a.citations).toHaveLength(0);
  });

  it.each([
    ['should my dad take selenium for his immune system', 'supplements-and-immunity'],
    ['my son has the flu, should he take selenium?', 'influenza'],
    ['how much selenium should my mum take', 'getting-enough-selenium'],
    ['my dad is 70, how much selenium should he take a day', 'getting-enough-selenium'],
    ['my mum has a question: what are selenoproteins?', 'selenoproteins'],
  ])('answers what the article does say: "%s"', (message, id) => {
    const a = engine.ask(message);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe(id);
    expect(a.disclaimer.length).toBeGreaterThan(0);
  });
});

describe('the question part of advice for a person', () => {
  it('carries the sentences that say who the person is', () => {
    const parts = questionParts('hi! my aunt has psoriasis. what dose should she take?');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.text).toBe('my aunt has psoriasis. what dose should she take?');
  });

  it('leaves other questions alone', () => {
    const parts = questionParts('my aunt has psoriasis. what are selenoproteins?');
    expect(parts.map((p) => p.text)).toEqual(['what are selenoproteins?']);
  });

  it('stops at an earlier question', () => {
    const parts = questionParts('what is selenium? my aunt has psoriasis. can she take it?');
    expect(parts.map((p) => p.text)).toEqual(['what is selenium?', 'my aunt has psoriasis. can she take it?']);
  });
});

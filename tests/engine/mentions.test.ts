import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { mentionQuestion } from '../../src/engine/mentions.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

// "Is X mentioned?": yes with the article's own sentences, or an honest no; never a guess.

const kb = loadProjectKnowledge();
const engine = createEngine(kb);

describe('questions about what the article mentions', () => {
  it('answers yes with verbatim sentences of the article that name it', () => {
    const a = engine.ask('does it say anything about bacteria?');
    answerSchema.parse(a);
    expect(a.answered).toBe(true);
    expect(a.citations.length).toBeGreaterThan(0);
    for (const c of a.citations) {
      expect(c.kind).toBe('quote');
      expect(kb.article.resolvedSections.some((s) => s.text.includes(c.quote))).toBe(true);
      expect(c.quote.toLowerCase()).toContain('bacteri');
    }
  });

  it('says honestly that the article does not mention something, without an answer', () => {
    for (const [message, subject] of [
      ['does the article mention vitamin d', 'vitamin d'],
      ['is zinc mentioned anywhere?', 'zinc'],
      ['does it talk about dogs', 'dogs'],
    ] as const) {
      const a = engine.ask(message);
      answerSchema.parse(a);
      expect(a.answered, message).toBe(false);
      expect(a.text).toBe(`The article doesn't mention ${subject}.`);
      expect(a.citations).toEqual([]);
    }
  });

  it('takes what is asked about from the question’s own sentence, not the remark after it', () => {
    const no = engine.ask('does it mention zinc? asking for my mum');
    expect(no.text).toBe("The article doesn't mention zinc.");
    const yes = engine.ask('is bacteria mentioned? my biology class covers germs this week');
    expect(yes.answered).toBe(true);
    expect(yes.citations.some((c) => c.quote.toLowerCase().includes('bacteri'))).toBe(true);
  });

  it('does not answer "what does it say about X" with a yes or no', () => {
    const a = engine.ask('what does this article say about selenium supplements, who wins');
    expect(a.text).not.toMatch(/^The article doesn't mention|^Yes, the article mentions/);
  });

  it('says no to a subject the article never names, even when a topic shares one of its words', () => {
    for (const [message, subject] of [
      ['does it mention heart disease', 'heart disease'],
      ['does the article talk about covid vaccines?', 'covid vaccines'],
      ['does it mention pregnancy or breastfeeding', 'pregnancy or breastfeeding'],
    ] as const) {
      const a = engine.ask(message);
      answerSchema.parse(a);
      expect(a.answered, message).toBe(false);
      expect(a.text).toBe(`The article doesn't mention ${subject}.`);
    }
  });

  it('gives the safety facts with a no about side effects', () => {
    const a = engine.ask('does the article talk about side effects or toxicity');
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/^The article doesn't mention/);
    expect(a.safety).toMatch(/400 mcg/);
  });

  it('says no when every specific term of the subject is missing, even synonyms of one another beside selenium', () => {
    for (const message of [
      'does the article talk about selenium side effects or toxicity',
      'does it mention toxicity or side effects?',
    ]) {
      const a = engine.ask(message);
      answerSchema.parse(a);
      expect(a.answered, message).toBe(false);
      expect(a.text, message).toMatch(/^The article doesn't mention/);
      expect(a.safety, message).toMatch(/400 mcg/);
    }
  });

  it('answers a side-effects question with the safety facts, since the lexicon reads it as the upper limit', () => {
    for (const message of ['does selenium have side effects', 'any adverse effects from selenium pills?']) {
      const a = engine.ask(message);
      answerSchema.parse(a);
      expect(a.safety, message).toMatch(/400 mcg/);
    }
  });

  it('reads the subject as the lexicon does: phrases, synonyms and common words beside a specific one', () => {
    for (const message of [
      'does it mention white blood cells',
      'does it say anything about free radicals',
      'does the article mention immunocompromised people',
      'does it talk about germs',
    ]) {
      const a = engine.ask(message);
      expect(a.answered, message).toBe(true);
    }
  });

  it('does not read a claim ("does it say selenium X") as a thing to look up word by word', () => {
    const a = engine.ask('does the article say selenium blocks the virus at the cell membrane');
    expect(a.answered).toBe(true);
    expect(a.text).not.toMatch(/^The article doesn't mention/);
  });

  it('leaves questions a curated topic answers to that topic', () => {
    expect(engine.ask('is covid mentioned').matchId).toBe('covid-19');
  });
});

describe('the one reader of mention questions', () => {
  it.each([
    ['does it mention milk', 'milk', false],
    ['is cancer covered at all', 'cancer', false],
    ['does the article say selenium works on its own', 'selenium works on its own', true],
  ])('"%s" asks about "%s" (a claim: %s)', (text, raw, claim) => {
    expect(mentionQuestion(text)).toEqual({ raw, claim });
  });

  it('reads "what does it say about X" as a mention only for quoting the word X itself', () => {
    expect(mentionQuestion('what does it say about pathogens')).toBeNull();
    expect(mentionQuestion('what does it say about pathogens', true)?.raw).toBe('pathogens');
    expect(mentionQuestion('how does selenium help', true)).toBeNull();
  });
});

describe('an honest no judges the subject by its specific words', () => {
  it('a light verb beside them ("getting") is no subject the article lacks', () => {
    const a = engine.ask('does the article say anything about getting an adequate supply?');
    expect(a.answered).toBe(true);
    expect(a.citations.some((c) => c.quote.includes('adequate supply'))).toBe(true);
  });

  it('still says no when a specific word is missing', () => {
    const a = engine.ask('does it mention getting heart disease?');
    expect(a.answered).toBe(false);
    expect(a.text).toContain("doesn't mention");
  });
});

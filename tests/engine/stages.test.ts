import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { createFoodQuestions } from '../../src/engine/food-question.js';
import { createEngine, REFUSAL_TEXT } from '../../src/engine/index.js';
import { createRanker } from '../../src/engine/match.js';
import { ANSWER_THRESHOLD, createScope } from '../../src/engine/scope.js';
import { askingParts, createUnderstander } from '../../src/engine/understand.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Each stage of the pipeline on its own, against the project's knowledge base.

const ctx = createContext(loadProjectKnowledge());
const understand = createUnderstander(ctx);
const scope = createScope(ctx);
const food = createFoodQuestions(ctx);
const rank = createRanker(ctx);

const decide = (message: string) => {
  const q = understand.analyseQuestion(message);
  return scope.refusalReason(q, rank(message, q.terms)[0]);
};

describe('understand stage', () => {
  it('finds the asking sentence and the asking clause of a chatty message', () => {
    expect(askingParts('Good morning, long time lurker here. What are selenoproteins?')).toContain(
      ' What are selenoproteins',
    );
    expect(askingParts("I read it twice and I'm confused, what role does selenium play")).toEqual([
      ' what role does selenium play',
    ]);
    expect(askingParts('selenium')).toEqual([]);
  });

  it('ranks on a clause that names only the article ("what is this article about") after a remark', () => {
    // The article is a light word, but the one thing the clause asks about: the remark's words must not decide.
    for (const message of [
      'finally home after the night shift, what is this article about?',
      'booked a dentist appointment, what is the article about',
    ]) {
      const q = understand.analyseQuestion(message);
      expect(rank(message, q.terms)[0]?.doc.id, message).toBe('article-overview');
    }
  });

  it('drops article framing and amounts the member states from the terms', () => {
    const framed = understand.analyseQuestion('according to the article, does selenium help with covid');
    expect(framed.terms.join(' ')).not.toMatch(/articl/);
    const amount = understand.analyseQuestion('can I take 1000 mcg of selenium');
    expect(amount.terms).not.toContain('1000');
  });
});

describe('understand stage: a story around the question', () => {
  const offTopic = (message: string) => scope.offTopicNames(understand.analyseQuestion(message), new Set());

  it("sets aside what the member's own story names that the article does not cover", () => {
    const q = 'I was diagnosed with asthma last year. Does the article link selenium to chronic inflammation?';
    expect(offTopic(q)).toEqual([]);
    expect(offTopic('Does the article link selenium to chronic inflammation? I have asthma')).toEqual([]);
    // The same words asked, not told, are refused.
    expect(offTopic('Does selenium help with asthma? I read the article')).toEqual(['asthma']);
    // The story's other words stay: only the uncovered phrase goes.
    expect(understand.analyseQuestion(q).terms).toContain('chronic');
  });

  it('sets aside a short label before the question ("Mod check:") as it does a story', () => {
    expect(offTopic('Mod check: what does the article say about selenoproteins?')).toEqual([]);
    expect(offTopic('zinc thread q: does selenium help with the flu?')).toEqual([]);
    // A longer sentence without a story word is no label, and a question that names nothing of the article
    // keeps what the label says.
    expect(offTopic('zinc lozenges are sold everywhere now. does selenium help with the flu?')).not.toEqual([]);
    expect(offTopic('zinc q: does it help with the flu?')).toContain('zinc');
    // A short lead that names selenium is the question's subject, not a label.
    expect(offTopic('selenium and asthma, should I take it?')).toContain('asthma');
  });

  it('still refuses when the question itself names it, or the words are no story', () => {
    expect(offTopic('My mum takes zinc. Is zinc better than selenium?')).toContain('zinc');
    expect(offTopic('selenium vs cypress for testing, which one is easier')).not.toEqual([]);
    // Nothing names selenium or the article: the story may be what is asked about.
    expect(offTopic('I take zinc every day. is that enough for my immune system?')).toContain('zinc');
  });
});

describe("understand stage: advice about someone's condition or treatment", () => {
  const offTopic = (message: string) => scope.offTopicNames(understand.analyseQuestion(message), new Set());
  const engine = createEngine(ctx.kb);

  it.each([
    'my husband is on chemotherapy right now. can he keep taking selenium with his treatment?',
    'my aunt had radiotherapy last month, is selenium safe for her?',
    'my brother has asthma. should he start selenium?',
  ])('keeps the story of "%s": the question asks about it, and is refused', (message) => {
    expect(offTopic(message)).not.toEqual([]);
    const answer = engine.ask(message);
    expect(answer.answered).toBe(false);
    expect(answer.text).toBe(REFUSAL_TEXT);
  });

  it('still sets the story aside when the question asks the article something of its own', () => {
    for (const message of [
      'my uncle is going through chemo. what does the article say selenium does for immune cells?',
      'I was diagnosed with asthma last year. Does the article link selenium to chronic inflammation?',
    ]) {
      expect(offTopic(message), message).toEqual([]);
      expect(engine.ask(message).answered, message).toBe(true);
    }
  });
});

describe('understand stage: a story told before a question of its own', () => {
  const terms = (message: string) => understand.analyseQuestion(message).terms;

  it('leaves the story out when the question names selenium and its own topic', () => {
    const told = 'my uncle caught the flu twice this winter and my gran keeps buying him pills.';
    const asked = 'what does the article say selenium does for inflammation?';
    expect(terms(`${told} ${asked}`)).toEqual(terms(asked));
  });

  it('keeps it when the question points back at it or leaves its subject to it', () => {
    for (const message of [
      'my levels came back low last month. could that be why selenium matters for colds?',
      'my gran has covid. would selenium help me look after her immune system?',
      'my sister has low selenium. is it dangerous?',
    ])
      expect(terms(message).length, message).toBeGreaterThan(terms(message.slice(message.indexOf('.') + 1)).length);
  });

  it('answers the question, not the story', () => {
    const answer = createEngine(ctx.kb).ask(
      'my dad got covid in march and my aunt now sends him every supplement going. what does this article claim selenium does for inflammation?',
    );
    expect(answer.matchId).toBe('inflammation');
  });
});

describe('scope stage', () => {
  it('lets a clear in-scope question through', () => {
    expect(decide('how does selenium help the immune system')).toBeNull();
  });

  it('names why a question is refused', () => {
    expect(decide('how much caffeine is too much')).not.toBeNull();
    expect(decide('does alcohol weaken your immune system')).not.toBeNull();
    // The subject is a word the knowledge base never uses, whatever its predicate matches.
    expect(decide('does smoking raise the risk of infections')).toBe('unexplained-subject');
    expect(decide('best way to treat a cold')).not.toBeNull();
    expect(decide('what is the capital of france')).toBe('low-score');
  });

  it('answers a question about selenium from an entry, never from a linked article alone', () => {
    expect(decide('does selenium help with depression')).toBe('link-not-about-selenium');
    expect(decide('can a weak immune system affect my mood')).toBeNull();
  });

  it("falls back to the article's own best topic when a linked article ranks first for a selenium question", () => {
    const engine = createEngine(ctx.kb);
    const question = 'is selenium linked to vitamin c for immunity';
    expect(decide(question)).toBe('link-not-about-selenium');
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.route).toBe('entry');
    expect(ctx.kb.entries.some((e) => e.id === answer.matchId)).toBe(true);
    // No topic of the article's own answers it well enough: still refused.
    expect(engine.ask('does selenium help with depression').answered).toBe(false);
  });

  it('never takes a number for the subject a question asks about', () => {
    expect(scope.unexplainedSubject(understand.analyseQuestion('milk is 11% of daily needs, is 8 mcg that much'))).toBe(
      false,
    );
    expect(scope.unexplainedSubject(understand.analyseQuestion('are 2 beers a day ok'))).toBe(true);
  });

  it('reports off-topic lexicon words, but not those inside a named food', () => {
    const q = understand.analyseQuestion('does selenium work better with zinc');
    expect(scope.offTopic(q, new Set()).length).toBeGreaterThan(0);
    const clear = understand.analyseQuestion('does selenium help with covid');
    expect(scope.offTopic(clear, new Set())).toEqual([]);
  });

  it('refuses a message about something other than the article, whatever words it shares with it', () => {
    // "year" and "sponsored" are words of the article's own entries (its date, its promotion).
    for (const message of ['what year is it', "what's the date today", 'is this youtube video sponsored'])
      expect(decide(message), message).toBe('another-subject');
    // The article itself, by name or as "it", and a claim from a video put to the article, still answer.
    for (const message of ['is it sponsored', 'is this article sponsored', 'when was the article written'])
      expect(decide(message), message).toBeNull();
    expect(decide('this video says selenium helps with covid, is that true?')).toBeNull();
  });

  it('refuses advice for a person, or with their own medicine, about something the knowledge base has no word for', () => {
    for (const message of [
      'my grandad has sarcoidosis, how much selenium should he take?',
      'is selenium ok alongside my metformin',
    ])
      expect(decide(message), message).toBe('personal-advice');
    // What the article covers (the flu, covid), an age, a supplement: answered as before.
    for (const message of [
      'my son has the flu, should he take selenium?',
      'my daughter is 12, how much selenium should she take',
      'can I take selenium with my multivitamin',
    ])
      expect(decide(message), message).toBeNull();
  });

  it('never lets a score under the threshold answer', () => {
    const q = understand.analyseQuestion('selenium');
    const best = rank('selenium', q.terms)[0];
    expect(best).toBeDefined();
    if (best) expect(scope.refusalReason(q, { ...best, score: ANSWER_THRESHOLD - 0.01 })).toBe('low-score');
  });
});

describe('food stage', () => {
  const find = (message: string) => food.find(message, understand.analyseQuestion(message));

  it('finds the food an amount question is about', () => {
    expect(find('how much selenium is in brazil nuts')?.match?.result.id).toBe('brazil-nuts');
    expect(find('how much selenium in 3 eggs')?.match?.result.found).toBe(true);
  });

  it('leaves a topic question that only names a food to the entries', () => {
    const found = find('brazil nuts or pills, which is better for immunity?');
    expect(found.match).toBeNull();
    expect(found.mentioned).not.toBeNull();
  });

  it('answers a food list from the table, citing each food', () => {
    const top = food.topFoods();
    expect(top.answered).toBe(true);
    expect(top.route).toBe('food');
    expect(top.citations.length).toBeGreaterThan(1);
  });
});

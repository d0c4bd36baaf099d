import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { compileLexicon, findOutOfScope, normaliseText, stem, words } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { COMMON_WORDS, createTypoCorrector } from '../../src/engine/typos.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Issue 2: questions that share a word with the article but are about something else (server chat,
// shopping, other conditions) are refused; the in-scope questions next to them still answer.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const stems = (text: string) => words(normaliseText(text)).map(stem);

describe('out-of-scope phrases', () => {
  it('lets a longer in-scope synonym phrase win over an off-topic word inside it', () => {
    const lexicon = compileLexicon({ synonyms: [['oxidative stress', 'oxidant stress']], outOfScope: ['stress'] });
    expect(findOutOfScope(stems('does stress make you sick'), lexicon)).toEqual(['stress']);
    expect(findOutOfScope(stems('does selenium reduce oxidative stress'), lexicon)).toEqual([]);
    expect(findOutOfScope(stems('can stress cause oxidant stress'), lexicon)).toEqual(['stress']);
  });
});

describe('cancer treatment', () => {
  it('is refused, while what the article says about cancer risk is answered', () => {
    for (const q of [
      'does selenium shrink tumours',
      'can selenium be used alongside radiotherapy?',
      'is selenium ok while on chemo',
      'should i keep taking selenium during chemotherapy',
    ])
      expect(engine.ask(q).answered, q).toBe(false);
    expect(engine.ask('is low selenium linked to tumours').matchId).toBe('cancer-risk');
    expect(engine.ask('my dad is immunocompromised (chemo), does the article say anything about him?').answered).toBe(
      true,
    );
  });
});

describe('other substances in a food', () => {
  it('refuses mercury in tuna and still counts tuna servings against the selenium limit', () => {
    expect(engine.ask('mercury in tuna, how many cans a week is safe').answered).toBe(false);
    const servings = engine.ask('how many cans of tuna before i hit the upper limit');
    expect(servings.route).toBe('food');
    expect(servings.matchId).toBe('tuna');
  });
});

describe('typo repair leaves common English words alone', () => {
  const corrector = createTypoCorrector(['cancer', 'fight', 'treat', 'raise', 'depleted', 'selenium', 'immunity'], {
    domain: ['cancer', 'fight', 'treat', 'raise'],
  });

  it.each([...COMMON_WORDS].slice(0, 40))('keeps %s', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });

  it.each(['cancel', 'flight', 'threat', 'rise', 'deleted'])('does not turn %s into a domain word', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });

  it.each([
    ['selenum', 'selenium'],
    ['immunty', 'immunity'],
    ['cancr', 'cancer'],
  ])('still repairs the typo %s', (typo, fixed) => {
    expect(corrector.correct(typo)).toBe(fixed);
  });
});

describe('engine refuses questions whose subject the article does not discuss', () => {
  it.each([
    'who deleted my post in #general',
    'can a mod unban me please',
    'why did my post get flagged as spam',
    'can you recommend a good multivitamin brand',
    'which company makes the best supplements',
    'can selenium treat cancer',
    'is selenium good for type 2 diabetes',
    'does stress weaken the immune system',
    'can stress make you sick',
    'does lack of sleep affect immunity',
    'what should i do about a fever',
    'does alcohol weaken your immune system',
  ])('refuses: %s', (question) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.citations).toEqual([]);
  });

  it.each([
    'does selenium reduce oxidative stress',
    'what is oxidative stress',
    'does the immune system affect mental health',
    'can a weak immune system cause depression or anxiety',
    'does selenium deficiency weaken your immune system',
    'apologies for the noob question but what is oxidative stress',
    'is there an article about immunity and mental health',
  ])('still answers: %s', (question) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.matchId).not.toBeNull();
  });

  it('finds the related mental-health article from words of its own', () => {
    const link = kb.related.find((l) => l.keywords.includes('mental health'));
    expect(link).toBeDefined();
    expect(engine.ask('immune system and mental health').matchId).toBe(link?.id);
  });
});

describe('exercise and fitness', () => {
  it('is refused, though it reuses the article’s words (ROS, inflammation, immunity)', () => {
    for (const q of [
      'is oxidative stress from exercise bad',
      'do free radicals from a hard workout hurt muscle growth',
      'does going to the gym lower inflammation',
      'is cardio good for the immune system',
    ])
      expect(engine.ask(q).answered, q).toBe(false);
  });

  it('leaves a question about selenium alone when only the member’s story mentions working out', () => {
    expect(engine.ask('I work out a lot, how much selenium should I take').matchId).toBe('getting-enough-selenium');
  });
});

// docs/curating.md, "Decided: questions on the subject of a Keep Reading article".
describe('the subjects of the Keep Reading articles', () => {
  it.each([
    ['is vitamin c any good for your immune system?', 'vitamin-c-immunity'],
    ['can problems with your immune system mess with your mental health', 'immune-mental-health'],
    // "How much" of a degree, not a dose.
    ['how much does the immune system affect mood', 'immune-mental-health'],
  ])('"%s" gets the linked article, saying the article does not cover it', (question, id) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.route).toBe('related');
    expect(answer.matchId).toBe(id);
    expect(answer.text).toMatch(/does not cover this itself/);
    expect(answer.citations).toHaveLength(1);
  });

  it.each([
    'will selenium fix my anxiety',
    'how much vitamin c should i take for a cold',
    'vitamin c dose for colds?',
    'how much vitamin c is too much',
    'zinc or vitamin c, which is better for colds',
  ])('refuses "%s": no linked article and no claim of the article is about it', (question) => {
    expect(engine.ask(question).answered).toBe(false);
  });
});

describe('something the article does not cover, set beside selenium', () => {
  it('answers what the article says of selenium and says it cannot make the comparison', () => {
    for (const [message, name] of [
      ['is zinc way better than selenium against covid? does the article back that up', 'zinc'],
      ['echinacea or selenium for catching fewer colds, what does the article say?', 'echinacea'],
      ['selenium vs elderberry for the flu according to the post', 'elderberry'],
    ] as const) {
      const answer = engine.ask(message);
      expect(answer.answered, message).toBe(true);
      expect(answer.route, message).toBe('entry');
      expect(answer.citations.length, message).toBeGreaterThan(0);
      expect(answer.text, message).toContain(`The article doesn't cover ${name}`);
    }
  });

  it('still refuses a comparison without selenium, of software, not put to the article, or a dose', () => {
    for (const message of [
      'does zinc or selenium help more with colds',
      'is zinc or vitamin d better for immunity',
      'selenium vs playwright for testing',
      'how much zinc and selenium should i take',
      'does selenium help with covid or should i just take zinc',
      'is selenium better than metformin for diabetes',
    ])
      expect(engine.ask(message).answered, message).toBe(false);
  });
});

describe('where to buy selenium', () => {
  it('refuses a pharmacy question, and still answers a question that only mentions one', () => {
    for (const q of ['is there a pharmacy in Leeds that sells selenium', 'best pharmacy to get selenium from'])
      expect(engine.ask(q).answered, q).toBe(false);
    const told = engine.ask('my pharmacy had selenium tablets on offer, would they do anything for my immunity?');
    expect(told.answered).toBe(true);
    expect(told.matchId).toBe('supplements-and-immunity');
  });
});

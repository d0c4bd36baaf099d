import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { createEngine } from '../../src/engine/index.js';
import { analyse } from '../../src/engine/normalise.js';
import { createUnderstander, withoutGlossed, withoutHedges } from '../../src/engine/understand.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Everyday words for what the article says in its own terms (knowledge/lexicon.json): "who benefits most"
// for its "especially in ...", "what's the catch" for its product at the end, "snake oil" for its evidence.

const kb = loadProjectKnowledge();
const engine = createEngine(kb);
const ctx = createContext(kb);
const terms = (text: string) => analyse(text, ctx.lexicon, ctx.correct, ctx.stemOf).terms;
const quotes = (q: string) =>
  engine
    .ask(q)
    .citations.map((c) => c.quote)
    .join(' ');

describe('everyday words for the article’s terms', () => {
  it('reads "who benefits most" as the people the article names especially', () => {
    for (const q of ['who would benefit from selenium supplements', 'who needs it most, selenium pills i mean'])
      expect(quotes(q), q).toContain('especially in immunocompromised patients');
  });

  it('reads "what is the catch" as a question about the article’s motive, not about catching an infection', () => {
    const answer = engine.ask('so what is the catch with this article');
    expect(answer.answered).toBe(true);
    expect(quotes('so what is the catch with this article')).toContain('BioPro-Plus');
    expect(engine.ask('does selenium stop me catching colds').matchId).not.toBe('article-is-promotional');
  });

  it('reads sceptical words ("snake oil", "pseudoscience") as a question about the evidence', () => {
    const answer = engine.ask('selenium for immunity, real or pseudoscience?');
    expect(answer.answered).toBe(true);
    expect([
      'article-evidence',
      'preventive-potential',
      'molecular-mechanisms-research',
      'supplements-and-immunity',
    ]).toContain(answer.matchId);
  });
});

describe('hedge words inside a phrase', () => {
  it('leaves the words around them as they were', () => {
    expect(withoutHedges('does it Actually say, what does it even do? justice').split(/\s+/)).toEqual(
      'does it say, what does it do? justice'.split(' '),
    );
  });

  it('reads "what does the article tell people to really do" as a question about its advice', () => {
    const answer = engine.ask('what does the article tell people to really do');
    expect(answer.matchId).toBe(engine.ask('what does the article tell people to do').matchId);
    expect(answer.matchId).toBe('getting-enough-selenium');
  });
});

describe('asking for a list', () => {
  it('weighs "list" and "bullet points" as the form of the answer, not its topic', () => {
    expect(terms('list the mechanisms in bullet points')).toEqual(terms('the mechanisms'));
  });

  it('answers "which mechanisms does it list" with the sentence that names them', () => {
    const answer = engine.ask('what mechanisms does the article list');
    expect(answer.answered).toBe(true);
    expect(quotes('what mechanisms does the article list')).toContain(
      'maintain redox balance, boost immune system functions',
    );
  });
});

describe('a question wrapped in another language', () => {
  const analysed = (q: string) => createUnderstander(ctx).analyseQuestion(q).terms;

  it('weighs greetings and thanks in other scripts as nothing', () => {
    const plain = analysed('does selenium calm inflammation');
    for (const q of [
      'привет, does selenium calm inflammation? спасибо',
      'こんにちは does selenium calm inflammation? ありがとう',
      '안녕하세요 does selenium calm inflammation 감사합니다',
      'Γεια σας, does selenium calm inflammation?',
      'guten morgen, does selenium calm inflammation? merhaba',
    ])
      expect(analysed(q), q).toEqual(plain);
  });

  it('reads a word of the member’s language by the English gloss they give it', () => {
    expect(withoutGlossed('does it help Immunität (immunity) at all').replace(/\s+/g, ' ')).toBe(
      'does it help immunity at all',
    );
    expect(analysed('does selen help with Entzündung (inflammation)?')).toEqual(
      analysed('does selenium help with inflammation?'),
    );
  });

  it('leaves a message wholly in another script as it is (nothing to answer from)', () => {
    expect(engine.ask('セレンは免疫に良いですか').answered).toBe(false);
  });
});

describe('what a member says about themselves or in their own language', () => {
  it('weighs greetings and thanks in other languages as nothing', () => {
    const plain = terms('is selenium an antioxidant');
    for (const q of [
      'shukriya, is selenium an antioxidant',
      'مرحبا is selenium an antioxidant شكرا',
      'xin chao, is selenium an antioxidant, cam on',
      'merci! is selenium an antioxidant',
    ])
      expect(terms(q), q).toEqual(plain);
  });

  it('weighs an apology for one’s English or a disclaimer of expertise as nothing', () => {
    const plain = terms('how does selenium protect cells');
    for (const q of [
      'how does selenium protect cells, sorry my english is not good',
      'im not a scientist, how does selenium protect cells',
      'how does selenium protect cells? english is not my first language',
    ])
      expect(terms(q), q).toEqual(plain);
    // A scientist named in the question still reads as research.
    expect(terms('what do scientists say about selenium')).toContain('research');
  });
});

describe('questions that contrast or ask for the article’s advice', () => {
  const cases: [string, string][] = [
    ['is selenium better on its own or in a combo', 'biopro-plus'],
    ['any practical advice from this article?', 'getting-enough-selenium'],
    ['does selenium do its thing directly or via proteins', 'selenoproteins'],
    ['is selenium for prevention or for treating people who are ill', 'preventive-potential'],
  ];
  for (const [q, id] of cases)
    it(`answers "${q}" from ${id}`, () => {
      expect(engine.ask(q).matchId).toBe(id);
    });
});

describe('the article’s own phrases as anchors', () => {
  it('answers a question naming a phrase only this article uses, without naming selenium', () => {
    expect(engine.ask('so what did that recent clinical research show').answered).toBe(true);
  });

  it('leaves general questions with the same everyday words refused', () => {
    for (const q of ['is clinical research on immunity trustworthy', 'how did the coronavirus epidemic start'])
      expect(engine.ask(q).answered, q).toBe(false);
  });
});

describe('asking for an explanation', () => {
  it('weighs "explanation" and a polite "I would welcome" as nothing, so the topic decides', () => {
    expect(terms('I would welcome an explanation of selenoproteins')).toEqual(terms('selenoproteins'));
    for (const q of ['selenoproteins explanation pls', 'I would welcome a plain explanation of selenoproteins'])
      expect(engine.ask(q), q).toMatchObject({ answered: true, matchId: 'selenoproteins' });
  });

  it('answers nothing for the word alone', () => {
    expect(engine.ask('explanation?').answered).toBe(false);
  });
});

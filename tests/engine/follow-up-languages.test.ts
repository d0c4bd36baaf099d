import { beforeAll, describe, expect, it } from 'vitest';
import { spellings, translateFollowUp } from '../../src/engine/follow-up-languages.js';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

// Follow-ups naming their topic in another language ("und bakterien?", "y los virus?"), read as the English
// follow-up they stand for.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});
const { converse, contextOf } = conversing(() => engine);

describe('spellings', () => {
  it('offers English spellings: German k as c, plural and case endings dropped', () => {
    expect(spellings('bakterien')).toContain('bacteri');
    expect(spellings('infektionen')).toContain('infection');
    expect(spellings('bacterias')).toContain('bacteria');
  });

  it('offers nothing shorter than five letters, nor the word itself', () => {
    expect(spellings('viren')).toEqual([]);
    for (const w of ['bakterien', 'kekse', 'infektionen'])
      for (const s of spellings(w)) {
        expect(s.length).toBeGreaterThanOrEqual(5);
        expect(s).not.toBe(w);
      }
  });
});

describe('translateFollowUp', () => {
  const english = new Set(['virus', 'covid', 'bacteri', 'infections', 'why', 'and']);
  const known = (w: string) => english.has(w);
  const isTopic = (w: string) => english.has(w) && w !== 'why' && w !== 'and';

  it('reads "and" and drops articles of other languages, spelling topic words in English', () => {
    expect(translateFollowUp(['und', 'bakterien'], known, isTopic)).toBe('and bacteri');
    expect(translateFollowUp(['y', 'los', 'virus'], known, isTopic)).toBe('and virus');
    expect(translateFollowUp(['et', 'les', 'infections'], known, isTopic)).toBe('and infections');
  });

  it('leaves English alone, "y" as "why" alone, and a word that names no topic unknown', () => {
    expect(translateFollowUp(['and', 'virus'], known, isTopic)).toBeNull();
    expect(translateFollowUp(['y'], known, isTopic)).toBeNull();
    expect(translateFollowUp(['y', 'tho'], known, isTopic)).toBeNull();
    expect(translateFollowUp(['und', 'kekse'], known, isTopic)).toBeNull();
  });

  it('reads the follow-up words of other languages as the English ones they stand for', () => {
    expect(translateFollowUp(['es', 'seguro'], known, isTopic)).toBe('safe');
    expect(translateFollowUp(['ist', 'das', 'sicher'], known, isTopic)).toBe('safe');
    expect(translateFollowUp(['mehr'], known, isTopic)).toBe('more');
    expect(translateFollowUp(['y', 'para', 'ninos'], known, isTopic)).toBe('and kids');
    expect(translateFollowUp(['en', 'palabras', 'simples'], known, isTopic)).toBe('in words simple');
  });

  it('reads follow-ups of several words (Vietnamese, normalised) and more words for kids and how it works', () => {
    expect(translateFollowUp(['va', 'tre', 'em'], known, isTopic)).toBe('and kids');
    expect(translateFollowUp(['va', 'tre', 'em', 'thi', 'sao'], known, isTopic)).toBe('and kids');
    expect(translateFollowUp(['tai', 'sao'], known, isTopic)).toBe('why');
    expect(translateFollowUp(['fur', 'kinder'], known, isTopic)).toBe('kids');
    // Only a phrase that reads as something marks a message as another language's; English stays English.
    expect(translateFollowUp(['khong'], known, isTopic)).toBeNull();
    expect(translateFollowUp(['is', 'it', 'an', 'option'], known, isTopic)).toBeNull();
  });

  it('drops articles that are English words too only in a message of another language', () => {
    expect(translateFollowUp(['und', 'die', 'virus'], known, isTopic)).toBe('and virus');
    expect(translateFollowUp(['can', 'you', 'die', 'from', 'covid'], known, isTopic)).toBeNull();
  });

  it('never returns a text it would translate again', () => {
    for (const typed of [
      ['und', 'bakterien'],
      ['y', 'los', 'virus'],
      ['et', 'les', 'infections'],
      ['es', 'seguro'],
      ['en', 'palabras', 'simples'],
    ]) {
      const once = translateFollowUp(typed, known, isTopic) as string;
      expect(translateFollowUp(once.split(' '), known, isTopic)).toBeNull();
    }
  });
});

describe('in a conversation', () => {
  it('answers "und bakterien?" and "y los virus?" as their English follow-ups', () => {
    const pairs: [string, string, string][] = [
      ['selenium protects against viruses?', 'und bakterien?', 'and bacteria?'],
      ['does selenium help with the flu', 'y los virus?', 'and the virus?'],
    ];
    for (const [first, foreign, english] of pairs) {
      const context = contextOf(first);
      const answer = engine.ask(foreign, context);
      expect(answer.answered, foreign).toBe(true);
      expect(answer.matchId, foreign).toBe(engine.ask(english, context).matchId);
      // Alone, with nothing to follow, the foreign words never answer what the English ones would not.
      const alone = engine.ask(foreign);
      if (alone.answered) expect(alone.matchId, foreign).toBe(engine.ask(english).matchId);
    }
  });

  it('answers short follow-ups of other languages as their English words: safe, more, source, simpler', () => {
    const question = 'does selenium help with the flu';
    const context = contextOf(question);
    const pairs: [string, string][] = [
      ['es seguro?', 'is that safe?'],
      ['mehr?', 'more?'],
      ['fuente?', 'source?'],
      ['¿cuánto?', 'how much?'],
    ];
    for (const [foreign, english] of pairs) {
      const answer = engine.ask(foreign, context);
      const meant = engine.ask(english, context);
      expect(answer, foreign).toMatchObject({ answered: true, matchId: meant.matchId, followUpOf: meant.followUpOf });
      expect(answer.safety === null, foreign).toBe(meant.safety === null);
      expect(engine.ask(foreign).matchId, foreign).not.toBe(answer.matchId);
    }
    // A form of the answer, word by word in another order: the same short form as in English.
    const plain = engine.ask('en palabras simples', context);
    expect(plain.citations).toEqual(engine.ask('in simple words', context).citations);
    expect(plain.citations).toHaveLength(1);
  });

  it('why and how in more languages ask for the explanation, as "why?" does', () => {
    const context = contextOf('does selenium help with covid');
    const why = engine.ask('why?', context);
    for (const foreign of ['dlaczego?', 'neden?', 'waarom?', 'kenapa?', 'tại sao?', 'cómo funciona?'])
      expect(engine.ask(foreign, context), foreign).toMatchObject({
        answered: true,
        matchId: why.matchId,
        followUpOf: why.followUpOf,
      });
    for (const [foreign, english] of [
      ['và trẻ em?', 'and kids?'],
      ['und für kinder?', 'and for kids?'],
    ] as const)
      expect(engine.ask(foreign, context).matchId, foreign).toBe(engine.ask(english, context).matchId);
  });

  it('"what?" of another language before a follow-up names nothing: the follow-up is read as without it', () => {
    const context = contextOf('what is calcium flux');
    const english = engine.ask('what does that mean here', context);
    expect(english).toMatchObject({ answered: true });
    for (const what of ['nani?', 'chto?', 'mwo?'])
      expect(engine.ask(`${what} what does that mean here`, context), what).toMatchObject({
        answered: true,
        matchId: english.matchId,
      });
  });

  it('a food named after a foreign "and" is that food', () => {
    const [tuna, salmon] = converse('how much selenium in tuna', 'y el salmón?');
    expect(salmon).toMatchObject({ answered: true, route: 'food' });
    expect(salmon?.matchId).not.toBe(tuna?.matchId);
    expect(salmon?.matchId).toBe(engine.ask('and salmon?', contextOf('how much selenium in tuna')).matchId);
  });

  it('a whole question with a few words of another language keeps the answer it has alone', () => {
    // Read as a follow-up, the Hindi words make "what"; the translation must not lose what the message answers.
    for (const before of ['how much selenium is in milk', 'does selenium help with the flu']) {
      const message = 'yaar selenium ki kami se kya hota hai? what goes wrong when a body gets too little selenium';
      const alone = engine.ask(message);
      expect(alone.answered).toBe(true);
      const [, followed] = converse(before, message);
      expect(followed?.answered, before).toBe(true);
    }
  });

  it('a foreign word for nothing the article covers stays refused', () => {
    expect(converse('does selenium help with the flu', 'und kekse?')[1]?.answered).toBe(false);
    expect(converse('does selenium help with the flu', 'y la pizza?')[1]?.answered).toBe(false);
  });
});

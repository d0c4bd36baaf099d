import { describe, expect, it } from 'vitest';
import { askingSentence, englishPart } from '../../src/engine/follow-up-mixed.js';
import { projectEngine } from './converse.js';

// A follow-up wrapped in a language the table does not know: its English sentence is read.

const { converse } = projectEngine();
const known = (w: string) => ['selenium', 'immune', 'immunity', 'kids', 'flu'].includes(w);

describe('englishPart', () => {
  it('keeps the English sentence of a message whose other sentence is in another language', () => {
    expect(englishPart('왜 그래요? why?', known)).toBe('why?');
    expect(englishPart('ja a co z dziećmi? and for kids?', known)).toBe('and for kids?');
    expect(englishPart('en voor kinderen. what about kids?', known)).toBe('what about kids?');
  });

  it('leaves an English message, one sentence or several, as it is', () => {
    expect(englishPart('why? is it the immune system?', known)).toBeNull();
    expect(englishPart('what about kids?', known)).toBeNull();
    expect(englishPart('does selenium help the flu?', known)).toBeNull();
  });

  it('is null when no sentence is wholly English', () => {
    expect(englishPart('왜 그래요? 어떻게요?', known)).toBeNull();
  });
});

describe('askingSentence', () => {
  it('is the one question after a remark', () => {
    expect(askingSentence('wow that is wild. is it proven?')).toBe('is it proven?');
    expect(askingSentence('hmm ok, makes sense! and for kids?')).toBe('and for kids?');
  });

  it('is null for one sentence, several questions, or a question followed by more', () => {
    expect(askingSentence('is it proven?')).toBeNull();
    expect(askingSentence('why? is it proven?')).toBeNull();
    expect(askingSentence('and for teens? i am 15')).toBeNull();
  });
});

describe('in a conversation', () => {
  it('a remark then a follow-up question is read as the question', () => {
    const [first, doubted] = converse('does selenium help with the flu', 'that seems far fetched tbh. is it true?');
    const [, plain] = converse('does selenium help with the flu', 'is it true?');
    expect(doubted).toMatchObject({ answered: true, matchId: plain?.matchId, followUpOf: first?.matchId });
  });

  it('answers as the English follow-up alone would', () => {
    for (const [wrapped, plain] of [
      ['왜 그래요? why?', 'why?'],
      ['ja a co z dziećmi? and for kids?', 'and for kids?'],
    ] as const) {
      const [, mixed] = converse('does selenium help with the flu', wrapped);
      const [, english] = converse('does selenium help with the flu', plain);
      expect(mixed, wrapped).toMatchObject({ answered: english?.answered, matchId: english?.matchId });
      expect(mixed?.followUpOf, wrapped).toBe(english?.followUpOf);
    }
  });

  it('a whole question greeted in another language is read as it would be alone', () => {
    const greeted = 'Cześć! what is the upper limit of selenium for adults?';
    const [, asked] = converse('does selenium help with the flu', greeted);
    const [alone] = converse(greeted);
    expect(asked).toMatchObject({ answered: true, matchId: alone?.matchId });
  });

  it('an off-topic English sentence stays refused, whatever wraps it', () => {
    const [, off] = converse('does selenium help with the flu', '好的。 what is the capital of france?');
    expect(off?.answered).toBe(false);
  });
});

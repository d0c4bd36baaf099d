import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_ENTRIES,
  LANGUAGE_WORDS,
  languageWordParts,
  languageWords,
} from '../../src/engine/follow-up-language-table.js';
import { translateFollowUp } from '../../src/engine/follow-up-languages.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// The table of short follow-up words per language: every row read the same way as the English it stands for.

const { engine, contextOf } = projectEngine();

/** The typed words of a row for a meaning (phrases with their spaces back). */
const rowWords = (row: (typeof LANGUAGE_WORDS)[string], meaning: keyof typeof row): string[] =>
  (row[meaning] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' '));

describe('the table', () => {
  it('reads every word as the engine reads text, and a word of two languages once', () => {
    const keys = LANGUAGE_ENTRIES.map((e) => e.words.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of LANGUAGE_ENTRIES) expect(e.words.join(' ')).toBe(normaliseText(e.words.join(' ')));
  });

  it('never takes a one-letter word or everyday English for another language', () => {
    const signs = languageWords('why', 'how', 'what', 'and', 'filler', 'grammar', 'safe', 'kids', 'source');
    for (const w of ['a', 'i', 'y', 'e', 'how', 'come', 'also', 'the', 'source', 'why', 'per'])
      expect(signs.has(w), w).toBe(false);
    // Parts of phrases name nothing, but only the words of the phrase that are not English.
    const parts = languageWordParts('filler');
    expect(parts.has('kasih')).toBe(true);
    expect(parts.has('per')).toBe(false);
  });

  it('leaves English follow-ups alone', () => {
    for (const m of [
      'why tho',
      'how come',
      'is it a con',
      'plus what about kids',
      'per 100g?',
      'a source pls',
      'come again?',
    ])
      expect(
        translateFollowUp(
          words(normaliseText(m)),
          () => true,
          () => false,
        ),
        m,
      ).toBeNull();
  });
});

describe('every language of the table, in a conversation', () => {
  const context = contextOf('does selenium help with covid');
  const why = engine.ask('why?', context);
  const kids = engine.ask('and for kids?', context);

  it('its why and how ask for the explanation, as "why?" does, alone or after a word of politeness', () => {
    let checked = 0;
    for (const [language, row] of Object.entries(LANGUAGE_WORDS)) {
      const filler = rowWords(row, 'filler')[0];
      for (const w of [...rowWords(row, 'why'), ...rowWords(row, 'how')]) {
        const asked = [`${w}?`, ...(filler ? [`${filler}, ${w}?`] : [])];
        for (const m of asked) {
          expect(engine.ask(m, context), `${language}: ${m}`).toMatchObject({
            answered: true,
            matchId: why.matchId,
            followUpOf: why.followUpOf,
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('its "and" with its word for kids asks the last question for children, as "and for kids?" does', () => {
    for (const [language, row] of Object.entries(LANGUAGE_WORDS))
      for (const k of rowWords(row, 'kids')) {
        const and = rowWords(row, 'and').find((w) => normaliseText(w).length > 1) ?? '';
        const m = `${and} ${k}?`.trim();
        expect(engine.ask(m, context).matchId, `${language}: ${m}`).toBe(kids.matchId);
      }
  });

  it('alone, with nothing to follow, a why of another language answers nothing', () => {
    for (const row of Object.values(LANGUAGE_WORDS))
      for (const w of rowWords(row, 'why')) expect(engine.ask(`${w}?`).answered, w).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { articleIt, ownsItsSubject } from '../../src/engine/follow-up-complete.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { projectEngine } from './converse.js';

// A message that names its own subject (selenium, or the article) is a whole question: read alone after
// any turn. One that points back at the conversation, or asks only why or more of it, stays a follow-up.

const { engine, converse } = projectEngine();
const ws = (m: string) => words(normaliseText(m));
/** A stand-in for the knowledge base: these words name something, the rest do not. */
const NAMED = new Set(['immunity', 'viruses', 'bacteria', 'covid', 'thyroid', 'research', 'studies', 'health']);
const names = (w: string) => NAMED.has(w);

describe('articleIt', () => {
  it('reads "it" as the article before a verb only a text does', () => {
    expect(articleIt(ws('does it ever mention bacteria'), 1)).toBe(true);
    expect(articleIt(ws('what does it talk about'), 2)).toBe(true);
    expect(articleIt(ws('what do they talk about next'), 2)).toBe(true);
    expect(articleIt(ws('does it link to other pages'), 1)).toBe(true);
    expect(articleIt(ws('does it help bacteria'), 1)).toBe(false);
    expect(articleIt(ws('is it listed'), 1)).toBe(false);
    expect(articleIt(ws('was it mentioned anywhere'), 1)).toBe(false);
  });
});

describe('ownsItsSubject', () => {
  it('holds for selenium or the article named, pointing back only at what the message said', () => {
    for (const m of [
      'selenium and bacteria',
      'does the text bring up thyroid',
      'does it discuss studies at all',
      'selenium helps immunity? where is that written',
      'what is selenium and why does it matter',
      'is selenium needed for immunity and when do i take it',
      'how much selenium a day before it gets risky',
      'does it quote research or is it made up',
      'how does selenium do its job',
      'so selenium, does it do anything for bacteria',
    ])
      expect(ownsItsSubject(ws(m), names), m).toBe(true);
  });

  it('fails for a message pointing at the conversation, or naming neither selenium nor the article', () => {
    for (const m of [
      'and how does selenium change it',
      'what does the article say about that',
      'how much selenium is that',
      'does it help with bacteria',
      'and covid?',
      'is that in the research',
      'and what does selenium do to it',
      'how much selenium does it contain',
    ])
      expect(ownsItsSubject(ws(m), names), m).toBe(false);
  });

  it('holds for a message quoting the article, whose "it" is the quoted passage', () => {
    expect(ownsItsSubject(ws('what is it supposed to mean'), names, true)).toBe(true);
    expect(ownsItsSubject(ws('what is it supposed to mean'), names, false)).toBe(false);
  });
});

describe('in a conversation', () => {
  const firsts = [
    'does selenium help against the flu',
    'how much selenium should adults get',
    'what is a selenoprotein',
  ];

  it('answers a whole question of its own as it is answered alone, after any first turn', () => {
    for (const m of [
      'does the text talk about bacteria at all',
      'selenium versus bacteria',
      'which infections does it list',
      'does it cite any studies',
      'is selenium a real nutrient we need, or optional',
      "the text says 'cellular processes in all cell types' - what's that about",
      'list the headings of the sections please',
    ]) {
      const alone = engine.ask(m);
      expect(alone.answered, m).toBe(true);
      for (const first of firsts) {
        const [before, after] = converse(first, m);
        if (alone.matchId === before?.matchId) continue;
        expect(after?.matchId, `${first} | ${m}`).toBe(alone.matchId);
      }
    }
  });

  it('still reads a follow-up that points back or asks why of the last answer with it', () => {
    for (const m of ['what does the article say about that', 'and how does selenium do that', 'does it say why']) {
      const [before, after] = converse('does selenium help against the flu', m);
      expect(after?.followUpOf, m).toBe(before?.matchId);
    }
  });
});

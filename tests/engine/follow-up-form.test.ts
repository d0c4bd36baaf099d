import { describe, expect, it } from 'vitest';
import { asksOnlyForm, GLOSSARY_TERM_WEIGHT, hardness, jargonOf, plainForm } from '../../src/engine/follow-up-form.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import type { Answer, Citation } from '../../src/engine/types.js';
import { projectEngine } from './converse.js';

// "In simple words", "like in 1 sentence" after an answer: the same topic, in its plainest quote.

const { kb, engine, converse } = projectEngine();
const jargon = jargonOf(kb);

const quote = (text: string): Citation => ({ kind: 'quote', quote: text, section: 's', sourceId: 'a', url: null });
const entryAnswer = (...quotes: string[]): Answer => ({
  ...engine.ask('what is selenium'),
  route: 'entry',
  answered: true,
  citations: quotes.map(quote),
  parts: undefined,
});

describe('hardness', () => {
  it('counts glossary terms heavier than long words, and nothing for short plain words', () => {
    expect(jargon).toContain(normaliseText('thiol groups'));
    expect(hardness('It may help the body fight germs.', jargon)).toBe(0);
    expect(hardness('It impairs differentiation and proliferation.', jargon)).toBe(2);
    expect(hardness('It oxidises the thiol groups of a protein.', jargon)).toBe(GLOSSARY_TERM_WEIGHT);
  });

  it('counts a glossary term once, not again as its long words', () => {
    expect(hardness('selenoproteins', ['selenoproteins'])).toBe(GLOSSARY_TERM_WEIGHT);
  });
});

describe('asksOnlyForm', () => {
  it('reads a request for a form of the answer in any word order, and nothing more', () => {
    for (const m of [
      'in simple words',
      'in words simple',
      'summary?',
      'short version pls',
      'too technical',
      'simpler?',
    ])
      expect(asksOnlyForm(words(normaliseText(m))), m).toBe(true);
    for (const m of ['words?', 'simple words about covid', 'is it simple to take', 'english walnuts?'])
      expect(asksOnlyForm(words(normaliseText(m))), m).toBe(false);
  });
});

describe('plainForm', () => {
  it('keeps the plainest quote of the answer, the first of equals', () => {
    const hard = 'It oxidises the thiol groups of a protein called disulfide isomerase.';
    const plain = 'It may stop the virus from entering the cell.';
    const also = 'It may stop the virus.';
    const short = plainForm(entryAnswer(hard, plain, also), jargon);
    expect(short.citations.map((c) => c.quote)).toEqual([plain]);
    expect(short.text).toContain(plain);
  });

  it('leaves an answer without quotes, or refused, as the short form leaves it', () => {
    const refused = { ...entryAnswer(), answered: false };
    expect(plainForm(refused, jargon)).toEqual(refused);
  });
});

describe('another form of the last answer in a conversation', () => {
  // Every topic whose quotes differ in how plain they read, asked by its own first phrasing.
  const uneven = kb.entries.filter((e) => new Set(e.quotes.map((q) => hardness(q.text, jargon))).size > 1);

  it('answers the same topic with its plainest quote, as a follow-up of it', () => {
    expect(uneven.length).toBeGreaterThan(3);
    let checked = 0;
    for (const e of uneven) {
      const [first, plain] = converse(e.questions[0] as string, 'in plain words please');
      if (first?.matchId !== e.id) continue;
      checked += 1;
      const quoted = first.citations.filter((c) => c.kind === 'quote').map((c) => hardness(c.quote, jargon));
      expect(plain, e.id).toMatchObject({ answered: true, matchId: e.id, followUpOf: e.id });
      expect(plain?.citations).toHaveLength(1);
      expect(hardness(plain?.citations[0]?.quote ?? '', jargon), e.id).toBe(Math.min(...quoted));
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('reads "simpler?", "too technical", "summarize that" as the plain-words request, and never a food', () => {
    const question = kb.entries.find((e) => e.glossary?.length)?.questions[0] as string;
    const [, plain] = converse(question, 'in plain words please');
    for (const m of ['simpler?', 'too technical', 'summarize that', 'can you say that shorter', 'english please']) {
      const [, again] = converse(question, m);
      expect(again, m).toMatchObject({ matchId: plain?.matchId, followUpOf: plain?.followUpOf });
      expect(again?.citations, m).toEqual(plain?.citations);
    }
  });

  it('drops glossary notes for terms the plain quote no longer uses', () => {
    for (const e of uneven.filter((x) => x.glossary?.length)) {
      const [, plain] = converse(e.questions[0] as string, 'eli5');
      const said = normaliseText(plain?.citations[0]?.quote ?? '');
      for (const g of plain?.glossary ?? []) expect(said, e.id).toContain(normaliseText(g.term));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { inForm, plainerNear } from '../../src/engine/follow-up-form.js';
import { createNeighbourhood } from '../../src/engine/follow-up-neighbours.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import { asksOnlyForm, formAsked, GLOSSARY_TERM_WEIGHT, hardness, saying, shortForm } from '../../src/engine/plain.js';
import type { Answer, Citation, Turn } from '../../src/engine/types.js';
import { projectEngine } from './converse.js';

// "In simple words", "like in 1 sentence" after an answer: the same topic, in its plainest quote, or its first.

const { kb, engine, converse } = projectEngine();
const jargon = [...new Set(kb.entries.flatMap((e) => (e.glossary ?? []).map((g) => normaliseText(g.term))))];

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

  it('tells a request for plainer words from one for fewer, plainer when it asks both', () => {
    const form = (m: string) => formAsked(words(normaliseText(m)));
    for (const m of ['simpler?', 'too technical', 'in plain words', 'eli5', 'simple summary'])
      expect(form(m), m).toBe('plain');
    for (const m of ['summarize that', 'shorter pls', 'in 1 sentence', 'tldr']) expect(form(m), m).toBe('short');
  });
});

describe('shortForm', () => {
  const hard = 'It oxidises the thiol groups of a protein called disulfide isomerase.';
  const plain = 'It may stop the virus from entering the cell.';
  const also = 'It may stop the virus.';
  const withJargon = (a: Answer): Answer => ({
    ...a,
    glossary: [{ term: 'thiol groups', definition: 'd', sourceId: 'a', sourceTitle: 't', url: null }],
  });

  it('keeps the plainest quote of the answer for plainer words, the first of equals', () => {
    const short = shortForm(withJargon(entryAnswer(hard, plain, also)), 'plain');
    expect(short.citations.map((c) => c.quote)).toEqual([plain]);
    expect(short.text).toContain(plain);
    // Its glossary notes only for terms the quote still uses.
    expect(short.glossary).toEqual([]);
  });

  it('keeps the first quote for fewer words', () => {
    const short = shortForm(withJargon(entryAnswer(hard, plain, also)), 'short');
    expect(short.citations.map((c) => c.quote)).toEqual([hard]);
    expect(short.glossary?.map((g) => g.term)).toEqual(['thiol groups']);
  });

  it('for plainer words, keeps to the quotes using most of what was asked', () => {
    const asked = 'what do the thiol groups of that protein do';
    expect(shortForm(withJargon(entryAnswer(plain, hard)), 'plain', asked).citations[0]?.quote).toBe(hard);
    expect(shortForm(withJargon(entryAnswer(hard, plain)), 'plain', 'does it stop the virus').citations[0]?.quote).toBe(
      plain,
    );
  });

  it('leaves an answer without quotes, or refused, as it is', () => {
    const refused = { ...entryAnswer(), answered: false };
    expect(shortForm(refused, 'plain')).toEqual(refused);
    const bare = entryAnswer();
    expect(shortForm(bare, 'plain')).toEqual(bare);
  });
});

describe('another form of the last answer in a conversation', () => {
  // Every topic whose quotes differ in how plain they read, asked by its own first phrasing.
  const uneven = kb.entries.filter((e) => new Set(e.quotes.map((q) => hardness(q.text, jargon))).size > 1);

  it('answers with the topic’s plainest quote, or a plainer one of a linked topic saying as much, as a follow-up', () => {
    expect(uneven.length).toBeGreaterThan(3);
    const neighbours = createNeighbourhood(kb, createContext(kb).index);
    let checked = 0;
    let moved = 0;
    for (const e of uneven) {
      const question = e.questions[0] as string;
      const [first, plain] = converse(question, 'in plain words please');
      if (first?.matchId !== e.id) continue;
      checked += 1;
      const quoted = first.citations.filter((c) => c.kind === 'quote').map((c) => hardness(c.quote, jargon));
      expect(plain, e.id).toMatchObject({ answered: true, followUpOf: e.id });
      expect(plain?.citations).toHaveLength(1);
      const said = plain?.citations[0]?.quote ?? '';
      if (plain?.matchId === e.id) {
        expect(hardness(said, jargon), e.id).toBe(Math.min(...quoted));
        continue;
      }
      moved += 1;
      expect(neighbours.linked(e.id), e.id).toContain(plain?.matchId);
      expect(hardness(said, jargon), e.id).toBeLessThan(Math.min(...quoted));
      const asked = saying(question);
      const uses = (q: string) => [...saying(q)].filter((w) => asked.has(w)).length;
      const own = first.citations.filter(
        (c) => c.kind === 'quote' && hardness(c.quote, jargon) === Math.min(...quoted),
      );
      expect(uses(said), e.id).toBeGreaterThanOrEqual(uses(own[0]?.quote ?? ''));
    }
    expect(checked).toBeGreaterThan(3);
    // Most topics have a plain enough quote of their own.
    expect(moved).toBeLessThan(checked / 2);
  });

  it('plainerNear keeps a linked topic’s quote only when it is plainer and says as much of the question', () => {
    const hard = 'Selenium deficiency impairs the differentiation and proliferation of immune cells.';
    const plainer = 'Selenium may regulate the functions of immune cells.';
    const offTopic = 'A cup of milk has selenium.';
    const short = { ...entryAnswer(hard), followUpOf: 'x' };
    const near = { ...entryAnswer(offTopic, plainer), matchId: 'y' };
    const found = plainerNear(short, 'does selenium help immune cells', [near]);
    expect(found).toMatchObject({ matchId: 'y', followUpOf: 'x' });
    expect(found?.citations.map((c) => c.quote)).toEqual([plainer]);
    // Plainer but saying less of the question; or no plainer at all: none.
    expect(
      plainerNear(short, 'does selenium help immune cells', [{ ...entryAnswer(offTopic), matchId: 'y' }]),
    ).toBeNull();
    expect(
      plainerNear({ ...entryAnswer(plainer), followUpOf: 'x' }, 'immune cells', [
        { ...entryAnswer(hard), matchId: 'y' },
      ]),
    ).toBeNull();
  });

  it('reads "simpler?", "too technical" as the plain-words request, "summarize that" as the short one, never a food', () => {
    const question = kb.entries.find((e) => e.glossary?.length)?.questions[0] as string;
    const [first, plain] = converse(question, 'in plain words please');
    const [, short] = converse(question, 'in one sentence');
    expect(short?.citations).toEqual(first?.citations.slice(0, 1));
    for (const m of ['simpler?', 'too technical', 'english please']) {
      const [, again] = converse(question, m);
      expect(again, m).toMatchObject({ matchId: plain?.matchId, followUpOf: plain?.followUpOf });
      expect(again?.citations, m).toEqual(plain?.citations);
    }
    for (const m of ['summarize that', 'can you say that shorter', 'tldr']) {
      const [, again] = converse(question, m);
      expect(again, m).toMatchObject({ matchId: short?.matchId, followUpOf: short?.followUpOf });
      expect(again?.citations, m).toEqual(short?.citations);
    }
  });

  it('"eli5 what that means" reads the words of the turn it follows up, as well as its own', () => {
    const hard = 'It oxidises the thiol groups of a protein called disulfide isomerase.';
    const plain = 'It may stop the virus from entering the cell.';
    const answer = { ...entryAnswer(plain, hard), followUpOf: 'x' };
    const turn = (topic: string): Turn => ({
      question: topic,
      topic,
      answered: true,
      route: 'entry',
      matchId: 'x',
      foods: [],
    });
    const of = (topic: string) => inForm(answer, 'plain', 'what that means', [turn(topic)]).citations[0]?.quote;
    expect(of('so it oxidises thiol groups?')).toBe(hard);
    expect(of('so it stops the virus?')).toBe(plain);
    // Not a follow-up: the last turn's words say nothing of it.
    expect(
      inForm({ ...answer, followUpOf: null }, 'plain', 'what that means', [turn('thiol groups')]).citations[0]?.quote,
    ).toBe(plain);
  });

  it('drops glossary notes for terms the plain quote no longer uses', () => {
    for (const e of uneven.filter((x) => x.glossary?.length)) {
      const [, plain] = converse(e.questions[0] as string, 'eli5');
      const said = normaliseText(plain?.citations[0]?.quote ?? '');
      for (const g of plain?.glossary ?? []) expect(said, e.id).toContain(normaliseText(g.term));
    }
  });
});

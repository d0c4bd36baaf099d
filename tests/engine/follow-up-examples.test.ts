import { describe, expect, it } from 'vitest';
import { createExamples, EXAMPLE_WINDOW, listedTerms } from '../../src/engine/follow-up-examples.js';
import { analyse } from '../../src/engine/normalise.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { projectEngine } from './converse.js';

// "Which ones?" follow-ups: the quote that lists examples of what was asked about.

const { kb, ctx, converse } = projectEngine();
const plain = (w: string) => [w];
const termOf = (word: string): string => analyse(word, ctx.lexicon, undefined, ctx.stemOf).terms[0] as string;

describe('listedTerms', () => {
  it('names the words shortly before a list marker, in the same sentence', () => {
    expect(listedTerms('It protects against infections including the flu.', plain)).toContain('infections');
    expect(listedTerms('Diseases linked to stress such as cancer.', plain)).toContain('diseases');
    expect(listedTerms('Foods, for example nuts.', plain)).toContain('foods');
  });

  it('names the thing a sentence gives the name of ("a protein called X")', () => {
    expect(listedTerms('It binds a liver enzyme called catalase.', plain)).toContain('enzyme');
    expect(listedTerms('A trace mineral known as zinc.', plain)).toContain('mineral');
    expect(listedTerms('The enzyme works on cells.', plain)).toEqual([]);
  });

  it('names nothing after the marker, past the window or across a sentence end', () => {
    expect(listedTerms('Infections. Including the flu.', plain)).not.toContain('infections');
    expect(listedTerms('Including the flu and colds.', plain)).toEqual([]);
    const far = ['infections', ...Array(EXAMPLE_WINDOW).fill('x'), 'including', 'flu'].join(' ');
    expect(listedTerms(far, plain)).not.toContain('infections');
    expect(listedTerms('A plain claim about infections.', plain)).toEqual([]);
  });
});

describe('createExamples', () => {
  it('prefers the last topic, then a related one, then any that lists the words', () => {
    const examples = createExamples(ctx);
    const lister = kb.entries.find((e) => examples.lists(e.id, [termOf('infections')]));
    expect(lister).toBeDefined();
    const id = lister?.id as string;
    const infections = [termOf('infections')];
    expect(examples.choose(id, [], infections, [])).toBe(id);
    // From a topic that does not list them: its related topic that does, else one found by ranking.
    const other = kb.entries.find((e) => !examples.lists(e.id, infections)) as KnowledgeBase['entries'][number];
    expect(examples.choose(other.id, [id], infections, [])).toBe(id);
    const found = examples.choose(other.id, [], infections, []);
    expect(found).not.toBeNull();
    expect(examples.lists(found as string, infections)).toBe(true);
  });

  it('chooses nothing for words no quote lists, or no words', () => {
    const examples = createExamples(ctx);
    const id = kb.entries[0]?.id as string;
    expect(examples.choose(id, [], [termOf('zebra')], [])).toBeNull();
    expect(examples.choose(id, [], [], [])).toBeNull();
  });
});

describe('which ones in a conversation', () => {
  it('"what infections?" after an answer that does not list them moves to the quote that does', () => {
    const [first, which] = converse('my sister have low selenium, is dangerous?', 'what infections?');
    expect(which).toMatchObject({ answered: true, followUpOf: first?.matchId });
    expect(which?.citations.map((c) => c.quote).join(' ')).toMatch(/infections including/);
  });

  it('"which X?" after an answer that only mentions X moves to the quote that names it', () => {
    const named = kb.entries.find((e) => e.quotes.some((q) => / called /.test(q.text)));
    const quote = named?.quotes.find((q) => / called /.test(q.text))?.text ?? '';
    const thing = quote.split(' called ')[0]?.split(' ').at(-1) as string;
    // A topic related to it, whose answer does not name it.
    const before = kb.entries.find(
      (e) => e.related.includes(named?.id ?? '') && e.quotes.every((q) => q.text !== quote),
    );
    const [first, which] = converse(before?.questions[0] as string, `which ${thing}?`);
    expect(first?.matchId).toBe(before?.id);
    expect(which).toMatchObject({ answered: true, followUpOf: before?.id });
    expect(which?.citations.map((c) => c.quote)).toContain(quote);
  });

  it('"which diseases" stays with an answer that lists them', () => {
    const [first, which] = converse('does low selenium raise disease risk', 'which diseases');
    expect(which).toMatchObject({ answered: true, matchId: first?.matchId, followUpOf: first?.matchId });
  });
});

import { describe, expect, it } from 'vitest';
import { CLOSE_RUNNER_UP, createComposer, OWN_WORD_MAX_QUOTES } from '../../src/engine/compose.js';
import { createContext } from '../../src/engine/context.js';
import { createEngine } from '../../src/engine/index.js';
import type { Scored } from '../../src/engine/matcher.js';
import { analyse } from '../../src/engine/normalise.js';
import { loadProjectKnowledge } from './answer-schema.js';

// The compose stage on its own: a ranking in, the answer model out.

const kb = loadProjectKnowledge();
const ctx = createContext(kb);
const engine = createEngine(kb);
const compose = createComposer(ctx, (q) => engine.ask(q));

const entryDocs = ctx.index.docs.filter((d) => d.kind === 'entry');
const firstQuoteOf = (id: string): string => kb.entries.find((e) => e.id === id)?.quotes[0]?.text.trim() ?? '';
const ranked = (...scores: [number, number][]): Scored[] =>
  scores.map(([i, score]) => ({ doc: entryDocs[i] as Scored['doc'], score }));

describe('compose: a close runner-up', () => {
  const [a, b] = [entryDocs[0]?.id ?? '', entryDocs[1]?.id ?? ''];

  it('adds the runner-up’s first quote when it scores nearly as well as the best', () => {
    const answer = compose.fromBest(ranked([0, 0.8], [1, 0.8 * CLOSE_RUNNER_UP]), false);
    expect(answer.matchId).toBe(a);
    const quotes = answer.citations.map((c) => c.quote);
    expect(quotes.at(-1)).toBe(firstQuoteOf(b));
    // In the text too, after the best topic's own quotes, and once.
    expect(answer.text.endsWith(`It also says: “${firstQuoteOf(b)}”`)).toBe(true);
    expect(new Set(quotes).size).toBe(quotes.length);
  });

  it('leaves the answer to the best topic when the runner-up is clearly behind', () => {
    const alone = compose.fromBest(ranked([0, 0.8]), false);
    const behind = compose.fromBest(ranked([0, 0.8], [1, 0.8 * CLOSE_RUNNER_UP - 0.01]), false);
    expect(behind.citations).toEqual(alone.citations);
    expect(behind.text).toBe(alone.text);
    expect(behind.citations.map((c) => c.quote)).not.toContain(firstQuoteOf(b));
  });

  it('adds the runner-up’s first passage the answer lacks when both topics open with the same quote', () => {
    // Two topics that share their opening quote: the runner-up's own second passage is the one it adds.
    const byId = (id: string) => ({ doc: entryDocs.find((d) => d.id === id) as Scored['doc'], score: 0.8 });
    const pairs = kb.entries.flatMap((first) =>
      kb.entries
        .filter((r) => r !== first && r.quotes[0]?.text === first.quotes[0]?.text)
        .filter((r) => r.quotes.some((q) => !first.quotes.some((f) => f.text === q.text)))
        .map((runner) => [first, runner] as const),
    );
    const [first, runner] = pairs[0] ?? [];
    if (!first || !runner) throw new Error('the knowledge base has no two topics sharing an opening quote');
    const answer = compose.fromBest([byId(first.id), { ...byId(runner.id), score: 0.8 * CLOSE_RUNNER_UP }], false);
    const added = runner.quotes.find((q) => !first.quotes.some((f) => f.text === q.text))?.text.trim();
    expect(added).toBeDefined();
    expect(answer.citations.map((c) => c.quote)).toContain(added);
  });
});

describe('compose: which quote of a close runner-up', () => {
  it('adds the runner-up’s quote that says most of the question, not merely its first', () => {
    const byId = (id: string, score: number) => ({ doc: entryDocs.find((d) => d.id === id) as Scored['doc'], score });
    const asked = analyse('do selenium pills regulate what immune cells do', ctx.lexicon, ctx.correct, ctx.stemOf);
    const answer = compose.fromBest(
      [byId('immune-cell-development', 0.9), byId('supplements-and-immunity', 0.9 * CLOSE_RUNNER_UP)],
      false,
      asked,
    );
    const quotes = answer.citations.map((c) => c.quote);
    const second = kb.entries.find((e) => e.id === 'supplements-and-immunity')?.quotes[1]?.text.trim();
    expect(second).toMatch(/regulate the functions of immune cells/);
    expect(quotes).toContain(second);
    expect(quotes).not.toContain(firstQuoteOf('supplements-and-immunity'));
  });
});

describe('compose: a close runner-up through the engine', () => {
  it('answers a question between immune cells and deficiency with both topics’ passages', () => {
    // Immune cell development wins; weak immunity from deficiency scores 0.89 of it, as likely what was meant.
    const answer = engine.ask('what happens to white blood cells without enough selenium');
    const quotes = answer.citations.map((c) => c.quote);
    expect(answer.matchId).toBe('immune-cell-development');
    expect(quotes).toContain(firstQuoteOf('immune-cell-development'));
    expect(quotes).toContain(firstQuoteOf('deficiency-and-immunity'));
  });
});

describe('compose: the quote that says the member’s own word', () => {
  const entryRanked = (id: string): Scored[] => [
    { doc: entryDocs.find((d) => d.id === id) as Scored['doc'], score: 0.8 },
  ];
  const asked = (text: string) => analyse(text, ctx.lexicon, ctx.correct, ctx.stemOf);
  const quotesSaying = (word: string) =>
    kb.entries.flatMap((e) => e.quotes.map((q) => q.text.trim())).filter((q) => q.toLowerCase().includes(word));
  // An entry none of whose quotes says the word, and a specific word few quotes say.
  const without = (word: string) =>
    kb.entries.find((e) => e.quotes.length && e.quotes.every((q) => !q.text.toLowerCase().includes(word)))?.id ?? '';

  it('adds a quote saying a specific word the answer’s quotes never say', () => {
    const word = 'pathogens';
    expect(quotesSaying(word).length).toBeGreaterThan(0);
    expect(quotesSaying(word).length).toBeLessThanOrEqual(OWN_WORD_MAX_QUOTES);
    const id = without(word);
    const plain = compose.fromBest(entryRanked(id), false);
    const answer = compose.fromBest(entryRanked(id), false, asked(`what does it say about ${word}`));
    expect(answer.matchId).toBe(id);
    expect(answer.citations.slice(0, -1)).toEqual(plain.citations);
    const added = answer.citations.at(-1)?.quote ?? '';
    expect(added.toLowerCase()).toContain(word);
    expect(answer.citations.at(-1)?.url).toContain('#:~:text=');
    expect(answer.text.endsWith(`It also says: “${added}”`)).toBe(true);
  });

  it('adds nothing for everyday or short words, or when a quote already says the word', () => {
    // "affect" is rare in the quotes, but a member asking "does it affect my health" does not ask about
    // the sentence that happens to say it.
    expect(new Set(quotesSaying('affect')).size).toBeLessThanOrEqual(OWN_WORD_MAX_QUOTES);
    const id = kb.entries.find((e) => e.quotes.every((q) => !/affect|health|link/i.test(q.text)))?.id ?? '';
    const plain = compose.fromBest(entryRanked(id), false);
    for (const q of ['does it affect my health', 'is there a link', 'what does it say'])
      expect(compose.fromBest(entryRanked(id), false, asked(q)).citations, q).toEqual(plain.citations);
    const saying = kb.entries.find((e) => e.quotes.some((q) => q.text.includes('pathogens')))?.id ?? '';
    const own = compose.fromBest(entryRanked(saying), false);
    expect(compose.fromBest(entryRanked(saying), false, asked('what about pathogens')).citations).toEqual(
      own.citations,
    );
  });

  it('never adds a related article’s title, and adds at most one quote', () => {
    const id = without('vitamin');
    const plain = compose.fromBest(entryRanked(id), false);
    const vitamin = compose.fromBest(entryRanked(id), false, asked('is selenium a vitamin or a mineral'));
    expect(vitamin.citations).toEqual(plain.citations);
    const many = compose.fromBest(entryRanked(id), false, asked('pathogens antioxidant immunological disulfide'));
    expect(many.citations.length).toBeLessThanOrEqual(plain.citations.length + 1);
  });

  it('asked whether the article mentions a word, adds the quote saying that word, not a relative of it', () => {
    // "oxidation" (one sentence) and "oxidative" (several) are one family: a topic whose quotes say
    // "oxidative stress" says the family, not the word asked about.
    const word = 'oxidation';
    const saying = quotesSaying(word);
    expect(saying.length).toBeGreaterThan(0);
    const id =
      kb.entries.find(
        (e) => e.quotes.some((q) => q.text.includes('oxidative')) && e.quotes.every((q) => !q.text.includes(word)),
      )?.id ?? '';
    const plain = compose.fromBest(entryRanked(id), false);
    const about = compose.fromBest(entryRanked(id), false, asked(`what about ${word}`));
    expect(about.citations).toEqual(plain.citations);
    const mentioned = compose.fromBest(entryRanked(id), false, asked(`does it mention ${word}`));
    expect(mentioned.citations.slice(0, -1)).toEqual(plain.citations);
    expect(saying).toContain(mentioned.citations.at(-1)?.quote);
  });

  it('through the engine: a question naming the article’s word for germs gets its sentence', () => {
    const answer = engine.ask('what does the article say about pathogens');
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c) => c.quote.includes('pathogens'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const loaded = loadKnowledge(new URL('../../knowledge', import.meta.url).pathname);
if (!loaded.ok) throw new Error('knowledge/ does not load');
const engine = createEngine(loaded.kb);

describe('foodAnswer: a food as a whole answer', () => {
  it('is the answer a chat question about the same food gets', () => {
    const chat = engine.ask('how much selenium is in tuna?');
    const direct = engine.foodAnswer('tuna');
    expect(chat.route).toBe('food');
    expect(direct).toMatchObject({ answered: true, route: 'food', matchId: chat.matchId, text: chat.text });
    expect(direct.citations).toEqual(chat.citations);
  });

  it('counts servings and raises the upper-limit warning when they pass it', () => {
    const one = engine.foodAnswer('brazil nuts');
    const two = engine.foodAnswer('brazil nuts', { servings: 2 });
    expect(one.text).toContain('544 mcg');
    expect(two.text).toContain('1088 mcg');
    expect(two.safety).toMatch(/above the adult upper limit of 400 mcg/);
  });

  it('cites the data it quotes, and never an invented article quote', () => {
    const answer = engine.foodAnswer('salmon');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) {
      if (c.kind === 'quote') expect(loaded.kb.article.text).toContain(c.quote);
      else expect(c.sourceId).toMatch(/usda|nih|iom/);
    }
  });

  it('gives its pieces as fields, which the text is made of in order', () => {
    const answer = engine.foodAnswer('milk', { servings: 2 });
    const parts = answer.food;
    if (!parts) throw new Error('a food answer has its parts');
    expect(parts.amounts).toHaveLength(3);
    expect(answer.text.split('\n').slice(0, 3)).toEqual(parts.amounts);
    for (const m of parts.mentions) {
      expect(answer.text).toContain(m.quote);
      expect(answer.citations.some((c) => c.kind === 'quote' && c.quote === m.quote)).toBe(true);
    }
    expect(answer.text.split('\n').at(-1)).toBe(`Source: ${parts.source.label}.`);
    expect(parts.source.url).toMatch(/^https:\/\//);
  });

  it('warns about the upper limit where the amount nears it or the member asks about intake, not otherwise', () => {
    const egg = engine.ask('how much selenium is in an egg?');
    expect(egg).toMatchObject({ route: 'food', safety: null });
    for (const asked of [
      'are eggs safe to eat every day for selenium?',
      'how much selenium is in 10 eggs, is that safe?',
    ]) {
      const a = engine.ask(asked);
      expect(a.route, asked).toBe('food');
      expect(a.safety, asked).toMatch(/400 mcg/);
    }
    expect(engine.ask('how much selenium in brazil nuts').safety).toMatch(/above the adult upper limit/);
  });

  it('refuses a food it does not know', () => {
    expect(engine.foodAnswer('kryptonite')).toMatchObject({ answered: false, route: 'none' });
  });
});

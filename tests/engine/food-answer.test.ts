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

  it('refuses a food it does not know', () => {
    expect(engine.foodAnswer('kryptonite')).toMatchObject({ answered: false, route: 'none' });
  });
});

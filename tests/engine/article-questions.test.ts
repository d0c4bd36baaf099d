import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { realKnowledge } from './foods/kb.js';

const engine = createEngine(realKnowledge().kb);

// Questions about the article itself often never say "article": the lexicon's anchors (title, published,
// wrote, sponsored, brand) tie them to it, while the same words about anything else stay refused.
describe('questions about the article that do not name it', () => {
  it.each([
    ['who published this', 'article-publisher'],
    ['whats the title', 'article-title'],
    ['is this sponsored', 'article-is-promotional'],
    ['is it an ad', 'article-is-promotional'],
    ['is this an ad?', 'article-is-promotional'],
  ])('%s -> %s', (question, id) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe(id);
  });

  it.each([
    'who wrote harry potter',
    'what is the title of the new marvel movie',
    'best brand of protein powder',
    'how do i publish a book',
    'whats the url for youtube',
  ])('%s is refused', (question) => {
    expect(engine.ask(question).answered).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { quotedFromArticle } from '../../src/engine/quoted.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// A member quoting the article names its passage: the quote decides the topic, whatever chat surrounds it.

const article = ' selenium could abolish the infectivity of viruses and calcium flux matters ';

describe('phrases quoted from the article', () => {
  it('finds quoted phrases in straight or curly, single or double quotes', () => {
    expect(quotedFromArticle("wat does it mean 'abolish the infectivity' lol", article)).toEqual([
      'abolish the infectivity',
    ]);
    expect(quotedFromArticle('what is “calcium flux”?', article)).toEqual(['calcium flux']);
    expect(quotedFromArticle('what is "Calcium Flux" exactly', article)).toEqual(['calcium flux']);
  });

  it('ignores quotes the article does not say, single words and apostrophes inside words', () => {
    expect(quotedFromArticle('they said "boost your mood" lol', article)).toEqual([]);
    expect(quotedFromArticle('what does "selenium" mean', article)).toEqual([]);
    expect(quotedFromArticle("don't the viruses' abolish the infectivity", article)).toEqual([]);
  });

  describe('in the engine', () => {
    let engine: Engine;
    beforeAll(() => {
      engine = createEngine(loadProjectKnowledge());
    });

    it('answers a chatty question about a quoted passage from the passage', () => {
      const answer = engine.ask("wat does it mean 'abolish the infectivity' lol big words");
      expect(answer.answered).toBe(true);
      expect(answer.citations.map((c) => c.quote).join(' ')).toContain('abolish the infectivity');
    });

    it('still refuses an off-topic question that quotes something else', () => {
      expect(engine.ask('what does "leaky gut" mean').answered).toBe(false);
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { withoutFrame } from '../../src/engine/frame.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, withoutLinks } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { withoutExclusions } from '../../src/engine/understand.js';
import { loadProjectKnowledge } from './answer-schema.js';

// A pasted link is no question (its "com", "www" and slug are not words a member asked), and "in this
// context" asks about the article's use of a word, not about a topic called "context".

let engine: Engine;
let articleUrl: string;

beforeAll(() => {
  const kb = loadProjectKnowledge();
  articleUrl = kb.article.url;
  engine = createEngine(kb);
});

describe('links', () => {
  it.each([
    ['see https://example.org/a/b?c=d#e please', 'see please'],
    ['www.example.net/selenium-and-covid is it right', 'is it right'],
    ['two: http://a.io/x and ftp://b.io/y', 'two and'],
  ])('%s loses its link', (text, left) => {
    expect(normaliseText(withoutLinks(text))).toBe(left);
    expect(normaliseText(text)).toBe(left);
  });

  it('keeps a bare site name and text without links as they are', () => {
    expect(withoutLinks('who runs example.com anyway')).toBe('who runs example.com anyway');
    expect(withoutLinks('how much selenium is in eggs')).toBe('how much selenium is in eggs');
    expect(withoutExclusions('check https://x.org/zinc-facts pls')).not.toContain('zinc');
  });

  it('a message that is only a link asks nothing', () => {
    for (const link of [articleUrl, 'https://www.example.com/immune-system-selenium-covid-benefits']) {
      const answer = engine.ask(link);
      expect(answer.answered).toBe(false);
      expect(answer.route).not.toBe('food');
    }
  });

  it('the words around a link still ask: "this" beside a link is the page', () => {
    const answer = engine.ask(`what does this say about the flu ${articleUrl}`);
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c) => /influenza/i.test(c.quote))).toBe(true);
    // The same question without the link is the same question.
    expect(engine.ask('what does this say about the flu').matchId).toBe(answer.matchId);
  });

  it("a link's slug never makes an off-topic message answerable", () => {
    expect(engine.ask('best pizza in town? https://example.com/selenium-immunity-covid').answered).toBe(false);
  });
});

describe('"in this context"', () => {
  it.each([
    ['what does innate mean in this context', 'what does innate mean'],
    ['what is meant by redox here in context', 'what is meant by redox'],
  ])('%s is framing', (text, left) => {
    expect(withoutFrame(normaliseText(text).split(' '))?.join(' ')).toBe(left);
  });

  it('asks about the article word, with its glossary note', () => {
    const answer = engine.ask("what does 'innate' mean in this context?");
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c) => /innate/i.test(c.quote))).toBe(true);
    expect(answer.glossary?.some((g) => /innate/i.test(g.term))).toBe(true);
  });

  it('"context" is not read as another word by typo repair', () => {
    expect(normaliseText('context')).toBe('context');
    expect(engine.ask('what is the context of the milk figure, does it say').answered).toBe(true);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';

// The article as a topic of its own: title, publisher, link, overall argument, evidence, promotion,
// and the author and date the knowledge base does not have. These read the real knowledge base.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const entry = (id: string) => {
  const found = kb.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};

/** The reference that stands for the article itself (its notes about the article cite it). */
const articleReference = () => kb.references.find((r) => r.url === kb.article.url);

describe('the article as a topic', () => {
  it('has a reference for the article page that agrees with article.json', () => {
    const ref = articleReference();
    expect(ref).toBeDefined();
    expect(ref?.title).toBe(kb.article.title);
    expect(ref?.publisher).toBe(kb.article.publisher);
  });

  it('quotes the title verbatim from the article text', () => {
    const quotes = entry('article-title').quotes.map((q) => q.text);
    expect(quotes).toContain(kb.article.title);
    expect(kb.article.text).toContain(kb.article.title);
  });

  it('names the publisher and the link in notes sourced to the article page', () => {
    for (const id of ['article-publisher', 'article-link']) {
      const notes = entry(id).evidence;
      expect(notes.some((n) => n.sourceId === articleReference()?.id)).toBe(true);
    }
    expect(
      entry('article-publisher')
        .evidence.map((n) => n.text)
        .join(' '),
    ).toContain(kb.article.publisher);
  });

  it('says it has no author or date rather than guessing one', () => {
    const note = entry('article-author-date')
      .evidence.map((n) => n.text)
      .join(' ');
    expect(note).toMatch(/no author/i);
    expect(note).toMatch(/date/i);
    // No year or name is invented: the note holds no four-digit year.
    expect(note).not.toMatch(/\b(19|20)\d\d\b/);
  });

  it('summarises the argument in three quotes beyond the one saying what it is about', () => {
    expect(entry('article-overview').quotes.length).toBeGreaterThanOrEqual(4);
  });

  it('says the article cites no specific study, next to the cited research', () => {
    const notes = entry('article-evidence').evidence;
    expect(notes.find((n) => n.sourceId === articleReference()?.id)?.text).toMatch(/no specific study/i);
    expect(notes.filter((n) => n.sourceId !== articleReference()?.id).length).toBeGreaterThanOrEqual(2);
  });

  it('labels the BioPro-Plus paragraph as promotion and quotes it', () => {
    const promo = entry('article-is-promotional');
    expect(promo.quotes.every((q) => q.section === 'closing-product')).toBe(true);
    expect(promo.quotes.some((q) => q.text.includes('BioPro-Plus'))).toBe(true);
    expect(promo.evidence[0]?.text).toMatch(/^Promotion:/);
  });

  it('does not take a pasted link to the article for a question about its publisher', () => {
    // The link's words (the publisher's name, the topic) are no question; link cards handle links.
    for (const message of [kb.article.url, `look at this ${kb.article.url}`])
      expect(engine.ask(message).answered, message).toBe(false);
  });

  it.each([
    ['what is the title of the article', 'article-title'],
    ['who published this article', 'article-publisher'],
    ['where can I read the full article', 'article-link'],
    ['who wrote this article', 'article-author-date'],
    ['is this article an ad', 'article-is-promotional'],
    ['what sources does the article cite', 'article-evidence'],
  ])('answers "%s" from %s', (question, id) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe(id);
  });
});

import { describe, expect, it } from 'vitest';
import { projectEngine } from './converse.js';

// The article's shape asked in a conversation: read alone, whatever the turn before was about.

const { kb, engine, converse } = projectEngine();
const headings = kb.article.resolvedSections.flatMap((s) => s.heading ?? []);
const outlines = (text: string | undefined) => headings.every((h) => text?.includes(h));

describe('the article shape in a conversation', () => {
  it('"the main sections", "the key parts" name no topic: the outline of headings', () => {
    for (const m of ['what are the main sections?', 'list all the key parts', 'the major headings pls'])
      expect(outlines(engine.ask(m).text), m).toBe(true);
    // A topic beside them is still a topic, not the outline.
    expect(outlines(engine.ask('what are the main parts about the immune system').text)).toBe(false);
  });

  it('after an article question and an acknowledgement, "and the main sections?" is the outline', () => {
    const [, , sections] = converse('who wrote the article', 'ok nice', 'and the main sections?');
    expect(sections?.answered).toBe(true);
    expect(outlines(sections?.text)).toBe(true);
  });

  it('after a claim, "and the key parts?" is the outline, not the claim again', () => {
    const [first, parts] = converse('is selenium an antioxidant', 'and the key parts?');
    expect(parts?.matchId).not.toBe(first?.matchId);
    expect(outlines(parts?.text)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createSections } from '../../src/engine/follow-up-sections.js';
import { createEngine } from '../../src/engine/index.js';
import {
  createStructureQuestions,
  ordinalNumber,
  readerSections,
  sectionNumbered,
} from '../../src/engine/structure.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

// Questions about the article's shape: its headings, its length, a part by position. Answered from its own
// text, never from a topic that happens to share a word.

const kb = loadProjectKnowledge();
const structure = createStructureQuestions(kb);
const engine = createEngine(kb);
const headings = kb.article.resolvedSections.flatMap((s) => (s.heading ? [s.heading] : []));

describe('questions about the article structure', () => {
  it('lists the headings in the article order, each quoted verbatim with its link', () => {
    for (const message of [
      'what are the section headings',
      'table of contents pls',
      'how is the article structured?',
    ]) {
      const a = structure.answer(message);
      expect(a, message).not.toBeNull();
      answerSchema.parse(a);
      expect(a?.citations.map((c) => c.quote)).toEqual(headings);
      for (const c of a?.citations ?? []) expect(kb.article.text).toContain(c.quote);
      const at = headings.map((h) => a?.text.indexOf(`“${h}”`) ?? -1);
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
    }
  });

  it('counts the words of the article for its length', () => {
    const a = structure.answer('how long is the article?');
    const count = kb.article.text.split(/\s+/).filter(Boolean).length;
    expect(a?.text).toContain(`about ${count} words`);
  });

  it('quotes the opening of a part asked for by position, and labels the summary as Selene’s', () => {
    const first = structure.answer('whats in the first section');
    const opening = readerSections(kb.article)[0];
    const sentences = opening?.text.split(/(?<=[.!?:])\s+/).filter((t) => t !== opening.heading);
    expect(first?.citations[0]?.quote).toBe(sentences?.[0]);
    expect(first?.text).toContain(`first part (${opening?.title})`);
    expect(first?.text).toContain("Selene's summary of it:");
    const last = structure.answer("what's the last part about");
    expect(last?.text).toContain(readerSections(kb.article).at(-1)?.title);
  });

  it('numbers sections as a reader counts them: headed ones in reading order, not the title or the opening', () => {
    const sections = readerSections(kb.article);
    const ids = sections.map((s) => s.id);
    expect(ids).not.toContain('article-title');
    expect(ids).not.toContain(kb.article.resolvedSections.find((s) => !s.heading)?.id);
    expect(sections.every((s) => s.heading)).toBe(true);
    const starts = sections.map((s) => kb.article.text.indexOf(s.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(sectionNumbered(ids, 1)).toBe(ids[0]);
    expect(sectionNumbered(ids, 2)).toBe(ids[1]);
    expect(sectionNumbered(ids, -1)).toBe(ids.at(-1));
    expect(sectionNumbered(ids, 0)).toBeUndefined();
    expect(sectionNumbered(ids, ids.length + 1)).toBeUndefined();
    expect([ordinalNumber('first'), ordinalNumber('2nd'), ordinalNumber('last'), ordinalNumber('cat')]).toEqual([
      1,
      2,
      -1,
      undefined,
    ]);
  });

  it('counts "the first section" the same without and with a conversation', () => {
    const topics = createSections(kb).topics;
    const sections = readerSections(kb.article);
    for (const [ordinal, n] of [
      ['first', 1],
      ['second', 2],
      ['last', -1],
    ] as const) {
      const alone = structure.answer(`whats in the ${ordinal} section`);
      const section = sectionNumbered(sections, n);
      expect(alone?.citations[0]?.section, ordinal).toBe(section?.title);
      const topic = kb.entries.find((e) => e.id === sectionNumbered(topics, n));
      if (topic) expect(topic.quotes.some((q) => q.section === section?.id)).toBe(true);
    }
  });

  it('leaves a question that names a topic to the topics', () => {
    expect(structure.answer('which section talks about covid')).toBeNull();
    expect(structure.answer('is selenium good for a long life')).toBeNull();
    expect(structure.answer('what is selenium')).toBeNull();
    expect(engine.ask('which section talks about covid').matchId).toBe('covid-19');
  });

  it('answers through the engine as an article answer', () => {
    const a = engine.ask('hey what are the headings of the article?');
    answerSchema.parse(a);
    expect(a.answered).toBe(true);
    expect(a.citations.map((c) => c.quote)).toEqual(headings);
  });
});

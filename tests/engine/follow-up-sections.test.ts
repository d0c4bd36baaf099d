import { beforeAll, describe, expect, it } from 'vitest';
import { createSections, sectionStep } from '../../src/engine/follow-up-sections.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText, words } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';
import { conversing } from './converse.js';

// The article's sections in a conversation: "what's in the first section", "what comes after that".

let kb: KnowledgeBase;
let engine: Engine;
beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});
const { converse } = conversing(() => engine);
const ws = (m: string) => words(normaliseText(m));

describe('sectionStep', () => {
  it('reads an ordinal or "last" beside a section word', () => {
    expect(sectionStep(ws('whats in the first section'))).toEqual({ at: 1 });
    expect(sectionStep(ws('and the 2nd part?'))).toEqual({ at: 2 });
    expect(sectionStep(ws('what does section 3 say'))).toEqual({ at: 3 });
    expect(sectionStep(ws('the last heading?'))).toEqual({ at: -1 });
  });

  it('reads next and previous when the message or the last question is about sections', () => {
    expect(sectionStep(ws('next section'))).toEqual({ by: 1 });
    expect(sectionStep(ws('what comes after that'), ws('whats in the first section'))).toEqual({ by: 1 });
    expect(sectionStep(ws('and the one before?'), ws('whats in the second section'))).toEqual({ by: -1 });
  });

  it('reads nothing in a question that is not about sections', () => {
    expect(sectionStep(ws('what comes after that'), ws('does selenium help the flu'))).toBeNull();
    expect(sectionStep(ws('is it the first thing to take'))).toBeNull();
    expect(sectionStep(ws('does selenium help the flu'))).toBeNull();
  });
});

describe('createSections', () => {
  it('lists a topic per headed section other than the title, each quoting its section', () => {
    const sections = createSections(kb);
    const headed = kb.article.resolvedSections.filter((s) => s.heading && s.heading !== kb.article.title);
    expect(sections.topics).toHaveLength(headed.length);
    sections.topics.forEach((id, i) => {
      const entry = kb.entries.find((e) => e.id === id);
      expect(
        entry?.quotes.some((q) => q.section === headed[i]?.id),
        `section ${i + 1}: ${id}`,
      ).toBe(true);
    });
  });

  it('steps through them in order, and past the ends to nothing', () => {
    const sections = createSections(kb);
    const [first, second] = sections.topics;
    expect(sections.follow({ at: 1 }, null)).toBe(first);
    expect(sections.follow({ by: 1 }, first as string)).toBe(second);
    expect(sections.follow({ by: -1 }, second as string)).toBe(first);
    expect(sections.follow({ by: -1 }, first as string)).toBeNull();
    expect(sections.follow({ at: -1 }, null)).toBe(sections.topics.at(-1));
    expect(sections.follow({ by: 1 }, sections.topics.at(-1) as string)).toBeNull();
    expect(sections.follow({ at: 0 }, null)).toBeNull();
    expect(sections.follow({ at: 99 }, null)).toBeNull();
  });
});

describe('sections in a conversation', () => {
  it('walks the article: the first section, then what comes after it', () => {
    const topics = createSections(kb).topics;
    const [, first, next] = converse(
      "what are the article's headings",
      'whats in the first section',
      'what comes after that',
    );
    expect(first).toMatchObject({ answered: true, matchId: topics[0], followUpOf: null });
    expect(next).toMatchObject({ answered: true, matchId: topics[1], followUpOf: topics[0] });
  });

  it('"what comes after that" after a claim is no step through the sections', () => {
    const [, after] = converse('does selenium help the flu', 'what comes after that');
    expect(createSections(kb).topics.slice(1)).not.toContain(after?.matchId);
  });
});

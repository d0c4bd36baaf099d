import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { Engine } from '../../src/engine/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// "What does X mean?" about a word the article uses without explaining (a glossary term) asks about the
// article's word: the article's sentence with it and the curators' plain note, never a general-health
// refusal. A common word asked the same way is still a general question. Sentences are our own.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

describe('the meaning of a word of the article', () => {
  it.each([
    ['what does innate mean', /innate/i],
    ['what is meant by thiol', /thiol/i],
    ['define immunocompromised pls', /immunocompromised/i],
    ['isomerase, what does that mean?', /isomerase/i],
  ])('%s quotes the word and gives its glossary note', (question, word) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.citations.some((c) => c.kind === 'quote' && word.test(c.quote))).toBe(true);
    const note = answer.glossary?.find((g) => word.test(g.term));
    expect(note).toBeDefined();
    expect(kb.references.some((r) => r.id === note?.sourceId)).toBe(true);
  });

  it('puts the note of the term asked about before the other notes the quotes need', () => {
    expect(engine.ask('what does adaptive mean')?.glossary?.[0]?.term).toMatch(/adaptive/i);
    expect(engine.ask('what does innate mean')?.glossary?.[0]?.term).toMatch(/innate/i);
  });

  it('a word many topics use is no jargon: asked alone it is still general', () => {
    expect(engine.ask('what does immune mean').answered).toBe(false);
  });

  it('"meant" asks as "mean" does', () => {
    expect(engine.ask('what is meant by adaptive immunity').matchId).toBe(
      engine.ask('what does adaptive immunity mean').matchId,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Everyday words for what the article says in its own terms (knowledge/lexicon.json): "who benefits most"
// for its "especially in ...", "what's the catch" for its product at the end, "snake oil" for its evidence.

const engine = createEngine(loadProjectKnowledge());
const quotes = (q: string) =>
  engine
    .ask(q)
    .citations.map((c) => c.quote)
    .join(' ');

describe('everyday words for the article’s terms', () => {
  it('reads "who benefits most" as the people the article names especially', () => {
    for (const q of ['who would benefit from selenium supplements', 'who needs it most, selenium pills i mean'])
      expect(quotes(q), q).toContain('especially in immunocompromised patients');
  });

  it('reads "what is the catch" as a question about the article’s motive, not about catching an infection', () => {
    const answer = engine.ask('so what is the catch with this article');
    expect(answer.answered).toBe(true);
    expect(quotes('so what is the catch with this article')).toContain('BioPro-Plus');
    expect(engine.ask('does selenium stop me catching colds').matchId).not.toBe('article-is-promotional');
  });

  it('reads sceptical words ("snake oil", "pseudoscience") as a question about the evidence', () => {
    const answer = engine.ask('selenium for immunity, real or pseudoscience?');
    expect(answer.answered).toBe(true);
    expect([
      'article-evidence',
      'preventive-potential',
      'molecular-mechanisms-research',
      'supplements-and-immunity',
    ]).toContain(answer.matchId);
  });
});

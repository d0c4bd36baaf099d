import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/engine/context.js';
import { otherLanguageFunctionWords } from '../../src/engine/follow-up-language-table.js';
import { createEngine } from '../../src/engine/index.js';
import { analyse, compileLexicon } from '../../src/engine/normalise.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Question words and particles of the languages members mix into their English ("apa", "sih", "mi az")
// are never topic terms: not in a message, and not in a curated phrasing written in a member's English,
// which would otherwise make its entry own the word.

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadProjectKnowledge();
});

describe('function words of other languages', () => {
  it('are not terms of a message, while its English words are', () => {
    const { lexicon } = createContext(kb);
    const terms = analyse('selenium itu apa sih? does it help immunity', lexicon).terms;
    expect(terms).not.toContain('apa');
    expect(terms).not.toContain('sih');
    expect(terms.length).toBeGreaterThan(1);
    // The same words are terms for a lexicon compiled without them: the context is what drops them.
    expect(analyse('selenium itu apa sih?', compileLexicon(kb.lexicon)).terms).toContain('apa');
  });

  it('leave out words that are everyday English too, and the parts of a link', () => {
    const words = otherLanguageFunctionWords();
    expect(words.has('apa')).toBe(true);
    expect(words.has('com')).toBe(false);
    for (const english of ['what', 'how', 'and', 'more', 'is', 'it', 'per', 'so'])
      expect(words.has(english)).toBe(false);
  });

  it('do not pull a question to the entry whose curated phrasing uses them', () => {
    // A product phrasing in a Malay speaker's English, and a question about pills and immunity ending in
    // Malay's "apa" (what): the question word is all they share.
    const withPhrasing = {
      ...kb,
      entries: kb.entries.map((e) =>
        e.id === 'biopro-plus'
          ? { ...e, questions: [...e.questions, 'biopro-plus tu apa? good with selenium ke?'] }
          : e,
      ),
    };
    const answer = createEngine(withPhrasing).ask('selenium pills boost immunity apa?');
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe('supplements-and-immunity');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createGlossary } from '../../src/engine/glossary.js';
import { createEngine } from '../../src/engine/index.js';
import type { Citation, Engine } from '../../src/engine/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

// The glossary: plain definitions, with their own sources, of the terms the quotes shown actually use.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const quote = (text: string): Citation => ({
  kind: 'quote',
  quote: text,
  section: 'S',
  sourceId: 'article',
  url: null,
});

describe('glossary notes for the quotes shown', () => {
  it('finds a term in any inflection, by either spelling, and a phrase whose words are a little apart', () => {
    const find = createGlossary(kb);
    const terms = (text: string) => find([quote(text)]).map((g) => g.term);
    expect(terms('selenium is built into a selenoprotein')).toContain('selenoproteins');
    expect(terms('it regulates ROS in cells')).toContain('ROS (reactive oxygen species)');
    expect(terms('too many reactive oxygen species')).toContain('ROS (reactive oxygen species)');
    expect(terms('it helps regulate innate and adaptive immunity')).toEqual(
      expect.arrayContaining(['innate immunity', 'adaptive immunity']),
    );
    expect(terms('selenium supports the immune system')).toEqual([]);
  });

  it('reads only article quotes, never data citations', () => {
    const find = createGlossary(kb);
    expect(find([{ ...quote('selenoproteins'), kind: 'data' }])).toEqual([]);
  });

  it("cites, for every glossary note, a reference that exists, with the reference's title and link", () => {
    const refs = new Map(kb.references.map((r) => [r.id, r]));
    const all = createGlossary(kb)(kb.entries.flatMap((e) => e.glossary ?? []).map((g) => quote(g.term)));
    expect(all.length).toBe(new Set(kb.entries.flatMap((e) => (e.glossary ?? []).map((g) => g.term))).size);
    for (const g of all) {
      const ref = refs.get(g.sourceId);
      expect(ref, g.sourceId).toBeDefined();
      expect(g).toMatchObject({ sourceTitle: ref?.title, url: ref?.url ?? null });
    }
  });

  it('comes with an entry answer whose quotes use the terms, and stays a valid answer', () => {
    const answer = engine.ask('what are selenoproteins');
    expect(answerSchema.parse(answer)).toBeTruthy();
    const terms = answer.glossary?.map((g) => g.term) ?? [];
    expect(terms).toContain('selenoproteins');
    const quotes = answer.citations.map((c) => c.quote.toLowerCase()).join(' ');
    for (const t of terms) expect(quotes).toContain((t.split(' (')[0] ?? t).toLowerCase().split(' ')[0]);
  });

  it('is empty where the quotes use no defined term', () => {
    const answer = engine.ask('how much selenium is in milk');
    expect(answer.glossary ?? []).toEqual([]);
  });
});

describe('notes about the article itself', () => {
  it('lead the answer as "About the article", not as other research', () => {
    const answer = engine.ask('who published the article');
    expect(answer.matchId).toBe('article-publisher');
    expect(answer.text).toMatch(/^About the article: .*Alternative Health Concepts/);
    expect(answer.evidence.map((e) => e.sourceId)).not.toContain('article-page');
  });

  it('keep research notes of the same entry under research', () => {
    const answer = engine.ask('is the article backed by research');
    expect(answer.text.startsWith('About the article:')).toBe(true);
    expect(answer.evidence.length).toBeGreaterThan(0);
    expect(answer.evidence.every((e) => e.sourceId !== 'article-page')).toBe(true);
  });
});

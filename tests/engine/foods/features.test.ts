import { describe, expect, it } from 'vitest';
import {
  askedWords,
  coreOf,
  headOf,
  nameOf,
  nameSegmentsOf,
  namesTerm,
  type QueryTerm,
  rowFeatures,
  rowMatch,
  segmentsOf,
  tableFeatures,
} from '../../../src/engine/foods/rank.js';
import { realKnowledge } from './kb.js';
import { plainNamesTerm, plainRowMatch, plainViews } from './reference.js';

// USDA row features are kept compact (interned tokens, segments as offsets, shared lists); the views
// and the ranking built on them must be exactly what the plain per-row arrays give.

const { kb } = realKnowledge();
const rows = kb.usda.foods;
const features = tableFeatures(rows);

describe('tableFeatures', () => {
  it('equals the features of each row built on its own', () => {
    expect(features).toEqual(rows.map((r, i) => rowFeatures(r, i)));
  });

  it('gives the head, core, name and naming segments the plain arrays give', () => {
    for (const f of features) {
      const plain = plainViews(f.description, f.grouped);
      expect(
        {
          segments: segmentsOf(f),
          head: headOf(f),
          core: coreOf(f),
          name: nameOf(f),
          nameSegments: nameSegmentsOf(f),
        },
        f.description,
      ).toEqual(plain);
      expect(f.tokens).toEqual(plain.segments.flat());
    }
  });

  it('treats a group word as the start of the name ("Fish, salmon"), not the food', () => {
    const salmon = features.find((f) => f.description.startsWith('Fish, salmon'));
    const cheddar = features.find((f) => f.description.startsWith('Cheese, cheddar'));
    expect(salmon?.grouped).toBe(true);
    expect(salmon && coreOf(salmon)).toEqual(['salmon']);
    expect(cheddar?.grouped).toBe(false);
    expect(cheddar && headOf(cheddar)).toEqual(['cheese']);
  });

  it('ranks rows for queries exactly as the plain arrays do', () => {
    const vocab = [...new Set(features.flatMap((f) => f.tokens))].sort();
    const term = (word: string, accept: string[] = [word], fuzzy = false): QueryTerm => ({
      word,
      accept: new Set(accept),
      fuzzy,
    });
    const queries: QueryTerm[][] = [];
    features.forEach((f, i) => {
      if (i % 61 !== 0) return;
      const a = f.tokens[0] as string;
      const b = (f.tokens[1] ?? a) as string;
      const c = f.tokens.at(-1) as string;
      const other = vocab[i % vocab.length] as string;
      queries.push([term(a)], [term(c)], [term(a), term(b)], [term(b), term(c, [c, other], true)]);
    });
    const sample = features
      .filter((_, i) => i % 5 === 0)
      .map((f) => ({ f, plain: plainViews(f.description, f.grouped) }));
    let matched = 0;
    const wrong: string[] = [];
    for (const q of queries) {
      const asked = askedWords(q);
      const words = q.map((t) => [...t.accept].join('/')).join(' ');
      for (const { f, plain } of sample) {
        const expected = plainRowMatch(f, plain, q, asked);
        const got = rowMatch(f, q, asked);
        if (expected) matched++;
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`rowMatch ${words} @ ${f.description}`);
        for (const t of q)
          if (namesTerm(f, t, asked) !== plainNamesTerm(plain, t, asked))
            wrong.push(`namesTerm ${t.word} @ ${f.description}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(100);
  });
});

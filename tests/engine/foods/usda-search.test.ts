import { describe, expect, it } from 'vitest';
import { askedWords, namesTerm, type QueryTerm, rowMatch } from '../../../src/engine/foods/rank.js';
import { buildFoodTables } from '../../../src/engine/foods/tables.js';
import { MODIFIER_WORDS } from '../../../src/engine/foods/text.js';
import { createUsdaSearch, type UsdaMatch } from '../../../src/engine/foods/usda-search.js';
import { realKnowledge } from './kb.js';

// The USDA search reads posting lists in a ranked order and stops or skips early; whatever it skips,
// it must return exactly what ranking every row and sorting them all returns.

const { kb } = realKnowledge();
const tables = buildFoodTables(kb);
const search = createUsdaSearch(tables);

/** Every row with all the terms, fully sorted by cost then table order. */
function bruteForce(qterms: readonly QueryTerm[], limit: number, named: boolean): UsdaMatch[] {
  const asked = askedWords(qterms);
  const main = named ? (qterms.findLast((t) => !MODIFIER_WORDS.has(t.word)) ?? qterms.at(-1)) : undefined;
  const found: UsdaMatch[] = [];
  for (const f of tables.features) {
    const match = rowMatch(f, qterms, asked);
    if (match && (!main || namesTerm(f, main, asked))) found.push({ index: f.index, match });
  }
  found.sort((a, b) => a.match.cost - b.match.cost || a.index - b.index);
  return found.slice(0, limit);
}

describe('createUsdaSearch', () => {
  const words = tables.vocab.filter((_, i) => i % 17 === 0);
  const queries: QueryTerm[][] = [];
  for (const [i, w] of words.entries()) {
    const exact = search.terms([w], { prefixLast: false, fuzzy: false });
    const prefix = search.terms([w.slice(0, 3)], { prefixLast: true, fuzzy: false });
    const typo = search.terms([`${w}x`], { prefixLast: false, fuzzy: true });
    const pair = search.terms([w, words[(i * 7) % words.length] as string], { prefixLast: false, fuzzy: true });
    for (const q of [exact, prefix, typo, pair]) if (q) queries.push(q);
  }

  it('builds queries of every kind: exact, completed, corrected, several words', () => {
    expect(queries.filter((q) => q.length === 1 && q[0]?.accept.size === 1 && !q[0].fuzzy).length).toBeGreaterThan(60);
    expect(queries.some((q) => (q[0]?.accept.size ?? 0) > 1)).toBe(true);
    expect(queries.some((q) => q.some((t) => t.fuzzy))).toBe(true);
    expect(queries.some((q) => q.length > 1)).toBe(true);
  });

  it('returns exactly the rows a full ranking returns, for any limit, named or not', () => {
    const wrong: string[] = [];
    let nonEmpty = 0;
    for (const q of queries)
      for (const limit of [1, 5, 26])
        for (const named of [false, true]) {
          const expected = bruteForce(q, limit, named);
          if (expected.length) nonEmpty++;
          const got = search.searchUsda(q, limit, { named });
          if (JSON.stringify(got) !== JSON.stringify(expected))
            wrong.push(`${q.map((t) => [...t.accept].join('/')).join(' ')} limit ${limit} named ${named}`);
        }
    expect(wrong).toEqual([]);
    expect(nonEmpty).toBeGreaterThan(300);
  });
});

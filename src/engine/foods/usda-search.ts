import { editDistance } from '../typos.js';
import { askedWords, namesTerm, type QueryTerm, type RowMatch, rowMatch } from './rank.js';
import type { FoodTables } from './tables.js';
import { MODIFIER_WORDS } from './text.js';

// Searching the USDA table: query words become terms (each with the table words it accepts: itself,
// its completions or its typo fixes), and rows with every term are ranked by rank.ts.

/** The query's main noun: its last word that is not a cut, form or cooking word ("pork chop": pork). */
const mainTerm = (qterms: readonly QueryTerm[]): QueryTerm | undefined =>
  qterms.findLast((t) => !MODIFIER_WORDS.has(t.word)) ?? qterms.at(-1);

export interface UsdaSearch {
  /**
   * The query words as terms, or null when one has no table word: `prefixLast` completes the last word,
   * `fuzzy` accepts typo fixes for words the table lacks.
   */
  terms(input: readonly string[], opts: { prefixLast: boolean; fuzzy: boolean }): QueryTerm[] | null;
  /**
   * Rows with every query word, best first. `named`: the query's main noun (its last word that is not
   * a cut or cooking word) must name the row, not sit in one of its qualifiers: lookups want the food
   * the words name; autocomplete and suggestions may show any row the words are in.
   */
  searchUsda(qterms: readonly QueryTerm[], limit: number, options?: { named?: boolean }): UsdaMatch[];
}

export interface UsdaMatch {
  index: number;
  match: RowMatch;
}

export function createUsdaSearch(tables: FoodTables): UsdaSearch {
  const { vocab, vocabFuse, postings, features } = tables;

  /** Table words starting with a prefix, by binary search over the sorted vocabulary. */
  function completions(prefix: string): string[] {
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocab[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < vocab.length && (vocab[i] ?? '').startsWith(prefix); i++) out.push(vocab[i] as string);
    return out;
  }

  /** Table words within a small edit distance: the typo fixes for a word the table lacks. */
  function corrections(word: string): string[] {
    // Fuse's bitap matcher works on patterns up to 32 characters; longer "words" are not food names.
    if (word.length < 4 || word.length > 32 || /\d/.test(word)) return [];
    const maxEdits = word.length >= 7 ? 2 : 1;
    return vocabFuse
      .search(word, { limit: 8 })
      .map((r) => r.item)
      .filter((t) => editDistance(t, word, maxEdits) <= maxEdits)
      .slice(0, 3);
  }

  /** "flax seeds" -> "flaxseed", "brazil nuts" -> "brazilnut": the table writes some names as one word. */
  function joinCompounds(words: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const a = words[i] as string;
      const b = words[i + 1];
      const joined = b === undefined ? '' : a + b;
      if (b !== undefined && postings.has(joined)) {
        out.push(joined);
        i++;
      } else out.push(a);
    }
    return out;
  }

  // A table word as a term of its own, made once per word (read only, so shared by every search): free
  // text tries every short run of its words, and most are plain table words.
  const exactTerms = new Map<string, QueryTerm>();
  const exactTerm = (word: string): QueryTerm => {
    let term = exactTerms.get(word);
    if (term === undefined) {
      term = { word, accept: new Set([word]), fuzzy: false };
      exactTerms.set(word, term);
    }
    return term;
  };

  function terms(input: readonly string[], opts: { prefixLast: boolean; fuzzy: boolean }): QueryTerm[] | null {
    const words = joinCompounds(input);
    const out: QueryTerm[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const isLast = i === words.length - 1;
      if (isLast && opts.prefixLast) {
        const done = completions(word);
        if (done.length) {
          out.push({ word, accept: new Set(done), fuzzy: false });
          continue;
        }
      } else if (postings.has(word)) {
        // Only table words: the cache is bounded by the table's vocabulary.
        out.push(exactTerm(word));
        continue;
      }
      const fixed = opts.fuzzy ? corrections(word) : [];
      if (!fixed.length) return null;
      out.push({ word, accept: new Set(fixed), fuzzy: true });
    }
    return out.length ? out : null;
  }

  function searchUsda(
    qterms: readonly QueryTerm[],
    limit: number,
    options: { named?: boolean } = {},
  ): { index: number; match: RowMatch }[] {
    // Start from the rarest word's rows: every match must contain one of its accepted words. The
    // candidates only need to include every match (rowMatch checks all words, the sort fixes the order),
    // so the rarest is judged by its list lengths, and only a word with several spellings needs a union.
    let rarest: QueryTerm | undefined;
    let fewest = Number.POSITIVE_INFINITY;
    for (const t of qterms) {
      let size = 0;
      for (const w of t.accept) size += postings.get(w)?.length ?? 0;
      if (size < fewest) [rarest, fewest] = [t, size];
    }
    // A posting list is ranked as a search for its word alone ranks it (tables.ts): for such a search
    // (one word, one accepted spelling, not a typo fix) each row costs exactly its place in that order, so
    // the scan stops at the first row that costs more than the `limit` best so far. Other searches skip
    // the rows whose base cost alone is too much (tiers, typos and forms only add to it).
    const only = qterms.length === 1 && !qterms[0]?.fuzzy && qterms[0]?.accept.size === 1;
    const candidates: Iterable<number> =
      rarest === undefined
        ? []
        : rarest.accept.size === 1
          ? (postings.get(rarest.accept.values().next().value as string) ?? [])
          : new Set([...rarest.accept].flatMap((w) => postings.get(w) ?? []));
    const found: { index: number; match: RowMatch }[] = [];
    // One term's accepted words are already the set of every word asked.
    const asked = qterms.length === 1 ? (qterms[0] as QueryTerm).accept : askedWords(qterms);
    const main = options.named ? mainTerm(qterms) : undefined;
    const before = (a: { index: number; match: RowMatch }, b: { index: number; match: RowMatch }) =>
      a.match.cost < b.match.cost || (a.match.cost === b.match.cost && a.index < b.index);
    for (const i of candidates) {
      const f = features[i];
      if (!f) continue;
      const worst = found.length >= limit ? found[found.length - 1] : undefined;
      // In a one-word search's ranked list every later row costs at least as much as this one: none can enter.
      if (worst && f.baseCost > worst.match.cost) {
        if (only) break;
        continue;
      }
      const match = rowMatch(f, qterms, asked);
      if (!match) continue;
      if (only && worst && match.cost > worst.match.cost) break;
      if (main && !namesTerm(f, main, asked)) continue;
      // Kept in order, at most `limit` long: the same rows a full sort by cost, then table order, would keep.
      const entry = { index: i, match };
      let at = found.length;
      while (at > 0 && before(entry, found[at - 1] as (typeof found)[number])) at--;
      if (at >= limit) continue;
      if (found.length < limit) found.push(entry);
      for (let k = found.length - 1; k > at; k--) found[k] = found[k - 1] as (typeof found)[number];
      found[at] = entry;
    }
    return found;
  }

  return { terms, searchUsda };
}

import Fuse from 'fuse.js';
import type { Food, UsdaFoodRow } from '../../knowledge/schema.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { createStringIndex, type StringIndex } from '../compact.js';
import { letterMask } from '../typos.js';
import { type ArticleMentions, createArticleMentions, curatedArticleNames } from './describe.js';
import { type CommonNames, compileCommonNames } from './names.js';
import { type RowFeatures, rowMatch, tableFeatures } from './rank.js';
import { foodBagKey, foodKey, foodTokens, normaliseFoodText } from './text.js';

// The food index's tables: the curated NIH ODS table (32 rows) and the USDA SR26 table (~6,700 rows),
// with every key, posting list and fuzzy index the lookups need. Built once per knowledge base and only
// read afterwards, so shards and reloads are safe.

export const FUSE_CURATED = { threshold: 0.3, loose: 0.55 };

/** A curated food's name, alias or id as a key of singular tokens. */
export interface CuratedKey {
  key: string;
  tokens: string[];
  food: number;
  /** `letterMask(key)`: misspellings are compared with keys that have nearly the same letters. */
  letters: number;
}

export interface FoodTables {
  curated: readonly Food[];
  curatedById: ReadonlyMap<string, Food>;
  curatedKeys: readonly CuratedKey[];
  /** Curated food by key and by bag of tokens (word order ignored); the first food of a key wins. */
  byKey: ReadonlyMap<string, number>;
  byBag: ReadonlyMap<string, number>;
  curatedMaxTokens: number;
  /** Curated keys by token count and first letter, in table order: where misspellings are looked for. */
  curatedByStart: ReadonlyMap<string, readonly CuratedKey[]>;
  curatedFuse: Fuse<CuratedKey>;
  curatedNameTokens: readonly string[][];
  /** Daily Value notes from the article, per curated food. */
  curatedArticleNotes: readonly string[][];
  /** The article's sentences indexed by word, shared with the describer. */
  mentions: ArticleMentions;
  /** Head nouns per curated food, for categories. */
  curatedHeads: readonly string[][];
  /** Curated food numbers, richest per serving first. */
  byRichness: readonly number[];
  rows: readonly UsdaFoodRow[];
  features: readonly RowFeatures[];
  byNdb: StringIndex;
  byDescription: StringIndex;
  /** Table word -> rows that have it, best first for a search of that word alone (cost, then table order). */
  postings: ReadonlyMap<string, readonly number[]>;
  /** Every table word, sorted (for prefix search). */
  vocab: readonly string[];
  vocabFuse: Fuse<string>;
  /** USDA rows, richest per 100 g first. */
  byPer100g: readonly RowFeatures[];
  common: CommonNames;
  /** Every token of a curated or common name. */
  nameTokens: ReadonlySet<string>;
}

export function buildFoodTables(kb: KnowledgeBase): FoodTables {
  // ---- curated table ----
  const curated = kb.foods;
  const curatedById = new Map(curated.map((f) => [f.id, f]));
  const curatedKeys: CuratedKey[] = [];
  const byKey = new Map<string, number>();
  const byBag = new Map<string, number>();
  curated.forEach((food, i) => {
    for (const phrase of [food.name, ...food.aliases, food.id.replace(/-/g, ' ')]) {
      const key = foodKey(phrase);
      if (!key) continue;
      curatedKeys.push({ key, tokens: key.split(' '), food: i, letters: letterMask(key) });
      if (!byKey.has(key)) byKey.set(key, i);
      const bag = foodBagKey(phrase);
      if (!byBag.has(bag)) byBag.set(bag, i);
    }
  });
  const curatedMaxTokens = Math.max(0, ...curatedKeys.map((k) => k.tokens.length));
  // Misspelt names are compared only with keys of as many tokens and the same first letter (typos rarely
  // change it): grouped once here, in table order, so the first close key is the one a full scan finds.
  const curatedByStart = new Map<string, CuratedKey[]>();
  for (const k of curatedKeys) {
    const group = `${k.tokens.length} ${k.key[0]}`;
    curatedByStart.set(group, [...(curatedByStart.get(group) ?? []), k]);
  }
  const curatedFuse = new Fuse(curatedKeys, {
    keys: ['key'],
    includeScore: true,
    threshold: FUSE_CURATED.loose,
    ignoreLocation: true,
  });
  const curatedNameTokens = curated.map((f) => [...new Set([f.name, ...f.aliases].flatMap(foodTokens))]);
  // Names as describeFood looks them up in the article: aliases and the name's first segment.
  const mentions = createArticleMentions(kb);
  const curatedArticleNotes = curated.map((f) => mentions.dailyValueNotes(curatedArticleNames(f)));
  // Head nouns for categories: the last word of the name's first segment and of each alias, so
  // "pasta sauce" is a sauce, not pasta, while "brazil nuts" are nuts.
  const curatedHeads = curated.map((f) => [
    ...new Set(
      [f.name.split(',')[0] ?? f.name, ...f.aliases].map((p) => foodTokens(p).at(-1)).filter((t) => t !== undefined),
    ),
  ]);
  const byRichness = [...curated.keys()].sort((a, b) => (curated[b]?.mcg ?? 0) - (curated[a]?.mcg ?? 0));

  // ---- USDA table ----
  const rows = kb.usda.foods;
  const features = tableFeatures(rows);
  // Rows by NDB number and by whole description: hashed, not Maps of 6,700 strings (see compact.ts).
  // An NDB number appearing twice (the loader refuses that) would give its last row, a description its first.
  const byNdb = createStringIndex(rows.length, (i) => rows[i]?.[0] ?? '');
  const byDescription = createStringIndex(rows.length, (i) => normaliseFoodText(rows[i]?.[1] ?? ''));
  const postings = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const t of new Set(f.tokens)) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  // Each list in the order a search for its word alone ranks the rows (cost, then table order), so that
  // search can stop early (see usda-search.ts). Also exact-size copies: lists grown by push keep spare room.
  for (const [t, list] of postings) {
    const alone = { word: t, accept: new Set([t]), fuzzy: false };
    const cost = (i: number) => {
      const f = features[i];
      return (f && rowMatch(f, [alone], alone.accept)?.cost) ?? 0;
    };
    const ranked = list.map((i) => ({ i, cost: cost(i) }));
    ranked.sort((a, b) => a.cost - b.cost || a.i - b.i);
    postings.set(
      t,
      ranked.map((r) => r.i),
    );
  }
  const vocab = [...postings.keys()].sort();
  const byPer100g = [...features].sort(
    (a, b) => (rows[b.index]?.[2] ?? 0) - (rows[a.index]?.[2] ?? 0) || a.index - b.index,
  );
  const vocabFuse = new Fuse(vocab, { includeScore: true, threshold: 0.34 }, Fuse.createIndex([], vocab));
  const common = compileCommonNames(kb.foodNames, features);
  // Every token of a curated or common name: a text none of whose tokens is one names no food by name,
  // so the costly span scans in findInText can be skipped (most questions name no food at all).
  const nameTokens = new Set([...byKey.keys(), ...common.keys()].flatMap((k) => k.split(' ')));

  return {
    curated,
    curatedById,
    curatedKeys,
    byKey,
    byBag,
    curatedMaxTokens,
    curatedByStart,
    curatedFuse,
    curatedNameTokens,
    curatedArticleNotes,
    mentions,
    curatedHeads,
    byRichness,
    rows,
    features,
    byNdb,
    byDescription,
    postings,
    vocab,
    vocabFuse,
    byPer100g,
    common,
    nameTokens,
  };
}

import { COMMON_ENGLISH } from './common-english.js';
import { FIELD_WEIGHTS, type Field, MATCH_CONFIG } from './match-config.js';
import type { CompiledLexicon } from './normalise.js';
import { analyse, LIGHT_WORDS, stem } from './normalise.js';
import { capLoneWords, termsToIndex } from './phrasing-terms.js';

// The match index, built once per knowledge base: every document's terms by field, their weights, and its
// curated phrasings as numbers in flat arrays, so ranking a question (matcher.ts) reads arrays and
// allocates almost nothing.

export interface MatchDoc {
  id: string;
  kind: 'entry' | 'related';
  title: string;
  question: string;
}

export interface DocField {
  /** Best field weight, tie-breaking credit for further fields, best weight outside the phrasings (0 when
   *  only phrasings have it), how many phrasings use it, and whether it is a story's lone word. */
  weight: number;
  extra: number;
  fixed: number;
  support: number;
  incidental: boolean;
  /** The phrasings that use the term: `phrasings.usedBy[usedFrom]` up to `[usedTo]` (ascending numbers). */
  usedFrom: number;
  usedTo: number;
}

export interface IndexedDoc extends MatchDoc {
  /** The document as ranking reports it, made once (read only). */
  match: MatchDoc;
  fields: Map<string, DocField>;
  /** This document's phrasings are `phrasings.first[i]` up to `phrasings.first[i + 1]` (see `Phrasings`). */
  number: number;
  /** Neighbouring term pairs, as numbers (see `pairKey`), so a question's pairs are tested without strings. */
  bigrams: Set<number>;
  /** Terms of the title and keywords: what the document is about, as a curator put it. */
  keyTerms: Set<string>;
  /** Terms of the title alone: the topic's name, without the looser keywords. */
  titleTerms: string[];
  /** Title terms no other document uses ("biopro"): a narrow entry is named by them. Set once indexed. */
  ownTerms: string[];
}

/**
 * Every phrasing of every document, flat: phrasing p has the distinct terms (as numbers in `termIds`)
 * `ids[start[p]]` up to `ids[start[p + 1]]`, with their weights in `weights` and their sum in `totals[p]`;
 * document d's phrasings are `first[d]` up to `first[d + 1]`. Ranking tests a term with an array read.
 */
export interface Phrasings {
  first: Int32Array;
  /** Per index term: its weight in a phrasing (every phrasing weighs a term alike, see `weights`). */
  termWeights: Float64Array;
  /** Each field's phrasings that use its term, one run per field (see `DocField.usedFrom`). */
  usedBy: Int32Array;
  start: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
  totals: Float64Array;
}

export interface DocInput extends MatchDoc {
  questions: string[];
  keywords: string[];
  titleText: string;
  quotes: string[];
}

/**
 * Ranking's working arrays, one per index (so one per engine, never module-wide): sized by the knowledge
 * base once instead of allocated for every question. Ranking runs start to end without calling out, so
 * one call never sees another's values; each leaves them zeroed (`mark` only counts up).
 */
export interface RankScratch {
  /** Per document: weighted coverage, tie-breaking credit, informative terms matched. */
  coverage: Float64Array;
  extra: Float64Array;
  informative: Int32Array;
  /** The documents a question touched (grown if ever too small). */
  touched: Int32Array;
  /** The documents worth scoring, best coverage first (`MATCH_CONFIG.shortlist` of them). */
  shortlist: Int32Array;
  /** Per index term: 1 while the question being ranked has it. */
  asked: Uint8Array;
  /** Per question term: the field of the document being scored (only the first terms' slots are read). */
  found: (DocField | undefined)[];
  /** Per question term: its weight in a phrasing (`phrasings.termWeights`), 0 when no document has it. */
  phrased: number[];
  /** Per phrasing of the document being scored: `mark` when it uses a term of the question. */
  marks: Int32Array;
  mark: number;
  /** Per marked phrasing: the weight of the question's terms it uses, and how many it uses. */
  have: Float64Array;
  hits: Int32Array;
  /** Per marked phrasing: which of the question's first 31 terms it uses, one bit each. */
  usesTerms: Int32Array;
  /**
   * The fields of the documents a question touched, as one list per document: `fieldHead[doc]` is its
   * latest (-1: none), `fieldNext` links them, `fieldTerm` is the question term's number. Filled while the
   * postings are read, so scoring a document needs no lookup by term.
   */
  fieldHead: Int32Array;
  fieldNext: Int32Array;
  fieldTerm: Int32Array;
  fieldOf: DocField[];
}

export interface MatchIndex {
  docs: IndexedDoc[];
  scratch: RankScratch;
  /** Every document's title terms that are not topic-neutral: words that name a topic in the knowledge base. */
  topicTerms: ReadonlySet<string>;
  byId: Map<string, IndexedDoc>;
  postings: Map<string, { doc: number; weight: number; extra: number; field: DocField }[]>;
  /** A number per term of the index (0..termIds.size-1). */
  termIds: Map<string, number>;
  phrasings: Phrasings;
  /** The most phrasings one document has: the size of ranking's per-document scratch. */
  maxPhrasings: number;
  idf: Map<string, number>;
  unknownWeight: number;
  lightTerms: ReadonlySet<string>;
  /** Stems of the most common words of spoken English (common-english.ts). */
  commonTerms: ReadonlySet<string>;
}

/**
 * Neighbouring word pairs, order ignored: "infectivity of viruses" should meet "virus infectivity".
 * Each pair of different terms is a number made from the terms' numbers in the index, smaller first;
 * -1 for a pair with a term the index lacks (no document has it, but it still counts as a pair).
 */
export function bigramsOf(terms: readonly string[], termIds: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (let i = 1; i < terms.length; i++) {
    const a = terms[i - 1] as string;
    const b = terms[i] as string;
    if (a === b) continue;
    const ia = termIds.get(a);
    const ib = termIds.get(b);
    out.push(ia === undefined || ib === undefined ? -1 : pairKey(ia, ib, termIds.size));
  }
  return out;
}

const pairKey = (a: number, b: number, size: number): number => (a < b ? a * size + b : b * size + a);

export function buildMatchIndex(inputs: readonly DocInput[], lexicon: CompiledLexicon): MatchIndex {
  // Each distinct word is stemmed once while building (a Porter2 stem costs a few microseconds).
  const stems = new Map<string, string>();
  const stemOnce = (w: string): string => {
    const known = stems.get(w);
    if (known !== undefined) return known;
    const s = stem(w);
    stems.set(w, s);
    return s;
  };
  const terms = (s: string) => analyse(s, lexicon, undefined, stemOnce).terms;
  // Each document's term sequences, for its word pairs once every term has its number.
  const sequences: string[][][] = [];
  // Each document's phrasings' distinct terms, numbered once every term has its number.
  const phrasingTerms: string[][][] = [];
  const docs: IndexedDoc[] = inputs.map((input, number) => {
    const byField = new Map<string, Map<Field, number>>();
    const pairs: string[][] = [];
    sequences.push(pairs);
    const add = (field: Field, text: string) => {
      const t = field === 'question' ? termsToIndex(terms(text)) : terms(text);
      for (const term of t) {
        const seen = byField.get(term) ?? new Map<Field, number>();
        seen.set(field, FIELD_WEIGHTS[field]);
        byField.set(term, seen);
      }
      pairs.push(t);
      return t;
    };
    const phrasings = input.questions.map((q) => add('question', q)).filter((p) => p.length > 0);
    const titleTerms = add('title', input.titleText);
    const keyTerms = new Set<string>(titleTerms);
    for (const k of input.keywords) for (const t of add('keyword', k)) keyTerms.add(t);
    for (const q of input.quotes) add('quote', q);
    // How many of the entry's phrasings use each term: one alone may be a story's incidental word.
    const support = new Map<string, number>();
    const inShort = new Set<string>();
    for (const p of phrasings) {
      const distinct = new Set(p);
      for (const t of distinct) support.set(t, (support.get(t) ?? 0) + 1);
      if (distinct.size <= MATCH_CONFIG.storyTerms) for (const t of distinct) inShort.add(t);
    }
    phrasingTerms.push(phrasings.map((p) => [...new Set(p)]));
    const fields: IndexedDoc['fields'] = new Map();
    for (const [term, seen] of byField) {
      const weights = [...seen.values()];
      const fixed = Math.max(0, ...[...seen].filter(([f]) => f !== 'question').map(([, w]) => w));
      fields.set(term, {
        weight: Math.max(...weights),
        extra: MATCH_CONFIG.extraFieldCredit * (weights.length - 1),
        fixed,
        support: support.get(term) ?? 0,
        incidental: fixed === 0 && support.get(term) === 1 && !inShort.has(term),
        usedFrom: 0,
        usedTo: 0,
      });
    }
    const { id, kind, title, question } = input;
    return {
      id,
      kind,
      title,
      question,
      match: { id, kind, title, question },
      fields,
      number,
      bigrams: new Set<number>(),
      keyTerms,
      titleTerms,
      ownTerms: [],
    };
  });

  // Only the knowledge base's own words have an idf (see establishedTerms): every stage that asks whether
  // it knows a word (idf.has) reads a story phrasing's lone word as one it never uses, and weighs it so.
  const established = establishedTerms(docs);
  capLoneWords(docs, established);
  const postings: MatchIndex['postings'] = new Map();
  docs.forEach((doc, i) => {
    for (const [term, field] of doc.fields) {
      const list = postings.get(term) ?? [];
      list.push({ doc: i, weight: field.weight, extra: field.extra, field });
      postings.set(term, list);
    }
  });
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [term, list] of postings) if (established.has(term)) idf.set(term, Math.log(1 + n / list.length));
  const maxIdf = Math.log(1 + n);
  const lightTerms = new Set([...LIGHT_WORDS].map(stem));
  const termIds = new Map([...postings.keys()].map((t, i) => [t, i]));
  const maxPhrasings = Math.max(0, ...phrasingTerms.map((p) => p.length));
  const index: Omit<MatchIndex, 'phrasings'> = {
    docs,
    scratch: {
      coverage: new Float64Array(n),
      extra: new Float64Array(n),
      informative: new Int32Array(n),
      touched: new Int32Array(n),
      shortlist: new Int32Array(MATCH_CONFIG.shortlist),
      asked: new Uint8Array(termIds.size),
      found: [],
      phrased: [],
      marks: new Int32Array(maxPhrasings),
      mark: 0,
      have: new Float64Array(maxPhrasings),
      hits: new Int32Array(maxPhrasings),
      usesTerms: new Int32Array(maxPhrasings),
      fieldHead: new Int32Array(n).fill(-1),
      fieldNext: new Int32Array(Math.max(16, n)),
      fieldTerm: new Int32Array(Math.max(16, n)),
      fieldOf: [],
    },
    byId: new Map(docs.map((d) => [d.id, d])),
    topicTerms: new Set(docs.flatMap((d) => d.titleTerms).filter((t) => !lightTerms.has(t))),
    postings,
    termIds,
    maxPhrasings,
    idf,
    unknownWeight: maxIdf * MATCH_CONFIG.unknownWeightShare,
    lightTerms,
    commonTerms: new Set(COMMON_ENGLISH.split(/\s+/).map(stemOnce)),
  };
  docs.forEach((doc, i) => {
    for (const t of sequences[i] ?? []) for (const b of bigramsOf(t, termIds)) if (b >= 0) doc.bigrams.add(b);
  });
  for (const doc of docs)
    doc.ownTerms = doc.titleTerms.filter((t) => postings.get(t)?.length === 1 && !lightTerms.has(t));
  // Phrasing weights depend only on the index, so they are computed here rather than per question.
  return { ...index, phrasings: flatPhrasings(index, phrasingTerms) };
}

/** The phrasings in flat arrays (see `Phrasings`), and each field's list of the phrasings using its term. */
function flatPhrasings(index: Omit<MatchIndex, 'phrasings'>, byDoc: readonly (readonly string[][])[]): Phrasings {
  const all = byDoc.flat();
  const first = new Int32Array(byDoc.length + 1);
  const start = new Int32Array(all.length + 1);
  const ids = new Int32Array(all.reduce((a, p) => a + p.length, 0));
  const weights = new Float64Array(ids.length);
  const totals = new Float64Array(all.length);
  const usedBy: number[] = [];
  let p = 0;
  let at = 0;
  byDoc.forEach((phrasings, d) => {
    first[d] = p;
    const doc = index.docs[d] as IndexedDoc;
    const using = new Map<string, number[]>();
    for (const terms of phrasings) {
      start[p] = at;
      let total = 0;
      for (const t of terms) {
        const w = termWeight(index, t);
        ids[at] = index.termIds.get(t) ?? -1;
        weights[at++] = w;
        total += w;
        const list = using.get(t);
        if (list) list.push(p);
        else using.set(t, [p]);
      }
      totals[p++] = total;
    }
    for (const [t, list] of using) {
      const field = doc.fields.get(t);
      if (!field) continue;
      field.usedFrom = usedBy.length;
      usedBy.push(...list);
      field.usedTo = usedBy.length;
    }
  });
  first[byDoc.length] = p;
  start[all.length] = at;
  const termWeights = new Float64Array(index.termIds.size);
  for (const [t, id] of index.termIds) termWeights[id] = termWeight(index, t);
  return { first, termWeights, usedBy: Int32Array.from(usedBy), start, ids, weights, totals };
}

/**
 * The knowledge base's own vocabulary: terms of a title, keyword or quote, of a short phrasing, or of
 * more than one phrasing. A word only one story-like phrasing happens to contain ("i eat pretty healthy",
 * "my multi has 55 mcg") says nothing about what the article covers.
 */
function establishedTerms(docs: readonly IndexedDoc[]): Set<string> {
  const phrased = new Map<string, number>();
  const out = new Set<string>();
  for (const doc of docs)
    for (const [term, { incidental, support }] of doc.fields) {
      if (!incidental) out.add(term);
      const n = (phrased.get(term) ?? 0) + support;
      phrased.set(term, n);
      if (n > 1) out.add(term);
    }
  return out;
}

type WeightSource = Pick<MatchIndex, 'idf' | 'unknownWeight' | 'lightTerms' | 'commonTerms'>;

/** A term's weight in a question; `chatty`: the question is long enough for everyday words to be chat. */
export function termWeight(index: WeightSource, term: string, chatty = false): number {
  const unknown =
    chatty && index.commonTerms.has(term) ? index.unknownWeight * MATCH_CONFIG.commonUnknownShare : index.unknownWeight;
  const base = index.idf.get(term) ?? unknown;
  return index.lightTerms.has(term) ? base * MATCH_CONFIG.lightWeight : base;
}

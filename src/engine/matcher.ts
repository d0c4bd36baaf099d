import { COMMON_ENGLISH } from './common-english.js';
import type { CompiledLexicon } from './normalise.js';
import { analyse, LIGHT_WORDS, stem } from './normalise.js';
import { topBy } from './top-by.js';

// Ranking of curated entries and related links against a question. Every word of the question gets a
// weight (rare in the knowledge base = heavy, unknown = heavy, "selenium" = light, since every entry is
// about it); confidence is the share of that weight an entry explains. A question whose important
// words the article never uses therefore stays low even when "selenium" or "egg" matches.

/** What a document's fields are worth when a question word is found in them. */
export const FIELD_WEIGHTS = {
  question: 1,
  keyword: 1,
  title: 0.9,
  quote: 0.75,
} as const;

type Field = keyof typeof FIELD_WEIGHTS;

/** Tuning constants in one place; calibrated on the eval sets (npm run eval). */
export const MATCH_CONFIG = {
  /** Weight of a word the knowledge base never uses, as a share of the rarest known word's weight. */
  unknownWeightShare: 0.8,
  /** Share of that weight for an unknown word common in spoken English ("write", "sound") in a question
   *  of `chattyTerms` terms or more: chat around it, not a subject the article lacks ("zinc" keeps it all;
   *  so does "book" in "how do i publish a book", where every word is the question). */
  commonUnknownShare: 0.5,
  chattyTerms: 5,
  /** Weight multiplier of topic-neutral words such as "help", "work", "good". */
  lightWeight: 0.25,
  /** How much the best-matching phrasing's own coverage counts (the rest is the question's coverage). */
  phrasingShare: 0.3,
  /** Bonus, times the share of the question's neighbouring word pairs (either order) the entry also has. */
  bigramBonus: 0.16,
  /** Extra credit per further field a word is in (quote as well as question): ties between similar
   *  phrasings go to the entry whose quotes say what is asked. */
  extraFieldCredit: 0.1,
  /** How much that extra credit may move the ranking (it never changes the reported confidence). */
  tieBreakShare: 0.2,
  /**
   * Ranking handicap (never applied to the reported confidence) for a document whose title has words no
   * other document uses when the question uses none of them: a narrow entry (one product, one molecule)
   * should not win a general question just because its quotes happen to share the question's words.
   */
  unnamedPenalty: 0.05,
  /**
   * Long, chatty messages explain little of their many words even when on topic. An entry that matches
   * at least `evidenceTerms` distinct informative words (idf >= `informativeIdf`) worth `evidenceWeight`
   * in all is answered anyway, scoring `evidenceScore` (just above ANSWER_THRESHOLD in index.ts).
   */
  evidenceTerms: 3,
  informativeIdf: 0.9,
  evidenceWeight: 4,
  evidenceScore: 0.6,
  /** A word of an entry's phrasings other than the closest one counts this much (see coveredBy). */
  otherPhrasingWeight: 0.7,
  /**
   * Times the above for a word that one story-like phrasing of an entry uses and nothing else of it does
   * ("my friend asked which article i was quoting from"): the story's word, not the topic's.
   */
  incidentalWeight: 0.7,
  /** A phrasing with more distinct terms than this tells a story; only a story's lone words are incidental. */
  storyTerms: 4,
  /** Ranking credit (not confidence) times the closest phrasing's Dice with the question: breaks ties at 1. */
  closenessShare: 0.1,
  /** Only this many candidates (by coverage) get the full, costlier scoring. */
  shortlist: 24,
} as const;

export interface MatchDoc {
  id: string;
  kind: 'entry' | 'related';
  title: string;
  question: string;
}

interface IndexedDoc extends MatchDoc {
  /**
   * Term -> best field weight, tie-breaking credit for further fields, best weight outside the phrasings
   * (0 when only phrasings have it), how many phrasings use it, and whether it is a story's lone word.
   */
  fields: Map<string, { weight: number; extra: number; fixed: number; support: number; incidental: boolean }>;
  /**
   * Each phrasing's distinct terms with their weights, and their total: fixed once the index exists.
   * `ids` are the terms' numbers in the index (see `termIds`), so ranking tests them with an array read.
   */
  phrasings: { terms: string[]; ids: Int32Array; weights: number[]; total: number }[];
  /** Neighbouring term pairs, as numbers (see `pairKey`), so a question's pairs are tested without strings. */
  bigrams: Set<number>;
  /** Terms of the title and keywords: what the document is about, as a curator put it. */
  keyTerms: Set<string>;
  /** Terms of the title alone: the topic's name, without the looser keywords. */
  titleTerms: string[];
  /** Title terms no other document uses ("biopro"): a narrow entry is named by them. Set once indexed. */
  ownTerms: string[];
}

export interface DocInput extends MatchDoc {
  questions: string[];
  keywords: string[];
  titleText: string;
  quotes: string[];
}

export interface MatchIndex {
  docs: IndexedDoc[];
  /** Every document's title terms that are not topic-neutral: words that name a topic in the knowledge base. */
  topicTerms: ReadonlySet<string>;
  byId: Map<string, IndexedDoc>;
  postings: Map<string, { doc: number; weight: number; extra: number }[]>;
  /** A number per term of the index (0..termIds.size-1). */
  termIds: Map<string, number>;
  idf: Map<string, number>;
  unknownWeight: number;
  lightTerms: ReadonlySet<string>;
  /** Stems of the most common words of spoken English (common-english.ts). */
  commonTerms: ReadonlySet<string>;
}

export interface Scored {
  doc: MatchDoc;
  score: number;
}

/**
 * Neighbouring word pairs, order ignored: "infectivity of viruses" should meet "virus infectivity".
 * Each pair of different terms is a number made from the terms' numbers in the index, smaller first;
 * -1 for a pair with a term the index lacks (no document has it, but it still counts as a pair).
 */
function bigramsOf(terms: readonly string[], termIds: ReadonlyMap<string, number>): number[] {
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
  const docs: IndexedDoc[] = inputs.map((input) => {
    const byField = new Map<string, Map<Field, number>>();
    const pairs: string[][] = [];
    sequences.push(pairs);
    const add = (field: Field, text: string) => {
      const t = terms(text);
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
      });
    }
    const { id, kind, title, question } = input;
    return {
      id,
      kind,
      title,
      question,
      fields,
      phrasings: phrasings.map((p) => ({ terms: [...new Set(p)], ids: new Int32Array(0), weights: [], total: 0 })),
      bigrams: new Set<number>(),
      keyTerms,
      titleTerms,
      ownTerms: [],
    };
  });

  const postings: MatchIndex['postings'] = new Map();
  docs.forEach((doc, i) => {
    for (const [term, { weight, extra }] of doc.fields) {
      const list = postings.get(term) ?? [];
      list.push({ doc: i, weight, extra });
      postings.set(term, list);
    }
  });
  const n = docs.length;
  // Only the knowledge base's own words have an idf (see establishedTerms): every stage that asks whether
  // it knows a word (idf.has) reads a story phrasing's lone word as one it never uses, and weighs it so.
  const established = establishedTerms(docs);
  const idf = new Map<string, number>();
  for (const [term, list] of postings) if (established.has(term)) idf.set(term, Math.log(1 + n / list.length));
  const maxIdf = Math.log(1 + n);
  const lightTerms = new Set([...LIGHT_WORDS].map(stem));
  const index: MatchIndex = {
    docs,
    byId: new Map(docs.map((d) => [d.id, d])),
    topicTerms: new Set(docs.flatMap((d) => d.titleTerms).filter((t) => !lightTerms.has(t))),
    postings,
    termIds: new Map([...postings.keys()].map((t, i) => [t, i])),
    idf,
    unknownWeight: maxIdf * MATCH_CONFIG.unknownWeightShare,
    lightTerms,
    commonTerms: new Set(COMMON_ENGLISH.split(/\s+/).map(stemOnce)),
  };
  docs.forEach((doc, i) => {
    for (const t of sequences[i] ?? []) for (const b of bigramsOf(t, index.termIds)) if (b >= 0) doc.bigrams.add(b);
  });
  for (const doc of docs)
    doc.ownTerms = doc.titleTerms.filter((t) => postings.get(t)?.length === 1 && !lightTerms.has(t));
  // Phrasing weights depend only on the index, so they are computed here rather than per question.
  for (const doc of docs)
    for (const p of doc.phrasings) {
      p.ids = Int32Array.from(p.terms, (t) => index.termIds.get(t) ?? -1);
      p.weights = p.terms.map((t) => termWeight(index, t));
      p.total = p.weights.reduce((a, b) => a + b, 0);
    }
  return index;
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

/** A term's weight in a question; `chatty`: the question is long enough for everyday words to be chat. */
export function termWeight(index: MatchIndex, term: string, chatty = false): number {
  const unknown =
    chatty && index.commonTerms.has(term) ? index.unknownWeight * MATCH_CONFIG.commonUnknownShare : index.unknownWeight;
  const base = index.idf.get(term) ?? unknown;
  return index.lightTerms.has(term) ? base * MATCH_CONFIG.lightWeight : base;
}

/**
 * Scores every document that shares a word with the question; returns the best first.
 * Score in 0..1: weighted share of the question explained, adjusted by how completely the
 * document's closest phrasing is asked, plus a small bonus for shared word pairs.
 */
export function rank(index: MatchIndex, queryTerms: readonly string[], limit = 5): Scored[] {
  const unique = [...new Set(queryTerms)];
  if (!unique.length) return [];
  const chatty = unique.length >= MATCH_CONFIG.chattyTerms;
  const weights = new Map(unique.map((t) => [t, termWeight(index, t, chatty)]));
  let total = 0;
  for (const w of weights.values()) total += w;

  // Dense arrays and a bounded selection instead of maps and a full sort: at 10,000 entries a word like
  // "selenium" touches every document, and this loop is most of the cost of a question.
  const n = index.docs.length;
  // Plain arrays: allocating typed arrays costs more than the whole loop on a small knowledge base.
  const coverage = new Array<number>(n).fill(0);
  const extra = new Array<number>(n).fill(0);
  const informative = new Array<number>(n).fill(0);
  const touched: number[] = [];
  for (const term of unique) {
    const postings = index.postings.get(term);
    if (postings === undefined) continue;
    const w = weights.get(term) as number;
    // Per term, not per posting: "selenium" alone has a posting in every document.
    const counts = (index.idf.get(term) ?? 0) >= MATCH_CONFIG.informativeIdf && !index.lightTerms.has(term) ? 1 : 0;
    for (const p of postings) {
      if (coverage[p.doc] === 0) touched.push(p.doc);
      informative[p.doc] = (informative[p.doc] as number) + counts;
      coverage[p.doc] = (coverage[p.doc] as number) + w * p.weight;
      extra[p.doc] = (extra[p.doc] as number) + w * p.extra;
    }
  }
  const shortlist = topBy(touched, (i) => coverage[i] as number, MATCH_CONFIG.shortlist).map(
    (i) => [i, coverage[i] as number] as const,
  );

  const queryBigrams = bigramsOf(queryTerms, index.termIds);
  // Which index terms the question has, by number: the phrasing loop below is the hottest of a question.
  const asked = new Array<boolean>(index.termIds.size);
  for (const term of unique) {
    const id = index.termIds.get(term);
    if (id !== undefined) asked[id] = true;
  }
  const scored = shortlist.map(([i, unionCovered]) => {
    const doc = index.docs[i] as IndexedDoc;
    // The phrasing that explains most of the question is the one whose words count fully (coveredBy).
    let phrasingCoverage = 0;
    let closest: IndexedDoc['phrasings'][number] | undefined;
    let closestHave = 0;
    let closeness = 0;
    for (const phrasing of doc.phrasings) {
      if (phrasing.total <= 0) continue;
      let have = 0;
      const { ids } = phrasing;
      for (let k = 0; k < ids.length; k++) if (asked[ids[k] as number] === true) have += phrasing.weights[k] as number;
      if (have > phrasingCoverage * phrasing.total) phrasingCoverage = have / phrasing.total;
      const dice = (2 * have) / (phrasing.total + total);
      if (dice > closeness) closeness = dice;
      if (have > closestHave || (have === closestHave && closest !== undefined && phrasing.total < closest.total)) {
        closest = phrasing;
        closestHave = have;
      }
    }
    const covered = coveredBy(doc, unique, weights, closest?.terms);
    let shared = 0;
    for (const b of queryBigrams) if (doc.bigrams.has(b)) shared++;
    const sharedBigrams = queryBigrams.length ? shared / queryBigrams.length : 0;
    const share = MATCH_CONFIG.phrasingShare;
    const explained =
      (covered / total) * (1 - share + share * phrasingCoverage) + MATCH_CONFIG.bigramBonus * sharedBigrams;
    const evidence =
      (informative[i] as number) >= MATCH_CONFIG.evidenceTerms && unionCovered >= MATCH_CONFIG.evidenceWeight
        ? MATCH_CONFIG.evidenceScore
        : 0;
    const score = Math.min(1, Math.max(explained, evidence));
    // Near-ties (common at 1 for short questions) go to the entry that has the words in more of its fields.
    const unnamed = doc.ownTerms.length > 0 && !doc.ownTerms.some((t) => weights.has(t));
    const rankKey =
      score +
      MATCH_CONFIG.closenessShare * closeness +
      (MATCH_CONFIG.tieBreakShare * (extra[i] as number)) / total -
      (unnamed ? MATCH_CONFIG.unnamedPenalty : 0);
    return { doc: { id: doc.id, kind: doc.kind, title: doc.title, question: doc.question }, score, rankKey, index: i };
  });
  scored.sort((a, b) => b.rankKey - a.rankKey || a.index - b.index);
  return scored.slice(0, limit).map(({ doc, score }) => ({ doc, score }));
}

/**
 * The question's weight a document explains when its phrasings count one at a time: a word of the
 * closest phrasing counts fully, a word of its other phrasings only `otherPhrasingWeight`, and title,
 * keywords and quotes as always. A union of forty phrasings uses nearly every word of its topic's
 * neighbours, so counting them all fully would let every entry explain every short question.
 */
function coveredBy(
  doc: IndexedDoc,
  unique: readonly string[],
  weights: ReadonlyMap<string, number>,
  closest: readonly string[] | undefined,
): number {
  let covered = 0;
  for (const term of unique) {
    const field = doc.fields.get(term);
    if (field === undefined) continue;
    const incidental = field.incidental ? MATCH_CONFIG.incidentalWeight : 1;
    const phrased =
      field.weight > field.fixed ? (closest?.includes(term) ? 1 : MATCH_CONFIG.otherPhrasingWeight) * incidental : 0;
    covered += (weights.get(term) as number) * Math.max(field.fixed, Math.min(field.weight, phrased));
  }
  return covered;
}

/** Whether a document's title or keywords name one of these terms (not merely a phrasing or quote). */
export function namesTopic(index: MatchIndex, id: string, terms: readonly string[]): boolean {
  const doc = index.byId.get(id);
  return doc !== undefined && terms.some((t) => doc.keyTerms.has(t));
}

/** Whether a document uses this term anywhere (question, keyword, title or quote). */
export function explains(index: MatchIndex, id: string, term: string): boolean {
  return index.byId.get(id)?.fields.has(term) ?? false;
}

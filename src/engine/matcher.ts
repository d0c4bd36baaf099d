import { MATCH_CONFIG } from './match-config.js';
import {
  bigramsOf,
  type DocField,
  type IndexedDoc,
  type MatchDoc,
  type MatchIndex,
  type RankScratch,
  termWeight,
} from './match-index.js';

// Ranking of curated entries and related links against a question. Every word of the question gets a
// weight (rare in the knowledge base = heavy, unknown = heavy, "selenium" = light, since every entry is
// about it); confidence is the share of that weight an entry explains. A question whose important
// words the article never uses therefore stays low even when "selenium" or "egg" matches.

export { FIELD_WEIGHTS, MATCH_CONFIG } from './match-config.js';
export { buildMatchIndex, type DocInput, type MatchDoc, type MatchIndex, termWeight } from './match-index.js';

/** Slack for rounding when a document's best possible rank key is compared with the ones already scored. */
const BOUND_MARGIN = 1e-9;
/** Question terms whose use by a phrasing is kept as a bit (`RankScratch.usesTerms`); later ones are looked up. */
const TERM_BITS = 31;

/** A Dice this close to 1: the question's terms are those of one curated phrasing (rounding aside). */
const EXACT_DICE = 1 - 1e-9;

export interface Scored {
  doc: MatchDoc;
  score: number;
}

/**
 * Scores every document that shares a word with the question; returns the best first.
 * Score in 0..1: weighted share of the question explained, adjusted by how completely the
 * document's closest phrasing is asked, plus a small bonus for shared word pairs.
 */
export function rank(index: MatchIndex, queryTerms: readonly string[], limit = 5): Scored[] {
  // The distinct terms in order of first use: a question has a few, so no Set is made for them.
  const unique: string[] = [];
  for (const t of queryTerms) if (!unique.includes(t)) unique.push(t);
  if (!unique.length) return [];
  const chatty = unique.length >= MATCH_CONFIG.chattyTerms;
  const weights = unique.map((t) => termWeight(index, t, chatty));
  let total = 0;
  for (const w of weights) total += w;

  // The index's own scratch (match-index.ts), left zeroed by every call: a question then allocates only
  // its own few small arrays, not one slot per document and per term of the knowledge base.
  const scratch = index.scratch;
  const { coverage, extra, informative, fieldHead, fieldOf } = scratch;
  let touched = scratch.touched;
  let touchedCount = 0;
  let fieldNext = scratch.fieldNext;
  let fieldTerm = scratch.fieldTerm;
  let fieldCount = 0;
  for (let j = 0; j < unique.length; j++) {
    const term = unique[j] as string;
    const postings = index.postings.get(term);
    if (postings === undefined) continue;
    const w = weights[j] as number;
    // Per term, not per posting: "selenium" alone has a posting in every document.
    const counts = (index.idf.get(term) ?? 0) >= MATCH_CONFIG.informativeIdf && !index.lightTerms.has(term) ? 1 : 0;
    for (const p of postings) {
      if (coverage[p.doc] === 0) {
        if (touchedCount === touched.length) touched = scratch.touched = grown(touched);
        touched[touchedCount++] = p.doc;
      }
      informative[p.doc] = (informative[p.doc] as number) + counts;
      coverage[p.doc] = (coverage[p.doc] as number) + w * p.weight;
      extra[p.doc] = (extra[p.doc] as number) + w * p.extra;
      if (fieldCount === fieldNext.length) {
        fieldNext = scratch.fieldNext = grown(fieldNext);
        fieldTerm = scratch.fieldTerm = grown(fieldTerm);
      }
      fieldTerm[fieldCount] = j;
      fieldOf[fieldCount] = p.field;
      fieldNext[fieldCount] = fieldHead[p.doc] as number;
      fieldHead[p.doc] = fieldCount++;
    }
  }
  const shortlist = scratch.shortlist;
  const shortlisted = topByCoverage(touched, touchedCount, coverage, shortlist);

  const queryBigrams = bigramsOf(queryTerms, index.termIds);
  // Which index terms the question has, by number: the phrasing loop below is the hottest of a question.
  const asked = scratch.asked;
  // Each question term's weight in a phrasing (the same in every phrasing that uses it).
  const phrased = scratch.phrased;
  for (let j = 0; j < unique.length; j++) {
    const id = index.termIds.get(unique[j] as string);
    if (id !== undefined) asked[id] = 1;
    phrased[j] = id === undefined ? 0 : (index.phrasings.termWeights[id] as number);
  }
  // Per shortlisted document: its fields of the question's terms, and which of its phrasings use one.
  const found = scratch.found;
  // Phrasings are marked with a number no earlier document (of this call or any before) used.
  const { marks, hits, usesTerms } = scratch;
  const haveOf = scratch.have;
  const { first, usedBy, start, ids, weights: termWeights, totals } = index.phrasings;
  // The best `limit` documents so far, best first (rank key, then index): a document whose rank key cannot
  // reach the last of them is not scored (the shortlist comes best coverage first, so most of it is skipped).
  const top: { doc: IndexedDoc; score: number; rankKey: number; index: number }[] = [];
  for (let s = 0; s < shortlisted; s++) {
    const i = shortlist[s] as number;
    const doc = index.docs[i] as IndexedDoc;
    const evidence =
      (informative[i] as number) >= MATCH_CONFIG.evidenceTerms && (coverage[i] as number) >= MATCH_CONFIG.evidenceWeight
        ? MATCH_CONFIG.evidenceScore
        : 0;
    const tieBreak = (MATCH_CONFIG.tieBreakShare * (extra[i] as number)) / total;
    let shared = 0;
    for (const b of queryBigrams) if (doc.bigrams.has(b)) shared++;
    const sharedBigrams = queryBigrams.length ? shared / queryBigrams.length : 0;
    // The most any phrasing can have of the question: every question term some phrasing of it uses.
    let phrasable = 0;
    for (let f = fieldHead[i] as number; f !== -1; f = fieldNext[f] as number) {
      const field = fieldOf[f] as DocField;
      if (field.usedTo > field.usedFrom) phrasable += phrased[fieldTerm[f] as number] as number;
    }
    // At most: every matched word counted fully, and the closest Dice a phrasing could reach (a phrasing
    // has at most `phrasable` of the question and of itself, and 2h / (p + total) is largest at p = h).
    const closestDice = (2 * phrasable) / (phrasable + total);
    const bound =
      Math.min(1, Math.max((coverage[i] as number) / total + MATCH_CONFIG.bigramBonus * sharedBigrams, evidence)) +
      MATCH_CONFIG.closenessShare * closestDice +
      (closestDice >= EXACT_DICE ? MATCH_CONFIG.exactPhrasingBonus : 0) +
      tieBreak;
    if (top.length === limit && bound + BOUND_MARGIN < (top[limit - 1]?.rankKey as number)) continue;
    const mark = nextMark(scratch);
    const from = first[i] as number;
    for (let j = 0; j < unique.length; j++) found[j] = undefined;
    // Each phrasing using a term of the question is marked, with the weight of the terms it uses added up.
    for (let f = fieldHead[i] as number; f !== -1; f = fieldNext[f] as number) {
      const j = fieldTerm[f] as number;
      const field = fieldOf[f] as DocField;
      found[j] = field;
      const w = phrased[j] as number;
      const bit = j < TERM_BITS ? 1 << j : 0;
      for (let u = field.usedFrom; u < field.usedTo; u++) {
        const at = (usedBy[u] as number) - from;
        if (marks[at] === mark) {
          haveOf[at] = (haveOf[at] as number) + w;
          hits[at] = (hits[at] as number) + 1;
          usesTerms[at] = (usesTerms[at] as number) | bit;
        } else {
          marks[at] = mark;
          haveOf[at] = w;
          hits[at] = 1;
          usesTerms[at] = bit;
        }
      }
    }
    // The phrasing that explains most of the question is the one whose words count fully (coveredBy).
    // Only phrasings sharing a term with the question can change it, tested in order, as all used to be.
    let phrasingCoverage = 0;
    let closest = -1;
    let closestHave = 0;
    let closeness = 0;
    for (let p = from, to = first[i + 1] as number; p < to; p++) {
      const phrasingTotal = totals[p] as number;
      if (marks[p - from] !== mark || phrasingTotal <= 0) continue;
      // Two weights add up alike in either order; three or more are added in the phrasing's own order, so
      // near-ties between phrasings come out as they always did.
      let have = haveOf[p - from] as number;
      if ((hits[p - from] as number) > 2) {
        have = 0;
        for (let k = start[p] as number, end = start[p + 1] as number; k < end; k++)
          if (asked[ids[k] as number] === 1) have += termWeights[k] as number;
      }
      if (have > phrasingCoverage * phrasingTotal) phrasingCoverage = have / phrasingTotal;
      const dice = (2 * have) / (phrasingTotal + total);
      if (dice > closeness) closeness = dice;
      if (have > closestHave || (have === closestHave && closest >= 0 && phrasingTotal < (totals[closest] as number))) {
        closest = p;
        closestHave = have;
      }
    }
    const covered = coveredBy(
      index,
      found,
      unique.length,
      weights,
      closest,
      closest < 0 ? 0 : (usesTerms[closest - from] as number),
    );
    const share = MATCH_CONFIG.phrasingShare;
    const explained =
      (covered / total) * (1 - share + share * phrasingCoverage) + MATCH_CONFIG.bigramBonus * sharedBigrams;
    const score = Math.min(1, Math.max(explained, evidence));
    // Near-ties (common at 1 for short questions) go to the entry that has the words in more of its fields.
    let unnamed = doc.ownTerms.length > 0;
    for (let k = 0; k < doc.ownTerms.length && unnamed; k++) unnamed = !unique.includes(doc.ownTerms[k] as string);
    const rankKey =
      score +
      MATCH_CONFIG.closenessShare * closeness +
      (closeness >= EXACT_DICE ? MATCH_CONFIG.exactPhrasingBonus : 0) +
      tieBreak -
      (unnamed ? MATCH_CONFIG.unnamedPenalty : 0);
    // Kept in order of rank key, then index (earlier first on a tie), and only the best `limit` of them.
    let at = top.length;
    while (at > 0 && before(rankKey, i, top[at - 1] as { rankKey: number; index: number })) at--;
    if (at >= limit) continue;
    const entry = { doc, score, rankKey, index: i };
    if (top.length < limit) top.push(entry);
    for (let k = top.length - 1; k > at; k--) top[k] = top[k - 1] as typeof entry;
    top[at] = entry;
  }
  // The scratch is left as it was found: zero for every document and term this question touched.
  for (let t = 0; t < touchedCount; t++) {
    const d = touched[t] as number;
    coverage[d] = 0;
    extra[d] = 0;
    informative[d] = 0;
    fieldHead[d] = -1;
  }
  for (const term of unique) {
    const id = index.termIds.get(term);
    if (id !== undefined) asked[id] = 0;
  }
  return top.map(({ doc, score }) => ({ doc: doc.match, score }));
}

/** Whether a document of this rank key and index ranks before `other`. */
const before = (rankKey: number, index: number, other: { rankKey: number; index: number }): boolean =>
  rankKey > other.rankKey || (rankKey === other.rankKey && index < other.index);

/** A number no phrasing mark holds yet; the marks start afresh before the counter could overflow. */
function nextMark(scratch: RankScratch): number {
  if (scratch.mark >= 0x7fffffff) {
    scratch.marks.fill(0);
    scratch.mark = 0;
  }
  return ++scratch.mark;
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}

/**
 * The `into.length` touched documents of highest coverage into `into`, best first (ties: lower document
 * number first), without sorting them all; returns how many there are. At 10,000 entries a full sort of
 * every candidate costs more than scoring the few that matter.
 */
function topByCoverage(touched: Int32Array, count: number, coverage: Float64Array, into: Int32Array): number {
  const k = into.length;
  let size = 0;
  for (let t = 0; t < count; t++) {
    const item = touched[t] as number;
    if (size === k && !coveredMore(coverage, item, into[k - 1] as number)) continue;
    let at = size === k ? k - 1 : size++;
    while (at > 0 && coveredMore(coverage, item, into[at - 1] as number)) {
      into[at] = into[at - 1] as number;
      at--;
    }
    into[at] = item;
  }
  return size;
}

/** Whether document a comes before b in the shortlist: more coverage, then the lower number. */
const coveredMore = (coverage: Float64Array, a: number, b: number): boolean =>
  (coverage[a] as number) > (coverage[b] as number) || (coverage[a] === coverage[b] && a < b);

/**
 * The question's weight a document explains when its phrasings count one at a time: a word of the
 * closest phrasing counts fully, a word of its other phrasings only `otherPhrasingWeight`, and title,
 * keywords and quotes as always. A union of forty phrasings uses nearly every word of its topic's
 * neighbours, so counting them all fully would let every entry explain every short question.
 * `found`: the document's field of each distinct question term (the first `count`); `closest`: a phrasing's
 * number, or -1; `closestUses`: which of the first TERM_BITS question terms it uses, one bit each.
 */
function coveredBy(
  index: MatchIndex,
  found: readonly (DocField | undefined)[],
  count: number,
  weights: readonly number[],
  closest: number,
  closestUses: number,
): number {
  const { usedBy } = index.phrasings;
  let covered = 0;
  for (let j = 0; j < count; j++) {
    const field = found[j];
    if (field === undefined) continue;
    const incidental = field.incidental ? MATCH_CONFIG.incidentalWeight : 1;
    const inClosestPhrasing = j < TERM_BITS ? ((closestUses >>> j) & 1) === 1 : inClosest(usedBy, field, closest);
    const phrased =
      field.weight > field.fixed ? (inClosestPhrasing ? 1 : MATCH_CONFIG.otherPhrasingWeight) * incidental : 0;
    covered += (weights[j] as number) * Math.max(field.fixed, Math.min(field.weight, phrased));
  }
  return covered;
}

/** Whether the closest phrasing uses the field's term. */
function inClosest(usedBy: Int32Array, field: DocField, closest: number): boolean {
  for (let u = field.usedFrom; u < field.usedTo; u++) if (usedBy[u] === closest) return true;
  return false;
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

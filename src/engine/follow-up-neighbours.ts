import type { KnowledgeBase } from '../knowledge/types.js';
import { MATCH_CONFIG, type MatchIndex, rank } from './matcher.js';

// The knowledge graph a follow-up moves in. A follow-up with little subject of its own ("is that proven?",
// "which protein?", "why them?") is about the last topic or one next to it, so the topics are scored with the
// neighbourhood as a prior rather than picked by the first related link that has what the follow-up asks.
// Next to a topic: what it links to (`related`), what links to it, and what those link with; nearer still
// when it repeats one of the topic's quotes (the same claim, said with something else: the evidence for it,
// its plainer wording).

/** How near a topic sits to the last one; the higher, the likelier a follow-up moves there. */
export const NEIGHBOUR_PRIOR = {
  /** The last topic itself. */
  self: 1,
  /** A topic it links to (the curators drew the link from it). */
  linked: 0.5,
  /** A topic linking to it. */
  linking: 0.35,
  /** Added, for a topic near by its links, for each of the last topic's quotes it repeats: the same claim. */
  sharedQuote: 0.15,
  /** Two links away (either direction): reached only when nothing nearer has what is asked. */
  twoSteps: 0.1,
} as const;

/**
 * Weight of how well a topic fits the conversation's words (the matcher's 0..1 score), beside the prior:
 * enough to decide between neighbours equally near, too little to beat a nearer one by much.
 */
export const FIT_WEIGHT = 1;

/** Topics ranked for the conversation's words before the neighbourhood is scored. */
const FIT_CANDIDATES = 60;

export interface Neighbourhood {
  /** The topics `id` links to, in the curators' order. */
  links(id: string): readonly string[];
  /** The topics one link from `id`, either way, nearest first. */
  linked(id: string): string[];
  /** Every topic near `id` with its prior (NEIGHBOUR_PRIOR), the topic itself first, then nearest first. */
  around(id: string): ReadonlyMap<string, number>;
  /**
   * The topic near `last` that has what a follow-up asks (`has`), best scored: its prior plus FIT_WEIGHT
   * times how well it fits `terms` (the last question's with the follow-up's). `related`: topics the
   * caller counts as linked from it, beside the knowledge base's links. Beyond the neighbourhood, the best
   * ranked topic that has it. Null when none has it.
   */
  nearest(
    last: string,
    related: readonly string[],
    terms: readonly string[],
    has: (id: string) => boolean,
  ): string | null;
  /**
   * The topic near `last`, not itself, that a follow-up's own words fit so much better than the last topic
   * that they outweigh its prior ("which protein?" after covid: the topic about the virus protein). Only
   * words that tell topics apart count (not "help", not "selenium"); null when none does: the last topic.
   */
  toward(last: string, terms: readonly string[]): string | null;
}

export function createNeighbourhood(kb: KnowledgeBase, index: MatchIndex): Neighbourhood {
  const ids = kb.entries.map((e) => e.id);
  const linked = new Map(kb.entries.map((e) => [e.id, e.related]));
  const linking = new Map(ids.map((id) => [id, ids.filter((other) => linked.get(other)?.includes(id))]));
  const quotesOf = new Map(kb.entries.map((e) => [e.id, new Set(e.quotes.map((q) => q.text))]));
  const shared = (a: string, b: string): number => {
    const theirs = quotesOf.get(b) ?? new Set<string>();
    return [...(quotesOf.get(a) ?? [])].filter((q) => theirs.has(q)).length;
  };
  const stepsFrom = (id: string): string[] => [...(linked.get(id) ?? []), ...(linking.get(id) ?? [])];

  const build = (id: string): Map<string, number> => {
    const prior = new Map<string, number>([[id, NEIGHBOUR_PRIOR.self]]);
    const raise = (other: string, p: number) => {
      if (other !== id) prior.set(other, Math.max(prior.get(other) ?? 0, p));
    };
    // Nearest first, so ties keep the curators' order of the links.
    for (const other of linked.get(id) ?? []) raise(other, NEIGHBOUR_PRIOR.linked);
    for (const other of linking.get(id) ?? []) raise(other, NEIGHBOUR_PRIOR.linking);
    for (const other of stepsFrom(id)) for (const further of stepsFrom(other)) raise(further, NEIGHBOUR_PRIOR.twoSteps);
    // Only the links make a topic near: two topics quoting one sentence may still be about different things.
    for (const [other, p] of prior) {
      const n = other === id ? 0 : shared(id, other);
      if (n > 0) prior.set(other, p + n * NEIGHBOUR_PRIOR.sharedQuote);
    }
    return new Map([...prior].sort((a, b) => b[1] - a[1]));
  };
  // Built once: the knowledge base is small and every follow-up reads one of them.
  const all = new Map(ids.map((id) => [id, build(id)]));

  return {
    links: (id) => linked.get(id) ?? [],
    linked: (id) =>
      [...(all.get(id) ?? [])].filter(([other, p]) => other !== id && p >= NEIGHBOUR_PRIOR.linking).map(([o]) => o),
    around: (id) => all.get(id) ?? new Map([[id, NEIGHBOUR_PRIOR.self]]),
    nearest(last, related, terms, has) {
      const near = new Map(all.get(last) ?? [[last, NEIGHBOUR_PRIOR.self]]);
      for (const id of related) if (id !== last) near.set(id, Math.max(near.get(id) ?? 0, NEIGHBOUR_PRIOR.linked));
      const ranked = terms.length ? rank(index, terms, FIT_CANDIDATES) : [];
      const fit = new Map(ranked.map((r) => [r.doc.id, r.score]));
      // Every ranked topic is a candidate too (no prior): a neighbour fitting poorly loses to one that fits well.
      for (const r of ranked) if (!near.has(r.doc.id)) near.set(r.doc.id, 0);
      let best: string | null = null;
      let bestScore = -1;
      for (const [id, prior] of near) {
        if (!has(id)) continue;
        const score = prior + FIT_WEIGHT * (fit.get(id) ?? 0);
        if (score > bestScore) {
          best = id;
          bestScore = score;
        }
      }
      return best;
    },
    toward(last, terms) {
      const near = all.get(last);
      const telling = terms.filter(
        (t) => (index.idf.get(t) ?? 0) >= MATCH_CONFIG.informativeIdf && !index.lightTerms.has(t),
      );
      if (!near || !telling.length) return null;
      const id = this.nearest(last, [], telling, (other) => near.has(other));
      return id === last ? null : id;
    },
  };
}

import type { EngineContext } from './context.js';
import { createNeighbourhood, type Neighbourhood } from './follow-up-neighbours.js';
import { analyse, normaliseText } from './normalise.js';

// "Is that proven or just a theory?", "is that true?": a member doubting the last answer wants the sentence
// that reports the evidence for its claim. Research named ("Research studies have shown ...", "clinical
// research") first, then a bare report ("It has also been found that ..."): a product "found to be helpful"
// is the article's promotion, not research, and is only reached when nothing names research. The last
// topic's own when it has one about the words asked, else the nearest topic's around it (never one far
// from the conversation); without one, the last answer stands.

/** Phrases (normalised) with which the article reports evidence rather than claims. */
export const EVIDENCE_PHRASES: readonly string[] = [
  'been shown',
  'been found',
  'have shown',
  'has shown',
  'have revealed',
  'has revealed',
  'has highlighted',
  'have highlighted',
  'been linked',
  'is associated',
  'are associated',
  'been demonstrated',
  'research studies',
  'clinical research',
  'studies show',
];

/** Words with which a member doubts the last answer ("is that proven", "fact or myth?", "is it true"). */
export const DOUBT_WORDS: ReadonlySet<string> = new Set(
  'proven prove true theory theories myth myths fact facts legit hypothesis backed scientific scientifically'.split(
    ' ',
  ),
);

/** Words with which a sentence names the research it reports (normalised). */
export const RESEARCH_WORDS: ReadonlySet<string> = new Set(
  'research researchers study studies trial trials clinical scientists review reviews'.split(' '),
);

/** Whether a sentence reports evidence and names the research behind it. */
export const namesResearch = (text: string): boolean =>
  reportsEvidence(text) &&
  normaliseText(text)
    .split(/\s+/)
    .some((w) => RESEARCH_WORDS.has(w));

/** Whether a sentence reports evidence. */
export const reportsEvidence = (text: string): boolean => {
  const padded = ` ${normaliseText(text)} `;
  return EVIDENCE_PHRASES.some((p) => padded.includes(` ${p} `));
};

export interface Evidence {
  /**
   * The topic nearest `last` with a quote reporting evidence about one of the asked terms (the last
   * question's own), or null when none has one.
   */
  choose(last: string, related: readonly string[], asked: readonly string[]): string | null;
  /**
   * "what did they find" after a question naming no subject of its own ("does the article cite research"):
   * the topic nearest `last`, not itself, with a sentence naming research and what it reported; null for none.
   */
  findings(last: string, related: readonly string[]): string | null;
}

export function createEvidence(
  ctx: EngineContext,
  neighbours: Neighbourhood = createNeighbourhood(ctx.kb, ctx.index),
): Evidence {
  // Per topic, the terms of its quotes that report evidence, and of those that name research.
  const termsOf = (keep: (text: string) => boolean) =>
    new Map(
      ctx.kb.entries.map((e) => {
        const terms = new Set<string>();
        for (const q of e.quotes.filter((x) => keep(x.text))) {
          const read = analyse(q.text, ctx.lexicon, undefined, ctx.stemOf);
          for (const t of [...read.terms, ...read.stems]) terms.add(t);
        }
        return [e.id, terms] as const;
      }),
    );
  const research = termsOf(namesResearch);
  const quotesOf = new Map(ctx.kb.entries.map((e) => [e.id, new Set(e.quotes.map((q) => q.text))]));
  const reported = termsOf(reportsEvidence);
  return {
    choose(last, related, asked) {
      if (!asked.length) return null;
      const near = neighbours.around(last);
      const about = (terms: Map<string, Set<string>>) => (id: string) =>
        (near.has(id) || related.includes(id)) && asked.some((t) => terms.get(id)?.has(t) ?? false);
      // The last topic's own report first, however it words it: the evidence for the claim just read.
      if (about(reported)(last)) return last;
      return (
        neighbours.nearest(last, related, asked, about(research)) ??
        neighbours.nearest(last, related, asked, about(reported))
      );
    },
    findings(last, related) {
      // A finding not read yet: a sentence of the last answer, quoted again elsewhere, tells nothing new.
      const read = quotesOf.get(last) ?? new Set<string>();
      const fresh = (id: string) => [...(quotesOf.get(id) ?? [])].some((q) => namesResearch(q) && !read.has(q));
      return neighbours.nearest(last, related, [], (id) => id !== last && fresh(id));
    },
  };
}

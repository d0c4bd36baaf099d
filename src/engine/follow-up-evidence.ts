import type { EngineContext } from './context.js';
import { createNeighbourhood, type Neighbourhood } from './follow-up-neighbours.js';
import { analyse, normaliseText } from './normalise.js';

// "Is that proven or just a theory?", "is that true?": a member doubting the last answer wants the sentence
// that reports the evidence for its claim ("It has also been found that ..."). The last topic's own when it
// has one about the words asked, else the nearest related topic's; without one, the last answer stands.

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
}

export function createEvidence(
  ctx: EngineContext,
  neighbours: Neighbourhood = createNeighbourhood(ctx.kb, ctx.index),
): Evidence {
  // Per topic, the terms of its quotes that report evidence.
  const reported = new Map(
    ctx.kb.entries.map((e) => {
      const terms = new Set<string>();
      for (const q of e.quotes.filter((x) => reportsEvidence(x.text))) {
        const read = analyse(q.text, ctx.lexicon, undefined, ctx.stemOf);
        for (const t of [...read.terms, ...read.stems]) terms.add(t);
      }
      return [e.id, terms] as const;
    }),
  );
  return {
    choose: (last, related, asked) =>
      asked.length
        ? neighbours.nearest(last, related, asked, (id) => asked.some((t) => reported.get(id)?.has(t) ?? false))
        : null,
  };
}

import type { EngineContext } from './context.js';
import { createNeighbourhood, type Neighbourhood } from './follow-up-neighbours.js';
import { normaliseText } from './normalise.js';

// "So what should I do then?", "any advice?": a follow-up asking what to do wants the article's own
// recommendation ("it is important to ensure your body receives an adequate supply..."), the one nearest
// the last topic. Read from the quotes once: which topics quote a recommendation.

/** Phrases (normalised) with which the article recommends something to its reader. */
export const ADVICE_PHRASES: readonly string[] = [
  'important to',
  'make sure',
  'ensure your',
  'you should',
  'we should',
  'is recommended',
  'are recommended',
  'we recommend',
  'advised to',
  'it is best to',
];

/** Words with which a member asks what to do: "what should I do", "any advice", "what do you recommend". */
export const ADVICE_WORDS: ReadonlySet<string> = new Set(
  'should advice advise recommend recommendation recommendations suggest suggestion tips'.split(' '),
);

/** Whether a sentence recommends something to its reader. */
export const recommends = (text: string): boolean => {
  const padded = ` ${normaliseText(text)} `;
  return ADVICE_PHRASES.some((p) => padded.includes(` ${p} `));
};

export interface Advice {
  /** The topic nearest `last` that quotes a recommendation (see follow-up-neighbours.ts), else the first that does, else null. */
  choose(last: string, related: readonly string[], asked: readonly string[]): string | null;
}

export function createAdvice(
  ctx: EngineContext,
  neighbours: Neighbourhood = createNeighbourhood(ctx.kb, ctx.index),
): Advice {
  const advising = new Set(ctx.kb.entries.filter((e) => e.quotes.some((q) => recommends(q.text))).map((e) => e.id));
  // Without one near, the knowledge base's first: what the article recommends at all.
  const first = ctx.kb.entries.find((e) => advising.has(e.id))?.id ?? null;
  return {
    choose: (last, related, asked) => neighbours.nearest(last, related, asked, (id) => advising.has(id)) ?? first,
  };
}

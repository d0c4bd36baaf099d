import type { EngineContext } from './context.js';
import { createNeighbourhood, type Neighbourhood } from './follow-up-neighbours.js';
import { analyse, normaliseText } from './normalise.js';

// "Why?" and "how?" after an answer: which topic explains it. The last topic when one of its own quotes
// already links the words the member asked about ("does low selenium cause cancer" -> "a low level of
// selenium ... which, in turn, can make a person prone to ... cancer"); else the topic near it that explains
// how or why (follow-up-neighbours.ts: the curators' links first, the follow-up's own words deciding between
// them), and none near: the last topic again.

/**
 * Words that join a cause to its effect inside one sentence (normalised). A quote with the last question's
 * words on both sides of one of them is the explanation itself.
 */
export const CAUSAL_LINKS: readonly string[] = [
  'in turn',
  'thereby',
  'because',
  'due to',
  'leads to',
  'leading to',
  'resulting in',
  'which makes',
  'makes it',
  'through its',
];

const HOW_VERBS = new Set('does do did can could may might would is are'.split(' '));

/** "how does selenium stop viruses", "why do we need selenium": a phrasing that asks for a mechanism. */
export function asksHowOrWhy(question: string): boolean {
  const [first, second] = question.toLowerCase().split(/\s+/);
  return first === 'why' || (first === 'how' && HOW_VERBS.has(second ?? ''));
}

export interface Explainer {
  /**
   * The id of the topic explaining `last` (an entry id), or null to answer the last topic again.
   * `asked`: the last question's own terms (topic words, none of the follow-up's), which a quote of the
   * last topic may link; `adds`: the follow-up's, which choose among the explainers near it. `deeper`
   * ("how, chemically?"): past a last topic that explains itself, to the explainer next to it.
   */
  explain(
    last: string,
    asked: readonly string[],
    adds: readonly string[],
    seen: ReadonlySet<string | null>,
    deeper?: boolean,
  ): string | null;
}

/**
 * `explainers`: topics one of whose phrasings asks how or why. Built once per engine: each quote is read
 * as the terms before and after its first causal link.
 */
export function createExplainer(
  ctx: EngineContext,
  explainers: ReadonlySet<string>,
  neighbours: Neighbourhood = createNeighbourhood(ctx.kb, ctx.index),
): Explainer {
  const termsOf = (text: string): Set<string> => {
    const read = analyse(text, ctx.lexicon, undefined, ctx.stemOf);
    return new Set([...read.terms, ...read.stems]);
  };
  const chains = new Map(
    ctx.kb.entries.map((e) => [e.id, e.quotes.map((q) => causalSides(q.text)).filter((s) => s !== null)] as const),
  );
  const sides = new Map(
    [...chains].map(([id, list]) => [id, list.map(([cause, effect]) => [termsOf(cause), termsOf(effect)] as const)]),
  );

  /** One of the topic's quotes names one asked word before its causal link and another after it. */
  const linksItself = (id: string, asked: readonly string[]): boolean =>
    (sides.get(id) ?? []).some(([cause, effect]) =>
      asked.some((a) => cause.has(a) && asked.some((b) => b !== a && effect.has(b))),
    );

  return {
    explain(last, asked, adds, seen, deeper = false) {
      if (!deeper && (explainers.has(last) || linksItself(last, asked))) return null;
      // The explaining topic near the last one that fits the last question with the follow-up's words best
      // (see follow-up-neighbours.ts); none near: the last topic again, rather than a far one.
      const explains = (id: string) => id !== last && explainers.has(id) && !seen.has(id);
      const id = neighbours.nearest(last, [], adds, explains);
      return id !== null && neighbours.around(last).has(id) ? id : null;
    },
  };
}

/** A quote split at its first causal link: the cause's text and the effect's, or null without one. */
export function causalSides(quote: string): [string, string] | null {
  const text = ` ${normaliseText(quote)} `;
  let at = -1;
  let link = '';
  for (const l of CAUSAL_LINKS) {
    const i = text.indexOf(` ${l} `);
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      link = l;
    }
  }
  return at < 0 ? null : [text.slice(0, at).trim(), text.slice(at + link.length + 2).trim()];
}

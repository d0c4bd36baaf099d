import type { EngineContext } from './context.js';
import { rank, type Scored } from './matcher.js';
import { analyse, type Normalise, normaliseText } from './normalise.js';
import { quotedFromArticle } from './quoted.js';
import { askingParts } from './understand.js';
import { MAX_SUGGESTIONS } from './vocabulary.js';

// The match stage: the knowledge base's topics ranked for a question, focused on the part that asks.

/** `normalise`: the ask's memo (ask-memo.ts), so the question's parts are analysed once per ask. */
export type Ranker = (question: string, terms: readonly string[], normalise?: Normalise) => Scored[];

/**
 * Ranks the whole question and, for each part of it that asks something, that part plus the words of
 * the rest that name a topic somewhere in the knowledge base, keeping the best. "I'm immunocompromised,
 * would selenium help?" keeps its first clause; "I read the article yesterday and I'm confused, what
 * role does ..." loses "yesterday" and "confused". Off-topic checks still see the whole message.
 */
export function createRanker(ctx: EngineContext): Ranker {
  const { index, lexicon, correct, stemOf } = ctx;
  // Each topic's quotes normalised and padded once, for finding which topic says a quoted phrase.
  const quotesOf = new Map<string, string[]>();
  for (const d of ctx.docInputs)
    quotesOf.set(d.id, [...(quotesOf.get(d.id) ?? []), ...d.quotes.map((q) => ` ${normaliseText(q)} `)]);
  // What a member calls the article: light words, but a question that names only it is about it.
  const articleTerms = new Set(analyse('article', lexicon).terms);
  return (question, terms, normalise = normaliseText) => {
    let best = rank(index, terms, MAX_SUGGESTIONS + 1);
    // A phrase quoted from the article ("what does 'abolish the infectivity' mean") names its topic exactly.
    for (const phrase of quotedFromArticle(question, ctx.articleText)) {
      const ranked = quotingFirst(
        rank(index, analyse(phrase, lexicon, correct, stemOf, normalise).terms, MAX_SUGGESTIONS + 1),
        quotesOf,
        phrase,
      );
      if ((ranked[0]?.score ?? 0) >= (best[0]?.score ?? 0)) best = ranked;
    }
    // Two asking parts often leave the same terms ("..., what does it say? does it help?"): ranked once.
    const focusedBefore: string[] = [];
    for (const text of askingParts(question, normalise)) {
      const part = new Set(analyse(text, lexicon, correct, stemOf, normalise).terms);
      // "Is there anything to it?" names nothing: the topic is elsewhere, so the whole decides. "What is this
      // article about" names the article, a topic of its own.
      if ([...part].every((t) => index.lightTerms.has(t) && !articleTerms.has(t))) continue;
      const focused = terms.filter((t) => part.has(t) || index.topicTerms.has(t));
      if (focused.length === terms.length || !focused.length) continue;
      const key = focused.join(' ');
      if (focusedBefore.includes(key)) continue;
      focusedBefore.push(key);
      const ranked = rank(index, focused, MAX_SUGGESTIONS + 1);
      if ((ranked[0]?.score ?? 0) > (best[0]?.score ?? 0)) best = ranked;
    }
    return best;
  };
}

/**
 * Ranked topics with the one whose own quotes say the quoted phrase first: "'abolish the infectivity'"
 * names one passage, while its words alone ("reduce", "infection") fit many topics equally well.
 */
function quotingFirst(ranked: Scored[], quotesOf: ReadonlyMap<string, readonly string[]>, phrase: string): Scored[] {
  const at = ranked.findIndex(({ doc }) => quotesOf.get(doc.id)?.some((q) => q.includes(` ${phrase} `)) === true);
  if (at <= 0) return ranked;
  const quoting = ranked[at] as Scored;
  return [{ ...quoting, score: Math.max(quoting.score, ranked[0]?.score ?? 0) }, ...ranked.filter((_, i) => i !== at)];
}

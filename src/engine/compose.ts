import { normaliseWhitespace } from '../knowledge/types.js';
import { createEntryAnswerer, quoteCitation, refusal, relatedAnswer } from './answer.js';
import { COMMON_ENGLISH } from './common-english.js';
import type { EngineContext } from './context.js';
import type { Scored } from './matcher.js';
import { mentionQuestion } from './mentions.js';
import { type Analysed, analyse, analyseStems, LIGHT_WORDS, STOPWORDS } from './normalise.js';
import { ANSWER_THRESHOLD } from './scope.js';
import type { Answer, AnswerPart, Suggestion, Topic } from './types.js';
import { MAX_SUGGESTIONS } from './vocabulary.js';

// The compose stage: a ranked topic (or a refusal) turned into the Answer model, with its suggestions.

/** Closest topics at or above this are offered as "did you mean" suggestions when refusing. */
export const SUGGESTION_FLOOR = 0.2;

/**
 * A runner-up topic scoring at least this share of the best one is about as likely to be what was asked
 * ("does low selenium mess with your white blood cells" sits between deficiency and immune cells): its quote
 * saying most of the question (its first on a tie) joins the answer, so the member gets the passage they
 * meant either way.
 */
export const CLOSE_RUNNER_UP = 0.85;

/**
 * A word of the question that at most this many of the knowledge base's quotes use is specific: when the
 * answer's quotes never say it ("what does it say about pathogens" answered from the germs topic), the
 * quote that does joins the answer, since the member asked about that word.
 */
export const OWN_WORD_MAX_QUOTES = 3;
/** Shorter words are everyday words however rarely the article uses them ("low", "link", "affect"). */
export const OWN_WORD_MIN_LETTERS = 7;
/** Letters that make a word's family ("bacteri" for bacteria and bacterial). */
export const OWN_WORD_FAMILY_LETTERS = 7;

/** One question of a message, decided: what was asked, the answer, its heading, off-topic names. */
export interface Reply {
  asked: string;
  answer: Answer;
  heading: string;
  /** What the question names that the article does not cover, as typed ("zinc"). */
  offTopic: string[];
}

export interface Composer {
  /** One reply for several answered questions (at least two different answers), or null. */
  combine(replies: readonly Reply[]): Answer | null;
  /**
   * A question setting something the article does not cover beside selenium, decided without it: the answer
   * about selenium, saying the article cannot make the comparison; a refusal naming it when nothing is left.
   */
  comparedWith(decided: Reply, name: string): Reply;
  /** The one answered question's answer, with what the other questions asked named as not covered. */
  withNotes(answered: Reply, replies: readonly Reply[]): Answer;
  topics(): Topic[];
  /** The first topics of the knowledge base, for a message that names none. */
  generalSuggestions(): Suggestion[];
  refuse(ranked: readonly Scored[]): Answer;
  /**
   * The answer from the best-ranked entry or related link, with the runners-up as suggestions. `asked`:
   * the question, when the quote saying a specific word of it should join the answer (see ownWords).
   */
  fromBest(ranked: readonly Scored[], wantsSafety: boolean, asked?: Analysed): Answer;
}

/**
 * `ask` is the engine's own: a suggestion's question is one that, asked, leads back to its topic, so
 * finding it means asking.
 */
export function createComposer(ctx: EngineContext, ask: (question: string) => Answer): Composer {
  const { kb, docInputs } = ctx;
  const entryAnswer = createEntryAnswerer(kb);
  const entriesById = new Map(kb.entries.map((e) => [e.id, e]));
  const relatedById = new Map(kb.related.map((l) => [l.id, l]));
  const topicList: Topic[] = docInputs.map((d) => ({ id: d.id, title: d.title, question: d.question, kind: d.kind }));
  // Each entry's related topics, in its own order: looked up once, not in the whole list on every answer.
  const relatedTopics = new Map(
    kb.entries.map((e) => [e.id, e.related.flatMap((id) => topicList.filter((t) => t.id === id))] as const),
  );
  const phrasingsById = new Map(docInputs.map((d) => [d.id, [d.question, ...d.questions]]));
  // A "did you mean" button asks a topic's question, so that question must lead back to the topic: the
  // first phrasing that does (a food-shaped one like "how much selenium is in milk" goes to the food
  // table). Found on first use and remembered: per engine, deterministic, at most one per topic.
  const representative = new Map<string, string>();
  let resolving = false;
  const questionFor = (id: string, fallback: string): string => {
    const known = representative.get(id);
    if (known !== undefined) return known;
    // Asking a candidate may build suggestions of its own; those use the first phrasing, not this search.
    if (resolving) return fallback;
    resolving = true;
    try {
      const chosen = (phrasingsById.get(id) ?? []).find((q) => ask(q).matchId === id) ?? fallback;
      representative.set(id, chosen);
      return chosen;
    } finally {
      resolving = false;
    }
  };
  const toSuggestion = (t: { id: string; title: string; question: string }): Suggestion => ({
    id: t.id,
    title: t.title,
    question: questionFor(t.id, t.question),
  });
  // A function, not a shared array: every answer gets its own objects, whatever an adapter does with them.
  const generalSuggestions = () => topicList.slice(0, MAX_SUGGESTIONS).map(toSuggestion);

  const refuse = (ranked: readonly Scored[]): Answer => {
    const close = ranked.filter((r) => r.score >= SUGGESTION_FLOOR).slice(0, MAX_SUGGESTIONS);
    // A refusal never reports a confidence at or above the threshold (off-topic hits can score high).
    const confidence = Math.min(ranked[0]?.score ?? 0, ANSWER_THRESHOLD - 0.01);
    return refusal(confidence, close.length ? close.map((r) => toSuggestion(r.doc)) : generalSuggestions());
  };

  const ownWords = createOwnWords(ctx);
  const { seleniumTerms } = ctx;
  // A quote's terms, worked out once per quote (the knowledge base's quotes are a fixed, small set).
  const termsOfQuote = new Map<string, ReadonlySet<string>>();
  const quoteTerms = (quote: string): ReadonlySet<string> => {
    let terms = termsOfQuote.get(quote);
    if (!terms) {
      terms = new Set(analyse(quote, ctx.lexicon, undefined, ctx.stemOf).terms);
      termsOfQuote.set(quote, terms);
    }
    return terms;
  };
  /** Of the quotes, the one saying most of the question's terms (the first on a tie). */
  const closestQuote = <T extends { quote: string }>(quotes: readonly T[], asked: Analysed): T | undefined => {
    // Selenium and topic-neutral words say nothing of which passage was meant.
    const terms = new Set(asked.terms.filter((t) => !ctx.index.lightTerms.has(t) && !seleniumTerms.has(t)));
    let best: T | undefined;
    let bestSaid = -1;
    for (const q of quotes) {
      let said = 0;
      for (const t of quoteTerms(q.quote)) if (terms.has(t)) said += ctx.index.idf.get(t) ?? 0;
      if (said > bestSaid) [best, bestSaid] = [q, said];
    }
    return best;
  };

  function fromBest(ranked: readonly Scored[], wantsSafety: boolean, asked?: Analysed): Answer {
    const best = ranked[0];
    if (!best) return refuse(ranked);
    const others = ranked.slice(1).filter((r) => r.score >= SUGGESTION_FLOOR);
    if (best.doc.kind === 'related') {
      const link = relatedById.get(best.doc.id);
      if (link)
        return relatedAnswer(kb, link, {
          confidence: best.score,
          suggestions: others.map((r) => toSuggestion(r.doc)),
          // The link is not about selenium: selenium's upper limit answers nothing it was asked for.
          safety: false,
        });
    }
    const entry = entriesById.get(best.doc.id);
    if (!entry) return refuse(ranked);
    const related = (relatedTopics.get(entry.id) ?? []).map(toSuggestion);
    const answer = entryAnswer(entry, {
      confidence: best.score,
      suggestions: (related.length ? related : others.map((r) => toSuggestion(r.doc))).slice(0, MAX_SUGGESTIONS),
      safety: wantsSafety,
    });
    const closer = withCloseRunnerUp(answer, best, others[0], asked);
    return asked ? askedNoteFirst(ownWords(closer, asked), asked) : closer;
  }

  /** "What does adaptive mean?": the glossary note of the term asked about first, before the others shown. */
  function askedNoteFirst(answer: Answer, asked: Analysed): Answer {
    const notes = answer.glossary;
    if (!notes || notes.length < 2) return answer;
    const stems = new Set(asked.stems);
    const names = (term: string): boolean => analyseStems(term, ctx.stemOf).some((t) => stems.has(t));
    const first = notes.filter((g) => names(g.term));
    if (!first.length || first.length === notes.length) return answer;
    return { ...answer, glossary: [...first, ...notes.filter((g) => !names(g.term))] };
  }

  /** The answer with the first quote of a runner-up that scored nearly as well, when it adds a new passage. */
  function withCloseRunnerUp(answer: Answer, best: Scored, second: Scored | undefined, asked?: Analysed): Answer {
    if (!second || second.doc.kind === 'related' || second.score < best.score * CLOSE_RUNNER_UP) return answer;
    const entry = entriesById.get(second.doc.id);
    // Its passage the answer does not already quote (topics that share their opening quote still differ)
    // that says most of what was asked, else its first.
    const fresh = entry
      ? entryAnswer(entry, { confidence: 0, suggestions: [], safety: false }).citations.filter(
          (q) => !answer.citations.some((c) => c.quote === q.quote),
        )
      : [];
    const quote = asked ? closestQuote(fresh, asked) : fresh[0];
    if (!quote) return answer;
    return {
      ...answer,
      text: `${answer.text} It also says: “${quote.quote}”`,
      citations: [...answer.citations, quote],
    };
  }

  return {
    comparedWith: (decided, name) => {
      if (!decided.answer.answered) return { ...decided, offTopic: [name] };
      const note = `The article doesn't cover ${name}, so it cannot say how ${name} compares with selenium.`;
      return { ...decided, answer: { ...decided.answer, text: `${decided.answer.text}\n\n${note}` } };
    },
    combine: (replies) => combine(replies),
    withNotes: (answered, replies) => {
      const notes = notCovered(replies);
      return notes ? { ...answered.answer, text: `${answered.answer.text}\n\n${notes}` } : answered.answer;
    },
    topics: () => topicList.map((t) => ({ ...t, question: questionFor(t.id, t.question) })),
    generalSuggestions,
    refuse,
    fromBest,
  };
}

interface KnownQuote {
  text: string;
  section: string;
  /** Word families (see family) of its content words, and the words themselves. */
  families: ReadonlySet<string>;
  words: ReadonlySet<string>;
}

/**
 * "Does it mention oxidation?": whether the article says that very word. A relative of it ("oxidative",
 * one family) is what made a topic win, not what was asked, so the quote saying the word itself joins.
 */
const asksIfMentioned = (words: readonly string[]): boolean => mentionQuestion(words.join(' '), true) !== null;

/**
 * A word's family: its first letters, so "bacteria" and "bacterial", "immunological" and "immunology",
 * "nutrient" and "nutrients" are one word, whatever the stemmer makes of them.
 */
const family = (word: string): string => word.slice(0, OWN_WORD_FAMILY_LETTERS);

/**
 * The answer with the article's quote that says a specific word of the question its quotes never say:
 * "what does the article say about pathogens" is answered from the germs topic, whose quotes say
 * "microorganisms"; the one sentence that says "pathogens" joins it. Words as typed (after typo repair),
 * not synonyms: a synonym is what made the topic win, the member's own word is what they asked about.
 * Specific: a long word (OWN_WORD_MIN_LETTERS) that is not everyday English and that few quotes use; among
 * the quotes that say one, the one sharing most of the question's words; at most one is added, never a
 * related article's title (the article links those, it does not say them).
 */
function createOwnWords(ctx: EngineContext): (answer: Answer, asked: Analysed) => Answer {
  const { kb } = ctx;
  const sections = new Map(kb.article.resolvedSections.map((s) => [s.id, s.title]));
  const linkTitles = new Set(kb.related.map((l) => l.title));
  // By the text a citation carries (white space normalised), so an answer's quotes are looked up, not analysed.
  const quotes = new Map<string, KnownQuote>();
  for (const entry of kb.entries)
    for (const q of entry.quotes)
      if (!quotes.has(normaliseWhitespace(q.text)) && !linkTitles.has(q.text))
        quotes.set(normaliseWhitespace(q.text), {
          text: q.text,
          section: sections.get(q.section) ?? q.section,
          families: familiesOf(q.text),
          words: contentWordsOf(q.text),
        });
  const familyCount = new Map<string, number>();
  const wordCount = new Map<string, number>();
  for (const q of quotes.values()) {
    for (const f of q.families) familyCount.set(f, (familyCount.get(f) ?? 0) + 1);
    for (const w of q.words) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
  }

  return (answer, asked) => {
    if (!answer.answered || answer.route !== 'entry') return answer;
    // Word families, or for a mention question the words themselves.
    const literal = asksIfMentioned(asked.original);
    const keyOf = literal ? (w: string) => w : family;
    const count = literal ? wordCount : familyCount;
    const keysOf = (q: KnownQuote) => (literal ? q.words : q.families);
    const specific = (word: string): boolean => {
      const n = count.get(keyOf(word)) ?? 0;
      return word.length >= OWN_WORD_MIN_LETTERS && !EVERYDAY.has(word) && n > 0 && n <= OWN_WORD_MAX_QUOTES;
    };
    const askedKeys = new Set(asked.words.filter(isContent).map(keyOf));
    const said = answer.citations.map((c) => {
      const known = quotes.get(c.quote);
      if (known) return keysOf(known);
      return literal ? contentWordsOf(c.quote) : familiesOf(c.quote);
    });
    const unsaid = asked.words
      .filter((w) => isContent(w) && specific(w) && !said.some((q) => q.has(keyOf(w))))
      .map(keyOf);
    if (!unsaid.length) return answer;
    let best: KnownQuote | undefined;
    let bestShared = 0;
    for (const q of quotes.values()) {
      const keys = keysOf(q);
      if (!unsaid.some((f) => keys.has(f))) continue;
      let shared = 0;
      for (const f of askedKeys) if (keys.has(f)) shared++;
      if (shared > bestShared) [best, bestShared] = [q, shared];
    }
    // None of the answer's quotes says the word, so the quote found is never one of them.
    if (!best) return answer;
    const citation = quoteCitation(kb, best.text, best.section);
    return {
      ...answer,
      text: `${answer.text} It also says: “${citation.quote}”`,
      citations: [...answer.citations, citation],
    };
  };
}

const EVERYDAY: ReadonlySet<string> = new Set(COMMON_ENGLISH.split(/\s+/));

function isContent(word: string): boolean {
  return !STOPWORDS.has(word) && !LIGHT_WORDS.has(word) && !/\d/.test(word);
}

function contentWordsOf(text: string): Set<string> {
  return new Set(analyseStems(text, (w) => w).filter(isContent));
}

function familiesOf(text: string): Set<string> {
  return new Set(
    analyseStems(text, (w) => w)
      .filter(isContent)
      .map(family),
  );
}

/** "The article doesn't cover zinc." for each refused question: by what it names, or by what it asked. */
export function notCovered(replies: readonly Reply[]): string {
  const refused = replies.filter((r) => !r.answer.answered);
  const named = [...new Set(refused.flatMap((r) => r.offTopic))];
  const unnamed = refused.filter((r) => !r.offTopic.length).map((r) => `“${r.asked}”`);
  const lines: string[] = [];
  if (named.length) lines.push(`The article doesn't cover ${listOf(named)}.`);
  if (unnamed.length) lines.push(`I couldn't find an answer in the article to ${listOf(unnamed)}.`);
  return lines.join(' ');
}

const listOf = (items: readonly string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * Several answered questions as one reply: each a part with its heading; the top level has the parts'
 * text under their headings, every citation and research note once, the safety line if any part has it.
 */
function combine(replies: readonly Reply[]): Answer | null {
  const seen = new Set<string>();
  const parts: AnswerPart[] = [];
  for (const r of replies) {
    const key = r.answer.matchId ?? r.answer.text;
    if (!r.answer.answered || seen.has(key)) continue;
    seen.add(key);
    const { parts: _nested, ...answer } = r.answer;
    parts.push({ ...answer, heading: r.heading || r.asked, asked: r.asked });
  }
  if (parts.length < 2) return null;
  const first = parts[0] as AnswerPart;
  const notes = notCovered(replies);
  const text = [...parts.map((p) => `${p.heading}: ${p.text}`), ...(notes ? [notes] : [])].join('\n\n');
  const unique = <T>(items: T[], key: (t: T) => string): T[] => {
    const keys = new Set<string>();
    return items.filter((t) => !keys.has(key(t)) && keys.add(key(t)));
  };
  const answeredIds = new Set(parts.map((p) => p.matchId));
  return {
    answered: true,
    confidence: Math.min(...parts.map((p) => p.confidence)),
    text,
    citations: unique(
      parts.flatMap((p) => p.citations.map((c) => ({ ...c }))),
      (c) => c.quote,
    ),
    suggestions: unique(
      parts.flatMap((p) => p.suggestions).filter((s) => !answeredIds.has(s.id)),
      (s) => s.id,
    ).slice(0, MAX_SUGGESTIONS),
    disclaimer: first.disclaimer,
    route: first.route,
    matchId: first.matchId,
    safety: parts.find((p) => p.safety !== null)?.safety ?? null,
    evidence: unique(
      parts.flatMap((p) => p.evidence.map((e) => ({ ...e }))),
      (e) => e.text,
    ),
    glossary: unique(
      parts.flatMap((p) => (p.glossary ?? []).map((g) => ({ ...g }))),
      (g) => g.term,
    ),
    followUpOf: null,
    parts,
  };
}

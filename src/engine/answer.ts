import type { Entry, RelatedLink } from '../knowledge/schema.js';
import { textFragmentUrl } from '../knowledge/text-fragment.js';
import { type KnowledgeBase, normaliseWhitespace } from '../knowledge/types.js';
import { createGlossary } from './glossary.js';
import type { Answer, Citation, EvidenceCitation, Suggestion } from './types.js';

// Turning a routing decision into the Answer model. Every claim is attributed to the article, quotes
// are copied from the knowledge base (which `kb check` proves verbatim), and research context stays in
// `evidence`, apart from the quotes.

export const DISCLAIMER =
  'Not medical advice: talk to a health professional before changing your diet or taking supplements.';

export const REFUSAL_TEXT = "I don't know that from this article.";

/** How many quotes an entry answer spells out in its text (all of them are in `citations`). */
const QUOTES_IN_TEXT = 3;

/** The upper-limit line: adult UL and RDA from facts.json, with who set them. */
export function safetyLine(kb: KnowledgeBase): string {
  const { upperLimit, rda } = kb.facts;
  const source = kb.references.find((r) => r.id === upperLimit.sourceId);
  // Publishers carry their own asides ("JAMA (Lippman SM et al.)"); inside a sentence they read as clutter.
  const publisher = source?.publisher.replace(/\s*\([^()]*\)/g, '').trim();
  const by = publisher ? ` set by the ${publisher}` : '';
  return `Adults should not take in more than ${upperLimit.adultMcg} mcg of selenium a day from food and supplements combined: that is the tolerable upper intake level${by}. The adult RDA is ${rda.adultMcg} mcg a day.`;
}

export function quoteCitation(kb: KnowledgeBase, text: string, sectionTitle: string): Citation {
  const quote = normaliseWhitespace(text);
  return {
    kind: 'quote',
    quote,
    section: sectionTitle,
    sourceId: kb.article.id,
    url: textFragmentUrl(kb.article.url, quote),
  };
}

const sectionTitle = (kb: KnowledgeBase, sectionId: string): string =>
  kb.article.resolvedSections.find((s) => s.id === sectionId)?.title ?? sectionId;

/**
 * Whether a note's source is the article's own page: such a note says something about the article itself
 * (who published it, that it cites no study), not what other research found.
 */
const aboutArticle = (kb: KnowledgeBase, sourceId: string): boolean =>
  sourceId === kb.article.id || kb.references.find((r) => r.id === sourceId)?.url === kb.article.url;

/** Notes from other research (not those about the article itself), shown as "What other research says". */
export function evidenceOf(kb: KnowledgeBase, entry: Entry): EvidenceCitation[] {
  return entry.evidence
    .filter((note) => !aboutArticle(kb, note.sourceId))
    .map((note) => {
      const ref = kb.references.find((r) => r.id === note.sourceId);
      return {
        text: note.text,
        sourceId: note.sourceId,
        sourceTitle: ref?.title ?? note.sourceId,
        url: ref?.url ?? null,
      };
    });
}

// The article's milk caption states a share of "daily needs" computed on the pre-2020 Daily Value.
const OLD_DAILY_VALUE_CLAIM = /\d+\s*% of (?:your|the) daily (?:needs|value)/i;

/** What the knowledge base says about the article itself ("published on ..."): it leads the answer. */
function aboutArticleLead(kb: KnowledgeBase, entry: Entry): string {
  const notes = entry.evidence.filter((note) => aboutArticle(kb, note.sourceId)).map((note) => note.text);
  return notes.length ? `About the article: ${notes.join(' ')}\n\n` : '';
}

export function entryText(kb: KnowledgeBase, entry: Entry): string {
  const quotes = entry.quotes.slice(0, QUOTES_IN_TEXT).map((q) => `“${normaliseWhitespace(q.text)}”`);
  const [first, ...rest] = quotes;
  let text = `${aboutArticleLead(kb, entry)}The article says: ${first}`;
  if (rest.length) text += ` It also says: ${rest.join(' ')}`;
  if (entry.quotes.some((q) => OLD_DAILY_VALUE_CLAIM.test(q.text))) {
    const { dailyValue, previousDailyValue } = kb.facts;
    text += ` Note: that percentage uses the older Daily Value of ${previousDailyValue.mcg} mcg; today's labels use ${dailyValue.mcg} mcg.`;
  }
  return text;
}

export interface AnswerParts {
  confidence: number;
  suggestions: Suggestion[];
  safety: boolean;
}

export function entryAnswer(
  kb: KnowledgeBase,
  entry: Entry,
  parts: AnswerParts,
  glossary = createGlossary(kb),
): Answer {
  const citations = entry.quotes.map((q) => quoteCitation(kb, q.text, sectionTitle(kb, q.section)));
  return {
    answered: true,
    confidence: parts.confidence,
    text: entryText(kb, entry),
    citations,
    suggestions: parts.suggestions,
    disclaimer: DISCLAIMER,
    route: 'entry',
    matchId: entry.id,
    safety: entry.safety || parts.safety ? safetyLine(kb) : null,
    evidence: evidenceOf(kb, entry),
    glossary: glossary(citations),
    followUpOf: null,
  };
}

/**
 * `entryAnswer` with the parts that depend only on the entry (text, deep-linked citations, evidence)
 * built once per entry and copied into each answer, so no two answers share an object. Per engine.
 */
export function createEntryAnswerer(kb: KnowledgeBase): (entry: Entry, parts: AnswerParts) => Answer {
  const built = new Map<string, Answer>();
  const safety = safetyLine(kb);
  const glossary = createGlossary(kb);
  return (entry, parts) => {
    let base = built.get(entry.id);
    if (base === undefined) {
      base = entryAnswer(kb, entry, { ...parts, safety: false }, glossary);
      built.set(entry.id, base);
    }
    return {
      ...base,
      confidence: parts.confidence,
      citations: base.citations.map((c) => ({ ...c })),
      suggestions: parts.suggestions,
      safety: entry.safety || parts.safety ? safety : null,
      evidence: base.evidence.map((e) => ({ ...e })),
      glossary: (base.glossary ?? []).map((g) => ({ ...g })),
    };
  };
}

/** Related reading: the link title is quoted from the article's "Keep Reading" list where it appears. */
export function relatedAnswer(kb: KnowledgeBase, link: RelatedLink, parts: AnswerParts): Answer {
  const title = normaliseWhitespace(link.title);
  const section = kb.article.resolvedSections.find((s) => s.text.includes(title));
  const citation: Citation = section
    ? { ...quoteCitation(kb, title, section.title), url: link.url ?? textFragmentUrl(kb.article.url, title) }
    : { kind: 'data', quote: title, section: link.publisher, sourceId: link.id, url: link.url ?? null };
  return {
    answered: true,
    confidence: parts.confidence,
    text: `The article does not cover this itself, but it recommends a related article from ${link.publisher}: “${title}”`,
    citations: [citation],
    suggestions: parts.suggestions,
    disclaimer: DISCLAIMER,
    route: 'related',
    matchId: link.id,
    safety: parts.safety ? safetyLine(kb) : null,
    evidence: [],
    followUpOf: null,
  };
}

/**
 * An answer from the article's own text rather than a curated topic (a mention found, its headings, one of
 * its parts): no entry id, no suggestions, the usual disclaimer.
 */
export function articleTextAnswer(text: string, citations: Citation[]): Answer {
  return {
    answered: true,
    confidence: 0.9,
    text,
    citations,
    suggestions: [],
    disclaimer: DISCLAIMER,
    route: 'entry',
    matchId: null,
    safety: null,
    evidence: [],
    followUpOf: null,
  };
}

export function refusal(confidence: number, suggestions: Suggestion[]): Answer {
  return {
    answered: false,
    confidence,
    text: REFUSAL_TEXT,
    citations: [],
    suggestions,
    disclaimer: DISCLAIMER,
    route: 'none',
    matchId: null,
    safety: null,
    evidence: [],
    followUpOf: null,
  };
}

import type { EngineContext } from './context.js';
import {
  aboutSomethingElse,
  asksWhatArticleSays,
  bareTopic,
  demonstrativeSubject,
  pointedSupplement,
  pronounSubject,
  withoutArticleAdvice,
  withoutFrame,
} from './frame.js';
import { explains, namesTopic, type Scored } from './matcher.js';
import { type Analysed, analyse, mentionsAnchor } from './normalise.js';
import {
  DOSE_WORDS,
  MEANING_WORDS,
  NAMES_CONDITION,
  PEOPLE_WORDS,
  PERSONAL_ADVICE,
  QUESTION_OPENERS,
  WITH_OWN_MEDICINE,
} from './vocabulary.js';

// Deciding scope: whether the best-ranked topic really answers the question, or the question is about
// something the article does not cover and must be refused. Each check is one reason to refuse.

/**
 * Minimum confidence to answer from an entry or related link. Calibrated with `npm run eval` on the
 * project and dev sets: in-scope questions mostly score 0.75-1 and the hardest correctly answered ones
 * about 0.55-0.6; off-topic questions that share words with the article ("what are the symptoms of
 * diabetes", "does exercise boost the immune system") score up to about 0.5. The threshold sits in that
 * gap; the out-of-scope lexicon refuses the rest whatever they score.
 */
export const ANSWER_THRESHOLD = 0.53;

/** A number, or a number word, as the analyser leaves it. */
const NUMBER_TERM = /^(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)$/;

/** Taking something, which asks no amount by itself ("should he take selenium?"). */
const TAKING = new Set(['take', 'taking', 'took', 'takes']);

/** Words that set two things side by side: "zinc is better than selenium", "selenium vs zinc", "zinc or selenium". */
const COMPARING = new Set('than vs versus or instead compared over beats'.split(' '));
/** Most words between selenium and what it is compared with ("zinc works way better than selenium"). */
const COMPARED_GAP = 4;

/** A glossary word rarer than this (inverse document frequency) names the article's jargon by itself. */
const JARGON_MIN_IDF = 1.5;

/** Why a question is refused, for tests and for naming what a mixed message does not cover. */
export type RefusalReason =
  | 'off-topic-word'
  | 'low-score'
  | 'another-subject'
  | 'personal-advice'
  | 'another-substance'
  | 'unexplained-subject'
  | 'general-health'
  | 'only-neutral-words'
  | 'link-not-about-selenium';

export interface Scope {
  /** Off-topic lexicon phrases in the question, minus those inside a named food's own words. */
  offTopic(q: Analysed, foodWords: ReadonlySet<string>): string[];
  /** The off-topic phrases of a question as the member wrote them ("Vitamin D"), for "doesn't cover X". */
  offTopicNames(q: Analysed, foodWords: ReadonlySet<string>): string[];
  /** Null when the best-ranked document may answer, or the reason it may not. */
  refusalReason(q: Analysed, best: Scored | undefined): RefusalReason | null;
  aboutAnotherSubstance(q: Analysed, id: string): boolean;
  /**
   * The one thing the article does not cover that a question puts to the article beside selenium ("is zinc
   * better than selenium for covid, does the article back that up?"), as typed; null when it names no such
   * comparison.
   * `offTopic`: the question's off-topic names (offTopicNames).
   */
  comparedWithSelenium(q: Analysed, offTopic: readonly string[]): string | null;
  unexplainedSubject(q: Analysed): boolean;
  generalHealth(q: Analysed): boolean;
}

export function createScope(ctx: EngineContext): Scope {
  const { router, index, lexicon, stemOf, limitTerms, seleniumTerms } = ctx;
  const relatedIds = new Set(ctx.kb.related.map((l) => l.id));
  const doseStems = new Set(DOSE_WORDS.split(' ').map(stemOf));
  // Selenium by name ("se" too), not its units: "50 mcg of zinc vs ..." sets no selenium beside zinc.
  const seleniumWords = new Set(['selenium', 'se']);
  // What the lexicon's synonym groups name (each group's first phrase), less selenium and neutral words.
  const subjectTerms = new Set(
    ctx.kb.lexicon.synonyms
      .flatMap((group) => (group[0] ? analyse(group[0], lexicon).terms : []))
      .filter((t) => !index.lightTerms.has(t) && !seleniumTerms.has(t)),
  );
  const peopleTerms = new Set(analyse(PEOPLE_WORDS, lexicon).terms);
  // The words of the terms the curators explain in the glossary (the article's jargon), less those many
  // topics use ("immunity" in "innate immunity": "what does immune mean" is a general question).
  const jargonStems = new Set(
    ctx.kb.entries
      .flatMap((e) => e.glossary ?? [])
      .flatMap((g) => analyse(g.term, lexicon, undefined, stemOf).stems)
      .filter((t) => !index.lightTerms.has(t) && !seleniumTerms.has(t) && (index.idf.get(t) ?? 0) >= JARGON_MIN_IDF),
  );
  const meaningWords = new Set(MEANING_WORDS.split(' '));
  /** "What does adaptive mean", "define thiol": the meaning of a word the article uses without explaining. */
  const asksJargon = (q: Analysed): boolean =>
    q.original.some((w) => meaningWords.has(w)) && q.stems.some((t) => jargonStems.has(t));
  /** "How much should she take", "what dose", "how many mcg": an amount asked ("take" alone asks none). */
  const asksAmount = (q: Analysed): boolean =>
    router.asksForAmount(q.words) || q.original.some((w) => !TAKING.has(w) && doseStems.has(stemOf(w)));
  /** "vitamin c dose", "should I take", "how much is too much": how much of something to have. */
  const asksDose = (words: readonly string[]): boolean =>
    words.some((w, i) => doseStems.has(stemOf(w)) || (w === 'too' && ['much', 'many'].includes(words[i + 1] ?? '')));

  function offTopic(q: Analysed, foodWords: ReadonlySet<string>): string[] {
    // An off-topic word inside a food's own name ("hot dog", "beef liver") does not make it off-topic.
    // What the article is said to do ("does it recommend any brand") is not asked of Selene ("recommend any").
    const asked = withoutArticleAdvice;
    return router
      .outOfScope(asked(q.original), asked(q.words))
      .filter((t) => !t.split(' ').every((w) => foodWords.has(w)));
  }

  function offTopicNames(q: Analysed, foodWords: ReadonlySet<string>): string[] {
    const stems = q.original.map(stemOf);
    const names = offTopic(q, foodWords).map((phrase) => {
      const want = phrase.split(' ');
      const at = stems.findIndex((_, i) => want.every((w, k) => stems[i + k] === w));
      return at >= 0 ? q.original.slice(at, at + want.length).join(' ') : phrase;
    });
    return [...new Set(names)];
  }

  /**
   * "How much caffeine is too much", "max amount of coffee per day": an amount or limit question that
   * does not name selenium and has a word the chosen entry never uses is about some other substance,
   * however well "how much" and "too much" match the intake entry.
   */
  function aboutAnotherSubstance(q: Analysed, id: string): boolean {
    const quantity = router.asksForAmount(q.words) || q.terms.some((t) => limitTerms.has(t));
    if (!quantity || router.mentionsSelenium(q.words)) return false;
    // A linked article is only named by the article, never quoted: it gives no dose of anything
    // ("how much vitamin c should I take for a cold" is not answered by the vitamin C link).
    if (relatedIds.has(id) && asksDose(q.words)) return true;
    return q.terms.some((t) => !limitTerms.has(t) && !index.lightTerms.has(t) && !explains(index, id, t));
  }

  /**
   * "Does alcohol weaken your immune system", "can anxiety make you sick": the thing a question asks about
   * (its first topic word once the question proper begins, after any "sorry to bother, but") is a word the
   * knowledge base never uses, so the words that do match ("weaken", "immune") are only its predicate.
   * Questions that name selenium are left to the ranking: their subject is the article's.
   */
  function unexplainedSubject(q: Analysed): boolean {
    if (router.mentionsSelenium(q.words)) return false;
    const opener = q.words.findIndex((w) => QUESTION_OPENERS.has(w));
    const asked = opener > 0 ? analyse(q.words.slice(opener).join(' '), lexicon, undefined, stemOf).terms : q.terms;
    // A number is an amount, not a subject ("if the rda is 55 then 8 is 15%").
    const subject = asked.find((t) => !index.lightTerms.has(t) && !NUMBER_TERM.test(t));
    return subject !== undefined && !index.idf.has(subject);
  }

  /**
   * "My mum has lupus, what dose should she take?", "is it safe to take selenium with my levothyroxine":
   * advice for a person, or with their own medicine, about something the knowledge base has no word for.
   * Whatever the dose or topic words match, that is medical advice the article cannot give.
   */
  function personalAdvice(q: Analysed): boolean {
    const text = q.original.join(' ');
    if (!PERSONAL_ADVICE.test(text) && !WITH_OWN_MEDICINE.test(text)) return false;
    // "My son has the flu, how much should he take?": a dose for a person's condition, whatever the
    // condition; the article gives none ("should he take selenium?" is answered with what it does say).
    if (PERSONAL_ADVICE.test(text) && NAMES_CONDITION.test(text) && asksAmount(q)) return true;
    return q.terms.some(
      (t) => !index.idf.has(t) && !index.lightTerms.has(t) && !NUMBER_TERM.test(t) && !peopleTerms.has(t),
    );
  }

  /**
   * "How do I know if I have a weak immune system", "best way to treat a cold": every word is one the
   * article uses, yet the question names neither selenium nor anything only this article speaks of (the
   * lexicon's anchors: selenoproteins, ROS, BioPro, the article itself). It asks for general health
   * advice, and an entry would answer it with a claim about selenium. Related links are left alone: their
   * topics (vitamin C, mental health) are exactly what such questions may ask for. Without anchors in
   * the lexicon the check is off.
   */
  function generalHealth(q: Analysed): boolean {
    if (!lexicon.anchors.size || router.mentionsSelenium(q.words)) return false;
    // "How much is too much" names no subject at all: in a chat about one article, that is selenium.
    if (q.terms.every((t) => limitTerms.has(t) || index.lightTerms.has(t))) return false;
    // "Does it help with the flu", "can it fight infections": in a chat about one article, "it" doing
    // something is its subject. ("Is it a cold or the flu" is not: there "it" does nothing.)
    if (pronounSubject(q.original) || demonstrativeSubject(q.original) || pointedSupplement(q.original)) return false;
    if (bareTopic(q.original)) return false;
    // "What does it say about immune cells": asking what the article says is not asking for advice.
    if (asksWhatArticleSays(q.original) || q.quoted?.length || asksJargon(q)) return false;
    return !mentionsAnchor(q.stems, lexicon);
  }

  function refusalReason(q: Analysed, best: Scored | undefined): RefusalReason | null {
    if (!best || best.score < ANSWER_THRESHOLD) return 'low-score';
    // "Is this youtube video sponsored", "what year is it": about something else, whatever words it shares.
    if (!router.mentionsSelenium(q.words) && (aboutSomethingElse(q.original) || aboutSomethingElse(q.words)))
      return 'another-subject';
    if (aboutAnotherSubstance(q, best.doc.id)) return 'another-substance';
    if (personalAdvice(q)) return 'personal-advice';
    if (unexplainedSubject(q)) return 'unexplained-subject';
    if (best.doc.kind === 'entry' && generalHealth(q)) return 'general-health';
    // The linked articles are not about selenium: "does selenium help with depression" is not answered by
    // the one about immunity and mental health ("is there a link between immunity and depression" is).
    if (best.doc.kind === 'related' && router.mentionsSelenium(q.words)) return 'link-not-about-selenium';
    // "good morning everyone": topic-neutral words only answer when the entry is about them ("this article").
    if (q.terms.every((t) => index.lightTerms.has(t)) && !namesTopic(index, best.doc.id, q.terms))
      return 'only-neutral-words';
    return null;
  }

  function comparedWithSelenium(q: Analysed, offTopic: readonly string[]): string | null {
    const [name, ...more] = offTopic;
    if (!name || more.length || !router.mentionsSelenium(q.words)) return null;
    // Put to the article ("does the article back that up", "what does it say"): asked of Selene alone,
    // "does zinc or selenium help more with colds" is a comparison it cannot make, and is refused.
    if (withoutFrame(q.original) === null && !asksWhatArticleSays(q.original)) return null;
    const ws = q.original;
    const named = name.toLowerCase().split(' ');
    const at = ws.findIndex((_, i) => named.every((w, k) => ws[i + k] === w));
    if (at < 0) return null;
    const end = at + named.length;
    // Selenium within a few words of it, with a word that compares the two between them.
    const near = ws.findIndex(
      (w, i) => seleniumWords.has(w) && (i < at ? at - i - 1 : i - end) <= COMPARED_GAP && (i < at || i >= end),
    );
    if (near < 0) return null;
    const between = near < at ? ws.slice(near + 1, at) : ws.slice(end, near);
    if (!between.some((w) => COMPARING.has(w))) return null;
    // Compared for something the article's vocabulary names (covid, immunity, colds): "selenium vs
    // playwright for testing" compares software.
    return q.terms.some((t) => subjectTerms.has(t)) ? name : null;
  }

  return {
    offTopic,
    offTopicNames,
    refusalReason,
    aboutAnotherSubstance,
    comparedWithSelenium,
    unexplainedSubject,
    generalHealth,
  };
}

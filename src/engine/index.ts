import type { KnowledgeBase } from '../knowledge/types.js';
import { createEntryAnswerer, DISCLAIMER, refusal, relatedAnswer, safetyLine } from './answer.js';
import { createQuestionAutocomplete, sectionChoices } from './autocomplete.js';
import { createFoodIndex } from './foods/index.js';
import { bareTopic, demonstrativeSubject, namingSelenium, pronounSubject, withoutFrame } from './frame.js';

import { buildMatchIndex, type DocInput, explains, namesTopic, rank, type Scored } from './matcher.js';
import {
  type Analysed,
  analyse,
  analyseStems,
  type CompiledLexicon,
  compileLexicon,
  createStemCache,
  LIGHT_WORDS,
  mentionsAnchor,
  normaliseText,
  toTerms,
  words,
} from './normalise.js';
import { createRouter, FOOD_FRAME_WORDS, type FoodQuestion } from './router.js';
import type { Answer, Engine, FoodResult, Suggestion, Topic } from './types.js';
import { COMMON_WORDS, createTypoCorrector, type TypoCorrector } from './typos.js';

export { DISCLAIMER, REFUSAL_TEXT } from './answer.js';

/**
 * Minimum confidence to answer from an entry or related link. Calibrated with `npm run eval` on the
 * project and dev sets: in-scope questions mostly score 0.75-1 and the hardest correctly answered ones
 * about 0.55-0.6; off-topic questions that share words with the article ("what are the symptoms of
 * diabetes", "does exercise boost the immune system") score up to about 0.5. The threshold sits in that
 * gap; the out-of-scope lexicon refuses the rest whatever they score.
 */
export const ANSWER_THRESHOLD = 0.53;

/** Closest topics at or above this are offered as "did you mean" suggestions when refusing. */
export const SUGGESTION_FLOOR = 0.2;

/** Confidence reported for a food answered from the food table (a table hit, not a ranked guess). */
const FOOD_CONFIDENCE = 0.9;

const MAX_SUGGESTIONS = 3;
const TOP_FOODS_IN_ANSWER = 5;

/** Words that bring the upper limit into an answer (matched after synonyms, so "pills" and "dosage" count). */
const SAFETY_TRIGGERS = 'supplement intake upper limit rda take brazil nut mcg much toxic selenosis';

/** Sentence ends (kept by the split, so a question mark can be seen): punctuation before a space or the end. */
const SENTENCE_END = /([.!?:;]+(?=\s|$)|\n+)/;
/** Only this much of a message is split into sentences (the normaliser caps the rest anyway). */
const MAX_SENTENCE_SCAN = 2000;
/** First words that make a sentence a question even without a question mark. */
const QUESTION_OPENERS: ReadonlySet<string> = new Set(
  'what whats how why when where which who does do is are can could should would will did has have any'.split(' '),
);

/** Words of an amount or limit question that do not say what it is an amount of. */
const LIMIT_WORDS = `upper limit intake rda dose amount much many number quantity per day daily week weekly need needed
safe safely healthy okay fine recommended recommend adult adults grown ups women men kids children typical normal average
maximum minimum min least consume consuming take taking`;

export function createEngine(kb: KnowledgeBase): Engine {
  const anchors = kb.lexicon.anchors ?? [];
  // The article's own figures ("11%", "8 mcg") tie a question to it as its anchors do ("what does 11% mean").
  const lexicon = compileLexicon({
    ...kb.lexicon,
    anchors: anchors.length ? [...anchors, ...figures(kb.article.text)] : [],
  });
  const stemOf = createStemCache();

  const docInputs: DocInput[] = [
    ...kb.entries.map((e) => ({
      id: e.id,
      kind: 'entry' as const,
      title: e.title,
      question: e.questions[0] ?? e.title,
      questions: e.questions,
      keywords: e.keywords,
      titleText: e.title,
      quotes: e.quotes.map((q) => q.text),
    })),
    ...kb.related.map((l) => ({
      id: l.id,
      kind: 'related' as const,
      title: l.title,
      question: l.questions[0] ?? l.title,
      questions: l.questions,
      keywords: l.keywords,
      titleText: l.title,
      quotes: [],
    })),
  ];
  const index = buildMatchIndex(docInputs, lexicon);

  const typos = knowledgeTypoCorrector(kb, docInputs, lexicon);
  const correct = (w: string) => typos.correct(w);

  const router = createRouter(lexicon, stemOf);
  const entryAnswer = createEntryAnswerer(kb);
  const foods = createFoodIndex(kb);
  const safetyTerms = new Set(analyse(SAFETY_TRIGGERS, lexicon).terms);
  const limitTerms = new Set(analyse(LIMIT_WORDS, lexicon).terms);
  const limitStems = new Set(analyseStems(LIMIT_WORDS, stemOf));
  const dietTerms = analyse('food', lexicon).terms;
  const entriesById = new Map(kb.entries.map((e) => [e.id, e]));
  const relatedById = new Map(kb.related.map((l) => [l.id, l]));

  const topicList: Topic[] = docInputs.map((d) => ({ id: d.id, title: d.title, question: d.question, kind: d.kind }));
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

  const refuse = (ranked: Scored[]): Answer => {
    const close = ranked.filter((r) => r.score >= SUGGESTION_FLOOR).slice(0, MAX_SUGGESTIONS);
    // A refusal never reports a confidence at or above the threshold (off-topic hits can score high).
    const confidence = Math.min(ranked[0]?.score ?? 0, ANSWER_THRESHOLD - 0.01);
    return refusal(confidence, close.length ? close.map((r) => toSuggestion(r.doc)) : generalSuggestions());
  };

  const foodAnswer = (result: FoodResult, wantsSafety: boolean, servings: number): Answer => {
    const described = foods.describe(result, servings);
    return {
      answered: true,
      confidence: FOOD_CONFIDENCE,
      text: described.text,
      citations: described.citations,
      suggestions: [],
      disclaimer: DISCLAIMER,
      route: 'food',
      matchId: result.id,
      safety: described.safety ?? (wantsSafety ? safetyLine(kb) : null),
      evidence: [],
    };
  };

  const topFoodsAnswer = (): Answer => {
    const top = foods.top({ limit: TOP_FOODS_IN_ANSWER }).filter((f) => f.found);
    const described = top.map((f) => foods.describe(f));
    const list = top.map((f) => `${f.name} (${f.mcg} mcg per ${f.serving})`).join('; ');
    const source = top[0]?.source?.title ?? 'the food table';
    return {
      answered: top.length > 0,
      confidence: top.length ? FOOD_CONFIDENCE : 0,
      text: `The article does not rank food sources. According to ${source}, the richest foods per serving are: ${list}.`,
      // Each food's own table row is its first citation; the rest (upper limit, article mentions) would repeat.
      citations: described.flatMap((d) => d.citations.slice(0, 1)),
      suggestions: [],
      disclaimer: DISCLAIMER,
      route: top.length ? 'food' : 'none',
      matchId: null,
      safety: safetyLine(kb),
      evidence: [],
    };
  };

  /** A food a question asks about: the result, the checks for its names, and the names as typed. */
  interface FoodMatch {
    result: FoodResult;
    question: FoodQuestion;
    typed: string[];
    /** Whether the question asks how much of the food is safe (see `findFood`): the answer needs the limit. */
    limitAsked?: boolean;
  }

  /** Lookup words longer than this are a sentence, not a food name. */
  const MAX_FOOD_WORDS = 3;
  /** The food a question is about, when naming it (plus quantity framing) is all the question does. */
  function findFood(
    question: string,
    rawText: string,
    q: ReturnType<typeof analyse>,
  ): { match: FoodMatch | null; mentioned: string | null } {
    const corrected = q.words.join(' ');
    const hit = foods.findInText(question) ?? (corrected !== rawText ? foods.findInText(corrected) : null);
    const amount = router.asksForAmount(q.words);
    let mentioned: string | null = null;
    if (hit?.result.found && router.namesFood(hit.matched)) {
      const curated = kb.foods.find((f) => f.id === hit.result.id);
      if (curated) mentioned = hit.matched;
      const names = [hit.matched, hit.result.name ?? '', ...(curated?.aliases ?? [])];
      // A food from the large USDA table needs an amount question or the bare name ("salmon"), so a topic
      // question that happens to share a product's words ("antioxidant", "skin") is not taken for a food.
      // A curated food also answers "does an egg have selenium", but not "how many eggs can I eat".
      // Judged on what was typed (and aliases): a table's long name ("Rice, brown, cooked") would make
      // "how do I cook rice" look like nothing but the food.
      // Only what the member typed (and curated aliases) may excuse an off-topic word; table names are long.
      const typed = [hit.matched, ...(curated?.aliases ?? [])];
      const bare = router.onlyFood(q.words, { names: typed });
      const selenium = router.mentionsSelenium(q.words);
      // "How much water should I drink" asks how much of the food to have, not what is in it.
      const contentAsked = amount && (selenium || router.asksAboutContent(q.words));
      // "Brazil nuts every day ok?": when one serving of a curated food holds more than the adult upper
      // limit, how much or how often of it is safe is a question about selenium, not about the diet.
      const overLimit = curated !== undefined && (hit.result.mcg ?? 0) > kb.facts.upperLimit.adultMcg;
      const limitAsked = overLimit && q.terms.some((t) => limitTerms.has(t));
      const asked = contentAsked || bare || (curated !== undefined && selenium) || limitAsked;
      if (asked) {
        const question = router.forFood({ names });
        const rest = question.remainder(q.words).filter((s) => !(limitAsked && limitStems.has(s)));
        if (!rest.length) return { match: { result: hit.result, question, typed, limitAsked }, mentioned };
      }
    }
    // Containers and sizes ("a bowl of oatmeal") can hide a food from findInText: then ask the table directly
    // (only then: a lookup that misses searches the whole USDA table, which is slow).
    if (hit || !amount || !router.mentionsContainer(q.words)) return { match: null, mentioned };
    const rest = router.foodWords(q.words);
    if (!rest.length || rest.length > MAX_FOOD_WORDS) return { match: null, mentioned };
    const result = foods.lookup(rest.join(' '));
    const names = [rest.join(' '), result.name ?? ''];
    const match = result.found ? { result, question: router.forFood({ names }), typed: [rest.join(' ')] } : null;
    return { match, mentioned };
  }

  /** Terms with a named food's words that no entry uses ("milk" is one's topic) replaced by the food term. */
  function asDiet(terms: readonly string[], food: string): string[] {
    const foodTerms = new Set(analyse(food, lexicon, undefined, stemOf).terms.filter((t) => !index.idf.has(t)));
    const rest = terms.filter((t) => !foodTerms.has(t));
    return rest.length === terms.length ? [...terms] : [...rest, ...dietTerms.filter((t) => !rest.includes(t))];
  }

  /**
   * The parts of a chatty message that ask its question: in a message of several sentences, each one that
   * asks something ("Good morning, long time lurker here. What are selenoproteins?"), and in any sentence,
   * the clause that opens with a question word ("I read it twice and I'm confused, what role does ...").
   */
  function askingParts(question: string): string[] {
    const parts = question.slice(0, MAX_SENTENCE_SCAN).split(SENTENCE_END);
    const opensQuestion = (text: string) => QUESTION_OPENERS.has(words(normaliseText(text))[0] ?? '');
    const found: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const sentence = parts[i] as string;
      if (parts.length > 2 && (parts[i + 1]?.includes('?') || opensQuestion(sentence))) found.push(sentence);
      const clauses = sentence.split(',');
      const from = clauses.findIndex((c, k) => k > 0 && opensQuestion(c));
      if (from > 0) found.push(clauses.slice(from).join(','));
    }
    return found;
  }

  /**
   * Ranks the whole question and, for each part of it that asks something, that part plus the words of
   * the rest that name a topic somewhere in the knowledge base, keeping the best. "I'm immunocompromised,
   * would selenium help?" keeps its first clause; "I read the article yesterday and I'm confused, what
   * role does ..." loses "yesterday" and "confused". Off-topic checks still see the whole message.
   */
  function rankFocused(question: string, terms: readonly string[]): Scored[] {
    let best = rank(index, terms, MAX_SUGGESTIONS + 1);
    for (const text of askingParts(question)) {
      const part = new Set(analyse(text, lexicon, correct, stemOf).terms);
      // "Is there anything to it?" names nothing: the topic is elsewhere, so the whole decides.
      if ([...part].every((t) => index.lightTerms.has(t))) continue;
      const focused = terms.filter((t) => part.has(t) || index.topicTerms.has(t));
      if (focused.length === terms.length || !focused.length) continue;
      const ranked = rank(index, focused, MAX_SUGGESTIONS + 1);
      if ((ranked[0]?.score ?? 0) > (best[0]?.score ?? 0)) best = ranked;
    }
    return best;
  }

  /**
   * "How much caffeine is too much", "max amount of coffee per day": an amount or limit question that
   * does not name selenium and has a word the chosen entry never uses is about some other substance,
   * however well "how much" and "too much" match the intake entry.
   */
  function aboutAnotherSubstance(q: ReturnType<typeof analyse>, id: string): boolean {
    const quantity = router.asksForAmount(q.words) || q.terms.some((t) => limitTerms.has(t));
    if (!quantity || router.mentionsSelenium(q.words)) return false;
    return q.terms.some((t) => !limitTerms.has(t) && !index.lightTerms.has(t) && !explains(index, id, t));
  }

  /**
   * "Does alcohol weaken your immune system", "can anxiety make you sick": the thing a question asks about
   * (its first topic word once the question proper begins, after any "sorry to bother, but") is a word the
   * knowledge base never uses, so the words that do match ("weaken", "immune") are only its predicate.
   * Questions that name selenium are left to the ranking: their subject is the article's.
   */
  function unexplainedSubject(q: ReturnType<typeof analyse>): boolean {
    if (router.mentionsSelenium(q.words)) return false;
    const opener = q.words.findIndex((w) => QUESTION_OPENERS.has(w));
    const asked = opener > 0 ? analyse(q.words.slice(opener).join(' '), lexicon, undefined, stemOf).terms : q.terms;
    const subject = asked.find((t) => !index.lightTerms.has(t));
    return subject !== undefined && !index.idf.has(subject);
  }

  /**
   * "How do I know if I have a weak immune system", "best way to treat a cold": every word is one the
   * article uses, yet the question names neither selenium nor anything only this article speaks of (the
   * lexicon's anchors: selenoproteins, ROS, BioPro, the article itself). It asks for general health
   * advice, and an entry would answer it with a claim about selenium. Related links are left alone: their
   * topics (vitamin C, mental health) are exactly what such questions may ask for. Without anchors in
   * the lexicon the check is off.
   */
  function generalHealth(q: ReturnType<typeof analyse>): boolean {
    if (!lexicon.anchors.size || router.mentionsSelenium(q.words)) return false;
    // "How much is too much" names no subject at all: in a chat about one article, that is selenium.
    if (q.terms.every((t) => limitTerms.has(t) || index.lightTerms.has(t))) return false;
    // "Does it help with the flu", "can it fight infections": in a chat about one article, "it" doing
    // something is its subject. ("Is it a cold or the flu" is not: there "it" does nothing.)
    if (pronounSubject(q.original) || demonstrativeSubject(q.original)) return false;
    if (bareTopic(q.original)) return false;
    return !mentionsAnchor(q.stems, lexicon);
  }

  /**
   * The question with its article-referring framing ("according to the article", "how many times does the
   * article mention") dropped from the terms, when anything is left to rank on ("what does the article
   * say" is nothing but its frame, and stays as it is).
   * Only the terms change: the words still name the article, so it still counts as an anchor.
   */
  function focusOnTopic(q: Analysed): Analysed {
    const named = demonstrativeSubject(q.words) ? namingSelenium(q.words) : null;
    const rest = withoutFrame(named ?? q.words);
    const terms = rest ? toTerms(rest, rest.map(stemOf), lexicon) : [];
    if (terms.length) return { ...q, terms };
    return named ? { ...q, terms: toTerms(named, named.map(stemOf), lexicon) } : q;
  }

  /**
   * The question without numbers the knowledge base never uses: "can I take 1000 mcg", "how many cups
   * for 100%" state an amount, not a topic, and as unknown words they would weigh like the rarest topic
   * word. Numbers the article quotes ("8 mcg", "11%") are indexed and stay. What is left must still say
   * whose amount it is (selenium, or a topic): "how much is 2+2" would otherwise read "how much".
   */
  function withoutAmounts(q: Analysed): Analysed {
    const terms = q.terms.filter((t) => !NUMBER.test(t) || index.idf.has(t));
    if (terms.length === q.terms.length) return q;
    const named = router.mentionsSelenium(q.words) || terms.some((t) => !limitTerms.has(t) && !index.lightTerms.has(t));
    return named ? { ...q, terms } : q;
  }

  function ask(question: string): Answer {
    const q = withoutAmounts(focusOnTopic(analyse(question, lexicon, correct, stemOf)));
    if (!q.terms.length) return refusal(0, generalSuggestions());
    const { match: food, mentioned } = findFood(question, q.original.join(' '), q);
    // A table food named in a topic question ("brazil nuts or pills?") stands for food in general: the
    // entries speak of "diet" and "food", not of each food, so its words would only count as unknown.
    const ranked = rankFocused(question, mentioned ? asDiet(q.terms, mentioned) : q.terms);
    // An off-topic word inside a food's own name ("hot dog", "beef liver") does not make it off-topic.
    const foodWords = new Set(food ? food.typed.flatMap((n) => analyseStems(n, stemOf)) : []);
    const offTopic = router.outOfScope(q.original, q.words).filter((t) => !t.split(' ').every((w) => foodWords.has(w)));
    if (offTopic.length) return refuse(ranked);
    const wantsSafety = q.terms.some((t) => safetyTerms.has(t));

    if (food) {
      const servings = food.result.serving ? food.question.servingsIn(q.words, food.result.serving) : 1;
      return foodAnswer(food.result, wantsSafety || food.limitAsked === true, servings);
    }
    if (router.asksForFoodList(q.words)) return topFoodsAnswer();

    const best = ranked[0];
    if (!best || best.score < ANSWER_THRESHOLD) return refuse(ranked);
    if (aboutAnotherSubstance(q, best.doc.id)) return refuse(ranked);
    if (unexplainedSubject(q)) return refuse(ranked);
    if (best.doc.kind === 'entry' && generalHealth(q)) return refuse(ranked);
    // "good morning everyone": topic-neutral words only answer when the entry is about them ("this article").
    if (q.terms.every((t) => index.lightTerms.has(t)) && !namesTopic(index, best.doc.id, q.terms))
      return refuse(ranked);
    const others = ranked.slice(1).filter((r) => r.score >= SUGGESTION_FLOOR);
    if (best.doc.kind === 'related') {
      const link = relatedById.get(best.doc.id);
      if (link)
        return relatedAnswer(kb, link, {
          confidence: best.score,
          suggestions: others.map((r) => toSuggestion(r.doc)),
          safety: wantsSafety,
        });
    }
    const entry = entriesById.get(best.doc.id);
    if (!entry) return refuse(ranked);
    const related = entry.related.flatMap((id) => topicList.filter((t) => t.id === id)).map(toSuggestion);
    return entryAnswer(entry, {
      confidence: best.score,
      suggestions: (related.length ? related : others.map((r) => toSuggestion(r.doc))).slice(0, MAX_SUGGESTIONS),
      safety: wantsSafety,
    });
  }

  const questionAutocomplete = createQuestionAutocomplete(docInputs, correct);

  return {
    ask,
    food: (query, options) => foods.lookup(query, options ?? {}),
    foodAnswer: (query, options) => {
      const result = foods.lookup(query, options ?? {});
      if (!result.found) return refusal(0, []);
      return foodAnswer(result, false, options?.servings ?? 1);
    },
    topFoods: (options) => foods.top(options ?? {}),
    compareFoods: (a, b) => foods.compare(a, b),
    autocompleteQuestions: (partial) => questionAutocomplete(partial),
    autocompleteFoods: (partial) => foods.autocomplete(partial),
    autocompleteSections: (partial) => sectionChoices(kb, partial),
    topics: () => topicList.map((t) => ({ ...t, question: questionFor(t.id, t.question) })),
  };
}

/** A number on its own, as the analyser leaves it ("1000", "2.5"). */
const NUMBER = /^\d+(?:\.\d+)?$/;

/** A number with the unit that makes it a figure rather than a count ("11%", "8 mcg", "55 micrograms"). */
const FIGURE = /(\d+(?:\.\d+)?)\s*(%|percent|mcg|micrograms?|µg|mg|milligrams?)(?![\p{L}\p{N}])/giu;

/** The figures a text quotes, as anchor phrases ("11%" -> "11 %", spelt "11 percent" once normalised). */
export function figures(text: string): string[] {
  return [...new Set([...text.matchAll(FIGURE)].map((m) => `${m[1]} ${m[2]}`))];
}

/**
 * Typo repair proposes only words the knowledge base (or the lexicon) knows, so a corrected word can
 * match something, and misspelt off-topic terms ("magnesum") still reach the out-of-scope list. Built
 * in its own function so the word sets it starts from are not kept alive by the engine's closures.
 */
function knowledgeTypoCorrector(
  kb: KnowledgeBase,
  docInputs: readonly DocInput[],
  lexicon: CompiledLexicon,
): TypoCorrector {
  const vocabulary = new Set<string>();
  const addWords = (text: string) => {
    for (const w of words(normaliseText(text))) vocabulary.add(w);
  };
  for (const d of docInputs) [d.titleText, ...d.questions, ...d.keywords, ...d.quotes].forEach(addWords);
  for (const group of kb.lexicon.synonyms) group.forEach(addWords);
  kb.lexicon.outOfScope.forEach(addWords);
  kb.lexicon.anchors?.forEach(addWords);
  addWords(FOOD_FRAME_WORDS);
  for (const f of kb.foods) [f.name, ...f.aliases].forEach(addWords);
  // A four-letter word is only repaired into a topic's name: the words of titles and the head term of each
  // synonym group ("covid", "virus", "cell", "risk"). Keywords and synonyms are looser ("brand", "start",
  // "raise") and would turn real words ("band", "star", "rise") into them.
  const domain = new Set<string>();
  const addDomain = (text: string) => {
    for (const w of words(normaliseText(text))) domain.add(w);
  };
  for (const d of docInputs) addDomain(d.titleText);
  for (const group of kb.lexicon.synonyms) addDomain(group[0] ?? '');
  // Words the synonyms make one concept complete alike ("bacter" -> bacteria, bacterial, bacterium).
  const family = (w: string) => analyse(w, lexicon).terms.join(' ');
  // Real words the knowledge base does not use are what the member meant: never "repaired" into one it does.
  const keep = [...LIGHT_WORDS, ...COMMON_WORDS, ...(kb.lexicon.realWords ?? [])];
  return createTypoCorrector(vocabulary, { domain, family, keep });
}

import type { KnowledgeBase } from '../knowledge/load.js';
import { DISCLAIMER, entryAnswer, refusal, relatedAnswer, safetyLine } from './answer.js';
import { createQuestionAutocomplete, sectionChoices } from './autocomplete.js';
import { createFoodIndex, describeFood } from './foods/index.js';
import { buildMatchIndex, type DocInput, rank, type Scored } from './matcher.js';
import { analyse, compileLexicon, normaliseText, words } from './normalise.js';
import { createRouter, FOOD_FRAME_WORDS } from './router.js';
import type { Answer, Engine, FoodResult, Suggestion, Topic } from './types.js';
import { createTypoCorrector } from './typos.js';

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

export function createEngine(kb: KnowledgeBase): Engine {
  const lexicon = compileLexicon(kb.lexicon);

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

  // Typo repair proposes only words the knowledge base (or the lexicon) knows, so a corrected word
  // can match something, and misspelt off-topic terms ("magnesum") still reach the out-of-scope list.
  const vocabulary = new Set<string>();
  const addWords = (text: string) => {
    for (const w of words(normaliseText(text))) vocabulary.add(w);
  };
  for (const d of docInputs) [d.titleText, ...d.questions, ...d.keywords, ...d.quotes].forEach(addWords);
  for (const group of kb.lexicon.synonyms) group.forEach(addWords);
  kb.lexicon.outOfScope.forEach(addWords);
  addWords(FOOD_FRAME_WORDS);
  for (const f of kb.foods) [f.name, ...f.aliases].forEach(addWords);
  const typos = createTypoCorrector(vocabulary);
  const correct = (w: string) => typos.correct(w);

  const router = createRouter(lexicon);
  const foods = createFoodIndex(kb);
  const safetyTerms = new Set(analyse(SAFETY_TRIGGERS, lexicon).terms);
  const entriesById = new Map(kb.entries.map((e) => [e.id, e]));
  const relatedById = new Map(kb.related.map((l) => [l.id, l]));

  const topicList: Topic[] = docInputs.map((d) => ({ id: d.id, title: d.title, question: d.question, kind: d.kind }));
  const toSuggestion = (t: { id: string; title: string; question: string }): Suggestion => ({
    id: t.id,
    title: t.title,
    question: t.question,
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
    const described = describeFood(result, kb, servings);
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
    const described = top.map((f) => describeFood(f, kb));
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

  /** Lookup words longer than this are a sentence, not a food name. */
  const MAX_FOOD_WORDS = 3;
  /** The food a question is about, when naming it (plus quantity framing) is all the question does. */
  function findFood(
    question: string,
    rawText: string,
    q: ReturnType<typeof analyse>,
  ): { result: FoodResult; names: string[]; typed: string[] } | null {
    const corrected = q.words.join(' ');
    const hit = foods.findInText(question) ?? (corrected !== rawText ? foods.findInText(corrected) : null);
    const amount = router.asksForAmount(q.words);
    if (hit?.result.found && router.namesFood(hit.matched)) {
      const curated = kb.foods.find((f) => f.id === hit.result.id);
      const names = [hit.matched, hit.result.name ?? '', ...(curated?.aliases ?? [])];
      // A food from the large USDA table needs an amount question or the bare name ("salmon"), so a topic
      // question that happens to share a product's words ("antioxidant", "skin") is not taken for a food.
      // A curated food also answers "does an egg have selenium", but not "how many eggs can I eat".
      const bare = router.onlyFood(q.words, { names });
      const asked = amount || bare || (curated !== undefined && router.mentionsSelenium(q.words));
      // Only what the member typed (and curated aliases) may excuse an off-topic word; table names are long.
      const typed = [hit.matched, ...(curated?.aliases ?? [])];
      if (asked && !router.foodRemainder(q.words, { names }).length) return { result: hit.result, names, typed };
    }
    // Containers and sizes ("a bowl of oatmeal") can hide a food from findInText: then ask the table directly
    // (only then: a lookup that misses searches the whole USDA table, which is slow).
    if (hit || !amount || !router.mentionsContainer(q.words)) return null;
    const rest = router.foodWords(q.words);
    if (!rest.length || rest.length > MAX_FOOD_WORDS) return null;
    const result = foods.lookup(rest.join(' '));
    return result.found ? { result, names: [rest.join(' '), result.name ?? ''], typed: [rest.join(' ')] } : null;
  }

  function ask(question: string): Answer {
    const q = analyse(question, lexicon, correct);
    if (!q.terms.length) return refusal(0, generalSuggestions());
    const ranked = rank(index, q.terms, MAX_SUGGESTIONS + 1);
    const food = findFood(question, q.original.join(' '), q);
    // An off-topic word inside a food's own name ("hot dog", "beef liver") does not make it off-topic.
    const foodWords = new Set(food ? food.typed.flatMap((n) => analyse(n, lexicon).stems) : []);
    const offTopic = router.outOfScope(q.original, q.words).filter((t) => !t.split(' ').every((w) => foodWords.has(w)));
    if (offTopic.length) return refuse(ranked);
    const wantsSafety = q.terms.some((t) => safetyTerms.has(t));

    if (food) {
      const servings = food.result.serving ? router.servingsIn(q.words, food.result.serving, { names: food.names }) : 1;
      return foodAnswer(food.result, wantsSafety, servings);
    }
    if (router.asksForFoodList(q.words)) return topFoodsAnswer();

    const best = ranked[0];
    if (!best || best.score < ANSWER_THRESHOLD) return refuse(ranked);
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
    return entryAnswer(kb, entry, {
      confidence: best.score,
      suggestions: (related.length ? related : others.map((r) => toSuggestion(r.doc))).slice(0, MAX_SUGGESTIONS),
      safety: wantsSafety,
    });
  }

  const questionAutocomplete = createQuestionAutocomplete(docInputs, correct);

  return {
    ask,
    food: (query, options) => foods.lookup(query, options ?? {}),
    topFoods: (options) => foods.top(options ?? {}),
    compareFoods: (a, b) => foods.compare(a, b),
    autocompleteQuestions: (partial) => questionAutocomplete(partial),
    autocompleteFoods: (partial) => foods.autocomplete(partial),
    autocompleteSections: (partial) => sectionChoices(kb, partial),
    topics: () => topicList.map((t) => ({ ...t })),
  };
}

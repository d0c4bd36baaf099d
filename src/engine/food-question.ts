import { DISCLAIMER, safetyLine } from './answer.js';
import type { EngineContext } from './context.js';
import { type Analysed, analyse, type Normalise, normaliseText } from './normalise.js';
import type { FoodQuestion } from './router.js';
import type { Answer, FoodResult } from './types.js';
import { FOOD_SAFETY_TRIGGERS, MAX_FOOD_WORDS, TOP_FOODS_IN_ANSWER } from './vocabulary.js';

// The food stage: whether a question asks about one food (and which), or for a list of foods, and the
// answers built from the food index's views. Everything else a question may name about food is left to
// the entries ("brazil nuts or pills?" is a topic question that happens to name a food).

/** Confidence reported for a food answered from the food table (a table hit, not a ranked guess). */
export const FOOD_CONFIDENCE = 0.9;

/** A food a question asks about: the result, the checks for its names, and the names as typed. */
export interface FoodMatch {
  result: FoodResult;
  question: FoodQuestion;
  typed: string[];
  /** Whether the question asks how much of the food is safe (see `findFood`): the answer needs the limit. */
  limitAsked?: boolean;
}

export interface FoodFinding {
  /** The food the question asks about, when naming it (plus quantity framing) is all it does. */
  match: FoodMatch | null;
  /** A curated food the question names without asking about it ("brazil nuts or pills?"). */
  mentioned: string | null;
}

export interface FoodQuestions {
  find(question: string, q: Analysed, normalise?: Normalise): FoodFinding;
  /** Terms with a named food's words that no entry uses ("milk" is one's topic) replaced by the food term. */
  asDiet(terms: readonly string[], food: string): string[];
  /** Whether the question asks if an amount is safe (see FOOD_SAFETY_TRIGGERS). */
  asksAboutSafety(q: Analysed): boolean;
  answer(result: FoodResult, wantsSafety: boolean, servings: number): Answer;
  topFoods(): Answer;
}

export function createFoodQuestions(ctx: EngineContext): FoodQuestions {
  const { kb, foods, router, lexicon, stemOf, index, limitTerms, limitStems, dietTerms } = ctx;
  const safetyTerms = new Set(analyse(FOOD_SAFETY_TRIGGERS, lexicon).terms);
  const asksAboutSafety = (q: Analysed): boolean => q.terms.some((t) => safetyTerms.has(t));

  function find(question: string, q: Analysed, normalise: Normalise = normaliseText): FoodFinding {
    const rawText = q.original.join(' ');
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
      // Only what the member typed (and curated aliases) may excuse an off-topic word: a table's long name
      // ("Rice, brown, cooked") would make "how do I cook rice" look like nothing but the food.
      const typed = [hit.matched, ...(curated?.aliases ?? [])];
      const bare = router.onlyFood(q.words, { names: typed }, normalise);
      const selenium = router.mentionsSelenium(q.words);
      // "How much water should I drink" asks how much of the food to have, not what is in it.
      const contentAsked = amount && (selenium || router.asksAboutContent(q.words));
      // "Brazil nuts every day ok?": when one serving of a curated food holds more than the adult upper
      // limit, how much or how often of it is safe is a question about selenium, not about the diet.
      const overLimit = curated !== undefined && (hit.result.mcg ?? 0) > kb.facts.upperLimit.adultMcg;
      const limitAsked = overLimit && q.terms.some((t) => limitTerms.has(t));
      const asked = contentAsked || bare || (curated !== undefined && selenium) || limitAsked;
      if (asked) {
        const question = router.forFood({ names }, normalise);
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
    const match = result.found
      ? { result, question: router.forFood({ names }, normalise), typed: [rest.join(' ')] }
      : null;
    return { match, mentioned };
  }

  function asDiet(terms: readonly string[], food: string): string[] {
    const foodTerms = new Set(analyse(food, lexicon, undefined, stemOf).terms.filter((t) => !index.idf.has(t)));
    const rest = terms.filter((t) => !foodTerms.has(t));
    return rest.length === terms.length ? [...terms] : [...rest, ...dietTerms.filter((t) => !rest.includes(t))];
  }

  function answer(result: FoodResult, wantsSafety: boolean, servings: number): Answer {
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
      followUpOf: null,
      ...(described.parts ? { food: described.parts } : {}),
    };
  }

  function topFoods(): Answer {
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
      followUpOf: null,
    };
  }

  return { find, asDiet, asksAboutSafety, answer, topFoods };
}

import { DISCLAIMER, safetyLine } from './answer.js';
import type { EngineContext } from './context.js';
import { FOOD_CONFIDENCE } from './food-question.js';
import { CATEGORIES, findCategory } from './foods/categories.js';
import { type Analysed, normaliseText, words } from './normalise.js';
import type { Answer, Citation, FoodResult } from './types.js';
import { COMPARE_CUES, FOODS_IN_LIST, PLANT_CUES, RANKING_CUES, WEAK_RANKING_CUES } from './vocabulary.js';

// Food questions in free text that the food index's views answer: two foods compared, the richest foods of
// a category or of plants only, and how many servings of a food reach the upper limit.

/** Pieces of a comparison ("tuna or salmon", "whole wheat bread vs white bread"). */
const COMPARE_PIECES = /\bvs\.?(?=\s)|\bversus\b|\bor\b|\bthan\b|,|\band\b|\//;
/** "how many" or "how much" of a food: a count question. */
const HOW_MANY = /\bhow (?:many|much)\b/;
/** Limit words for "how many before the upper limit". */
const LIMIT_CUE = /\b(?:limit|max|maximum|upper|too much|over|exceed|overdo|toxic|safe|safely|ul)\b/;
/** Asking about too much of a food without "how many": "can you overdose on brazil nuts", "too many eggs?". */
const OVERDOSE_CUE = /\b(?:overdose|overdosing|overdosed|too many|selenosis)\b/;

export interface FoodIntents {
  answer(message: string, q: Analysed): Answer | null;
}

export function createFoodIntents(ctx: EngineContext): FoodIntents {
  const { kb, foods, router } = ctx;
  const compareCues = new Set(words(COMPARE_CUES));
  const rankingCues = new Set(words(RANKING_CUES));
  const plantCues = new Set(words(PLANT_CUES));
  const weakCues = new Set(words(WEAK_RANKING_CUES));
  const foodNames = new Set(
    kb.foods.flatMap((f) => [f.name, ...f.aliases]).map((n) => words(normaliseText(n.split(',')[0] ?? n))[0] ?? ''),
  );
  const plantCategories = CATEGORIES.filter((c) => c.plant).map((c) => c.id);

  const firstCitation = (f: FoodResult): Citation[] => foods.describe(f).citations.slice(0, 1);
  const foodReply = (text: string, citations: Citation[], matchId: string | null): Answer => ({
    answered: true,
    confidence: FOOD_CONFIDENCE,
    text,
    citations,
    suggestions: [],
    disclaimer: DISCLAIMER,
    route: 'food',
    matchId,
    safety: safetyLine(kb),
    evidence: [],
    followUpOf: null,
  });
  const listed = (items: FoodResult[], what: string): Answer | null => {
    if (!items.length) return null;
    const list = items.map((f) => `${f.name} (${f.mcg} mcg per ${f.serving})`).join('; ');
    const source = items[0]?.source?.title ?? 'the food table';
    return foodReply(
      `The article does not rank food sources. According to ${source}, the richest ${what} per serving are: ${list}.`,
      items.flatMap(firstCitation),
      null,
    );
  };

  function compare(message: string, ws: readonly string[]): Answer | null {
    if (!ws.some((w) => compareCues.has(w))) return null;
    const hits = message
      .slice(0, 300)
      .split(COMPARE_PIECES)
      .map((p) => foods.findInText(p))
      .filter((h) => h?.result.found === true);
    const distinct = [...new Map(hits.map((h) => [h?.result.id, h])).values()];
    if (distinct.length !== 2) return null;
    const [a, b] = distinct;
    if (!a || !b) return null;
    const comparison = foods.compare(a.result.id ?? a.matched, b.result.id ?? b.matched);
    if (!comparison.a.found || !comparison.b.found) return null;
    return foodReply(
      comparison.text,
      [...firstCitation(comparison.a), ...firstCitation(comparison.b)],
      comparison.a.id,
    );
  }

  function category(ws: readonly string[]): Answer | null {
    const cues = ws.filter((w) => rankingCues.has(w));
    if (!cues.length) return null;
    if (cues.every((w) => weakCues.has(w)) && !router.mentionsSelenium(ws)) return null;
    if (ws.some((w) => plantCues.has(w))) {
      const plants = plantCategories
        .flatMap((c) => foods.top({ category: c, limit: FOODS_IN_LIST }))
        .filter((f) => f.found && f.table === 'ods');
      const unique = [...new Map(plants.map((f) => [f.id, f])).values()];
      unique.sort((x, y) => (y.mcg ?? 0) - (x.mcg ?? 0));
      return listed(unique.slice(0, FOODS_IN_LIST), 'plant foods');
    }
    // A word that is also a food's own name ("milk", "bread") asks about that food, not its category.
    const found = ws
      .filter((w) => !foodNames.has(w) && !foodNames.has(w.replace(/s$/, '')))
      .map(findCategory)
      .find((c) => c !== null);
    if (!found) return null;
    return listed(
      foods.top({ category: found.id, limit: FOODS_IN_LIST }).filter((f) => f.found),
      found.label,
    );
  }

  function servingsToLimit(message: string, ws: readonly string[]): Answer | null {
    const text = ws.join(' ');
    if (!(HOW_MANY.test(text) && LIMIT_CUE.test(text)) && !OVERDOSE_CUE.test(text)) return null;
    const hit = foods.findInText(message);
    const food = hit?.result;
    if (!hit || !food?.found || !food.mcg || !router.namesFood(hit.matched)) return null;
    const { upperLimit, rda } = kb.facts;
    const servings = upperLimit.adultMcg / food.mcg;
    const verdict =
      servings < 1
        ? `One serving already holds more than the adult upper limit of ${upperLimit.adultMcg} mcg a day: about ${round(servings)} of a serving reaches it.`
        : `About ${Math.floor(servings)} servings a day reach the adult upper limit of ${upperLimit.adultMcg} mcg (from all food and supplements together).`;
    return foodReply(
      `${food.name}: ${food.mcg} mcg of selenium per ${food.serving}. ${verdict} The adult RDA of ${rda.adultMcg} mcg is about ${round(rda.adultMcg / food.mcg)} servings.`,
      firstCitation(food),
      food.id,
    );
  }

  return {
    answer(message, q) {
      return compare(message, q.original) ?? servingsToLimit(message, q.words) ?? category(q.words);
    },
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;

import type { KnowledgeBase } from '../knowledge/load.js';
import { refusal } from './answer.js';
import { createQuestionAutocomplete, sectionChoices } from './autocomplete.js';
import { createComposer } from './compose.js';
import { createContext } from './context.js';
import { createFoodQuestions } from './food-question.js';
import { createRanker } from './match.js';
import { analyseStems } from './normalise.js';
import { createScope } from './scope.js';
import type { Answer, Engine } from './types.js';
import { createUnderstander } from './understand.js';

export { DISCLAIMER, REFUSAL_TEXT } from './answer.js';
export { SUGGESTION_FLOOR } from './compose.js';
export { figures } from './context.js';
export { ANSWER_THRESHOLD } from './scope.js';

/**
 * The engine: the knowledge base compiled once (context.ts), then one pipeline of named stages per
 * question: understand the message, route food questions, match topics, decide scope, compose.
 */
export function createEngine(kb: KnowledgeBase): Engine {
  const ctx = createContext(kb);
  const understand = createUnderstander(ctx);
  const food = createFoodQuestions(ctx);
  const rankTopics = createRanker(ctx);
  const scope = createScope(ctx);
  const compose = createComposer(ctx, ask);

  function ask(question: string): Answer {
    // Understand: which words ask, without the article framing and the amounts a member states.
    const q = understand.analyseQuestion(question);
    if (!q.terms.length) return refusal(0, compose.generalSuggestions());
    // Route: a food the question is about, or one it only names.
    const { match: foodMatch, mentioned } = food.find(question, q);
    // Match: a table food named in a topic question ("brazil nuts or pills?") stands for food in general.
    const ranked = rankTopics(question, mentioned ? food.asDiet(q.terms, mentioned) : q.terms);
    // Scope: off-topic words refuse whatever else matched.
    const foodWords = new Set(foodMatch ? foodMatch.typed.flatMap((n) => analyseStems(n, ctx.stemOf)) : []);
    if (scope.offTopic(q, foodWords).length) return compose.refuse(ranked);
    const wantsSafety = q.terms.some((t) => ctx.safetyTerms.has(t));
    if (foodMatch) {
      const { result, question: fq, limitAsked } = foodMatch;
      const servings = result.serving ? fq.servingsIn(q.words, result.serving) : 1;
      return food.answer(result, wantsSafety || limitAsked === true, servings);
    }
    if (ctx.router.asksForFoodList(q.words)) return food.topFoods();
    if (scope.refusalReason(q, ranked[0]) !== null) return compose.refuse(ranked);
    // Compose: the best topic's quotes, its related topics as suggestions.
    return compose.fromBest(ranked, wantsSafety);
  }

  const questionAutocomplete = createQuestionAutocomplete(ctx.docInputs, ctx.correct);

  return {
    ask,
    food: (query, options) => ctx.foods.lookup(query, options ?? {}),
    foodAnswer: (query, options) => {
      const result = ctx.foods.lookup(query, options ?? {});
      if (!result.found) return refusal(0, []);
      return food.answer(result, false, options?.servings ?? 1);
    },
    topFoods: (options) => ctx.foods.top(options ?? {}),
    compareFoods: (a, b) => ctx.foods.compare(a, b),
    autocompleteQuestions: (partial) => questionAutocomplete(partial),
    autocompleteFoods: (partial) => ctx.foods.autocomplete(partial),
    autocompleteSections: (partial) => sectionChoices(kb, partial),
    topics: () => compose.topics(),
  };
}

import type { CompiledLexicon } from './normalise.js';
import {
  analyseStems,
  findOutOfScope,
  LIGHT_WORDS,
  type Normalise,
  normaliseText,
  STOPWORDS,
  stem,
  words,
} from './normalise.js';
import { editDistance, maxEdits } from './typos.js';
import {
  CONTAINER_WORDS,
  CONTENT_WORDS,
  FOOD_FRAME_WORDS,
  FOOD_LIST_WORDS,
  LIST_CUES,
  QUANTITY_WORDS,
  SELENIUM_WORDS,
} from './vocabulary.js';

// Deciding which part of the knowledge base a question is for. A food is only the answer when the
// food (plus words that frame a quantity question) is all the question says: "how much selenium is in
// tuna" is a food question, "how long should I boil an egg" is not, although both name a food.

export interface FoodHit {
  /** Display name, matched text and aliases of the food the food index found in the question. */
  names: string[];
}

/** Questions about one food, with that food's names worked out once (see `Router.forFood`). */
export interface FoodQuestion {
  /** As `Router.foodRemainder`. */
  remainder(words: readonly string[]): string[];
  /** As `Router.onlyFood`. */
  only(words: readonly string[]): boolean;
  /** As `Router.servingsIn`. */
  servingsIn(words: readonly string[], serving: string): number;
}

export interface Router {
  /** The food-specific checks for one food's names, when a question needs several of them. */
  forFood(hit: FoodHit, normalise?: Normalise): FoodQuestion;
  /** Stemmed question words that are neither stopwords, nor part of the food, nor quantity framing. */
  foodRemainder(words: readonly string[], hit: FoodHit): string[];
  /** True when the question is nothing but the food's name ("brazil nuts", "raw oysters"). */
  onlyFood(words: readonly string[], hit: FoodHit, normalise?: Normalise): boolean;
  /** True when the question asks which foods are rich in selenium without naming one. */
  asksForFoodList(words: readonly string[]): boolean;
  /** True when the question asks how much of something there is ("how much", "mcg", "selenium in"). */
  asksForAmount(words: readonly string[]): boolean;
  /** True when an amount question asks what a food contains ("how much is in tuna"), not how much of it to have. */
  asksAboutContent(words: readonly string[]): boolean;
  /** True when the question names selenium (or its unit) at all. */
  mentionsSelenium(words: readonly string[]): boolean;
  /** True when the question measures its food in a container or serving ("a glass of milk", "a can of"). */
  mentionsContainer(words: readonly string[]): boolean;
  /** True when a matched food text has a word that names food, not only framing ("can", "serving"). */
  namesFood(matched: string): boolean;
  /** The words left once framing is removed: what a food lookup should be given. */
  foodWords(words: readonly string[]): string[];
  outOfScope(rawWords: readonly string[], correctedWords: readonly string[]): string[];
  /**
   * How many servings a food question counts ("3 eggs" of a "1 large" serving, "2 cups of milk" of a
   * "1 cup" one, "2 servings of tuna"), or 1 when it names none or the amount is not in servings.
   */
  servingsIn(words: readonly string[], serving: string, hit: FoodHit): number;
}

/** More servings than this are a typo or a joke; the answer keeps to the single serving. */
const MAX_SERVINGS = 100;

/**
 * `fixedNames`: names the router will be asked about again and again (the curated foods' names and aliases,
 * dozens per food): each is stemmed once, when the router is made.
 */
export function createRouter(
  lexicon: CompiledLexicon,
  stemOf: (word: string) => string = stem,
  fixedNames: Iterable<string> = [],
): Router {
  const frame = new Set(FOOD_FRAME_WORDS.split(/\s+/).map(stem));
  const list = new Set(FOOD_LIST_WORDS.split(/\s+/).map(stem));
  const cues = new Set(LIST_CUES.split(/\s+/));
  const quantity = new Set(QUANTITY_WORDS.split(/\s+/).map(stem));
  const containers = new Set(CONTAINER_WORDS.split(/\s+/).map(stem));
  const selenium = new Set(SELENIUM_WORDS.split(/\s+/));
  const content = new Set(CONTENT_WORDS.split(/\s+/));
  const light = new Set([...LIGHT_WORDS].map(stem));
  const isFrame = (w: string) => STOPWORDS.has(w) || frame.has(stemOf(w)) || /^\d+(?:\.\d+)?$/.test(w);
  // Chatty filler ("quick q", "actually", "heard") does not stop a food question from being one.
  const isFiller = (w: string) => isFrame(w) || light.has(stemOf(w));
  // The names asked about again and again, stemmed once with the router (a few hundred short names).
  const kept = new Map<string, readonly string[]>([...fixedNames].map((n) => [n, analyseStems(n, stemOf)]));
  const stemsOf = (name: string, normalise: Normalise): readonly string[] =>
    kept.get(name) ?? analyseStems(name, stemOf, normalise);
  /** Whether a stemmed word belongs to the food's names (a near spelling counts). */
  const foodMatcher = (hit: FoodHit, normalise: Normalise) => {
    const foodStems = new Set(hit.names.flatMap((n) => stemsOf(n, normalise)));
    const fuzzy = [...foodStems].filter((f) => f.length >= 4);
    return (s: string) =>
      foodStems.has(s) || fuzzy.some((f) => editDistance(s, f, maxEdits(f.length)) <= maxEdits(f.length));
  };

  function forFood(hit: FoodHit, normalise: Normalise = normaliseText): FoodQuestion {
    const food = foodMatcher(hit, normalise);
    return {
      remainder: (words) =>
        words
          .filter((w) => !isFiller(w))
          .map(stemOf)
          .filter((s) => !food(s)),
      // "A glass of milk" is still nothing but the food: its measure says how much, not what else.
      only: (words) =>
        words
          .filter((w, i) => !STOPWORDS.has(w) && !(containers.has(stemOf(w)) && words[i + 1] === 'of'))
          .every((w) => food(stemOf(w))),
      servingsIn(words, serving) {
        const [count, unit] = normaliseText(serving).split(' ');
        for (let i = 0; i + 1 < words.length; i++) {
          const n = Number(words[i]);
          if (!/^\d+(?:\.\d+)?$/.test(words[i] as string) || n <= 0 || n > MAX_SERVINGS) continue;
          const next = stemOf(words[i + 1] as string);
          if (next === stemOf('serving') || next === stemOf('portion')) return n;
          if (count !== '1' || !unit) continue;
          // "2 cups" of a "1 cup" serving; "3 eggs" of a "1 large" (a count of the food itself).
          if (next === stemOf(unit)) return n;
          if (!containers.has(stemOf(unit)) && food(next)) return n;
        }
        return 1;
      },
    };
  }

  return {
    forFood,
    foodRemainder: (words, hit) => forFood(hit).remainder(words),
    onlyFood: (words, hit, normalise) => forFood(hit, normalise).only(words),
    asksForFoodList(words) {
      const content = words.filter((w) => !isFrame(w) || list.has(stemOf(w)));
      return (
        words.some((w) => cues.has(w)) &&
        content.some((w) => list.has(stemOf(w))) &&
        content.every((w) => list.has(stemOf(w)))
      );
    },
    asksForAmount(words) {
      return words.some(
        (w, i) => quantity.has(stemOf(w)) || (w === 'selenium' && ['in', 'from'].includes(words[i + 1] ?? '')),
      );
    },
    asksAboutContent(words) {
      return words.some((w) => content.has(w));
    },
    mentionsSelenium(words) {
      return words.some((w) => selenium.has(w));
    },
    namesFood(matched) {
      return words(normaliseText(matched)).some((w) => !isFrame(w));
    },
    mentionsContainer(words) {
      // "a glass of ...": the "of" keeps the modal "can" or "serving size" from counting.
      return words.some((w, i) => containers.has(stemOf(w)) && words[i + 1] === 'of');
    },
    foodWords(words) {
      return words.filter((w) => !isFiller(w));
    },
    servingsIn: (words, serving, hit) => forFood(hit).servingsIn(words, serving),
    outOfScope(rawWords, correctedWords) {
      const raw = findOutOfScope(rawWords.map(stemOf), lexicon);
      const corrected = findOutOfScope(correctedWords.map(stemOf), lexicon);
      return [...new Set([...raw, ...corrected])];
    },
  };
}

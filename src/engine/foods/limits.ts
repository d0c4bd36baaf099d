// Bounds on what the food index returns and accepts, shared by its lookups, lists and adapters.

export const FOOD_LIMITS = {
  autocompleteChoices: 25,
  choiceChars: 100,
  topDefault: 10,
  topMax: 25,
  suggestions: 5,
  maxServings: 1000,
} as const;

/** Clamp a member-chosen number of servings to something sensible (default 1). */
export function normaliseServings(servings: number | undefined): number {
  if (servings === undefined || !Number.isFinite(servings) || servings <= 0) return 1;
  return Math.min(servings, FOOD_LIMITS.maxServings);
}

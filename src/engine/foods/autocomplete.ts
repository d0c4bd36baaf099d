import type { AutocompleteChoice } from '../types.js';
import { FOOD_LIMITS } from './limits.js';
import { formatNumber, type Hit, type Results, truncate } from './results.js';
import type { FoodTables } from './tables.js';
import { contentWords, foodTokens, QUESTION_WORDS } from './text.js';
import type { UsdaSearch } from './usda-search.js';

// Food choices while a member types: curated names first (typos forgiven), then common names, then
// USDA rows, each choice naming its amount; values are ids the lookup accepts.

export function createFoodAutocomplete(
  tables: FoodTables,
  search: UsdaSearch,
  results: Results,
  curatedPrefixTypos: (typed: string) => number[],
): (partial: string) => AutocompleteChoice[] {
  const { byRichness, common, curated, curatedKeys } = tables;
  const { terms, searchUsda } = search;
  const { resultOf, odsHit, usdaHit, hitName, hitId } = results;

  function choiceFor(hit: Hit): AutocompleteChoice {
    const r = resultOf(hit, 1, []);
    const amount =
      hit.table === 'ods'
        ? `${formatNumber(r.mcg ?? 0)} mcg per ${r.serving}`
        : `${formatNumber(r.per100g ?? 0)} mcg/100 g`;
    const suffix = ` — ${amount}`;
    const name =
      suffix.length < FOOD_LIMITS.choiceChars / 2
        ? `${truncate(hitName(hit), FOOD_LIMITS.choiceChars - suffix.length)}${suffix}`
        : truncate(hitName(hit), FOOD_LIMITS.choiceChars);
    return { name, value: truncate(hitId(hit), FOOD_LIMITS.choiceChars) };
  }

  function autocomplete(partial: string): AutocompleteChoice[] {
    const max = FOOD_LIMITS.autocompleteChoices;
    const tokens = foodTokens(partial.slice(0, 200));
    if (!tokens.length) return byRichness.slice(0, max).map((i) => choiceFor(odsHit(i) as Hit));
    const prefixLast = !/\s$/.test(partial);
    const last = tokens[tokens.length - 1] as string;
    const done = tokens.slice(0, -1);

    // Curated: every typed word in the key, the last one as a prefix; names that start with it first.
    const scored = new Map<number, number>();
    const typed = tokens.join(' ');
    for (const k of curatedKeys) {
      const ok =
        done.every((t) => k.tokens.includes(t)) &&
        (prefixLast ? k.tokens.some((t) => t.startsWith(last)) : k.tokens.includes(last));
      if (!ok) continue;
      const score = k.key.startsWith(typed) ? 0 : 1;
      scored.set(k.food, Math.min(score, scored.get(k.food) ?? 2));
    }
    // Typos ("brazl"): only when no curated name matched as typed.
    if (!scored.size) for (const i of curatedPrefixTypos(typed)) scored.set(i, 2);
    const odsOrder = [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || (curated[b[0]]?.mcg ?? 0) - (curated[a[0]]?.mcg ?? 0))
      .map(([i]) => odsHit(i) as Hit);

    // Common names ("venis" -> venison): the best row of each name that starts with what was typed.
    const commonOrder: Hit[] = [];
    if (typed.length >= 3) {
      const named = new Set<number>();
      for (const key of common.keys()) {
        if (!(prefixLast ? key.startsWith(typed) : key === typed)) continue;
        const row = common.byKey(key)?.rows[0];
        if (row !== undefined) named.add(row);
      }
      for (const row of [...named].slice(0, 3)) commonOrder.push(usdaHit(row) as Hit);
    }
    odsOrder.push(...commonOrder);

    const room = max - Math.min(odsOrder.length, max);
    const words = contentWords(tokens).length
      ? tokens.filter((t, i) => i === tokens.length - 1 || !QUESTION_WORDS.has(t))
      : tokens;
    const qterms = room ? terms(words, { prefixLast, fuzzy: true }) : null;
    const listed = new Set(commonOrder.map(hitId));
    const usdaOrder = qterms
      ? searchUsda(qterms, room + listed.size)
          .map((m) => usdaHit(m.index) as Hit)
          .filter((h) => !listed.has(hitId(h)))
      : [];
    return [...odsOrder, ...usdaOrder].slice(0, max).map(choiceFor);
  }

  return autocomplete;
}

import type { Food, UsdaFoodRow } from '../../knowledge/schema.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { FoodResult } from '../types.js';
import { isPlantFood } from './categories.js';
import type { RowFeatures } from './rank.js';
import type { FoodTables } from './tables.js';

// What the food index's searches find (a curated food or a USDA row) and the FoodResult each becomes.

export type Hit = { table: 'ods'; food: Food } | { table: 'usda'; row: UsdaFoodRow; features: RowFeatures };

export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const formatNumber = (n: number): string => String(round1(n));
export const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

export interface Results {
  resultOf(hit: Hit, servings: number, suggestions: string[]): FoodResult;
  notFound(suggestions: string[]): FoodResult;
  /** The hit for a curated food or USDA row number, or null when there is none. */
  odsHit(i: number | undefined): Hit | null;
  usdaHit(i: number | undefined): Hit | null;
  hitName(h: Hit): string;
  hitId(h: Hit): string;
  /** Title of a reference (the curated table's source when undefined). */
  sourceTitle(id: string | undefined): string;
  usdaTitle: string;
}

export function createResults(kb: KnowledgeBase, tables: FoodTables): Results {
  const { curated, rows, features, curatedNameTokens, curatedArticleNotes } = tables;
  const dv = kb.facts.dailyValue.mcg;
  const references = new Map(kb.references.map((r) => [r.id, r]));
  const usdaRef = references.get(kb.usda.sourceId);

  const percentDv = (mcg: number): number => Math.round((mcg / dv) * 100);
  const servingLabel = (base: string, servings: number): string =>
    servings === 1 ? base : `${formatNumber(servings)} × ${base}`;

  const sourceTitle = (id: string | undefined): string => (id ? (references.get(id)?.title ?? id) : 'curated table');
  const usdaTitle = usdaRef?.title ?? kb.usda.sourceId;

  function source(id: string): FoodResult['source'] {
    const ref = references.get(id);
    return { id, title: ref?.title ?? id, url: ref?.url ?? null };
  }

  function resultOf(hit: Hit, servings: number, suggestions: string[]): FoodResult {
    if (hit.table === 'ods') {
      const { food } = hit;
      const mcg = round1(food.mcg * servings);
      const index = curated.indexOf(food);
      return {
        found: true,
        name: food.name,
        serving: servingLabel(food.serving, servings),
        mcg,
        percentDailyValue: percentDv(mcg),
        source: source(food.sourceId),
        suggestions,
        id: food.id,
        table: 'ods',
        per100g: null,
        notes: [
          ...(isPlantFood(curatedNameTokens[index] ?? [], null) ? [kb.facts.plantSoilNote.text] : []),
          ...(curatedArticleNotes[index] ?? []),
        ],
      };
    }
    const [ndb, description, per100g, grams, label] = hit.row;
    const perServing = grams === null ? per100g : (per100g * grams) / 100;
    const mcg = round1(perServing * servings);
    const base = grams === null || label === null ? '100 g' : `${label} (${formatNumber(grams)} g)`;
    const notes = [`${formatNumber(per100g)} mcg per 100 g.`];
    if (isPlantFood(hit.features.tokens, ndb)) notes.push(kb.facts.plantSoilNote.text);
    return {
      found: true,
      name: description,
      serving: servingLabel(base, servings),
      mcg,
      percentDailyValue: percentDv(mcg),
      source: usdaRef ? { id: usdaRef.id, title: usdaRef.title, url: usdaRef.url ?? null } : source(kb.usda.sourceId),
      suggestions,
      id: `usda-${ndb}`,
      table: 'usda',
      per100g,
      notes,
    };
  }

  const notFound = (suggestions: string[]): FoodResult => ({
    found: false,
    name: null,
    serving: null,
    mcg: null,
    percentDailyValue: null,
    source: null,
    suggestions,
    id: null,
    table: null,
    per100g: null,
    notes: [],
  });

  const odsHit = (i: number | undefined): Hit | null => {
    const food = i === undefined ? undefined : curated[i];
    return food ? { table: 'ods', food } : null;
  };
  const usdaHit = (i: number | undefined): Hit | null => {
    const row = i === undefined ? undefined : rows[i];
    const f = i === undefined ? undefined : features[i];
    return row && f ? { table: 'usda', row, features: f } : null;
  };
  const hitName = (h: Hit): string => (h.table === 'ods' ? h.food.name : h.row[1]);
  const hitId = (h: Hit): string => (h.table === 'ods' ? h.food.id : `usda-${h.row[0]}`);

  return { resultOf, notFound, odsHit, usdaHit, hitName, hitId, sourceTitle, usdaTitle };
}

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFoodIndex, type FoodIndex } from '../../../src/engine/foods/index.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../../src/knowledge/types.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let cached: { kb: KnowledgeBase; index: FoodIndex } | undefined;

/** The real knowledge folder, loaded and indexed once per test file. */
export function realKnowledge(): { kb: KnowledgeBase; index: FoodIndex } {
  if (cached) return cached;
  const loaded = loadKnowledge(resolve(repoRoot, 'knowledge'));
  if (!loaded.ok) throw new Error(`knowledge does not load: ${JSON.stringify(loaded.errors.slice(0, 5))}`);
  cached = { kb: loaded.kb, index: createFoodIndex(loaded.kb) };
  return cached;
}

/** Brand, restaurant, fast-food and baby-food rows: never what a plain food name means. */
export const looksSpecial = (name: string): boolean =>
  /\b[A-Z]{3,}\b/.test(name.replace(/\bUSDA\b/g, '')) ||
  /restaurant|fast foods|babyfood|infant formula|campbell/i.test(name);

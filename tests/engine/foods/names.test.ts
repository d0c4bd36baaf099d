import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCommonNames } from '../../../src/engine/foods/names.js';
import { rowFeatures } from '../../../src/engine/foods/rank.js';
import { foodKey, foodTokens } from '../../../src/engine/foods/text.js';
import { foodNamesSchema } from '../../../src/knowledge/schema.js';
import { looksSpecial, realKnowledge, repoRoot } from './kb.js';

const { kb, index } = realKnowledge();
const features = kb.usda.foods.map(rowFeatures);

describe('knowledge/food-names.json', () => {
  it('is loaded and valid', () => {
    const raw = JSON.parse(readFileSync(resolve(repoRoot, 'knowledge/food-names.json'), 'utf8'));
    expect(foodNamesSchema.safeParse(raw).success).toBe(true);
    expect(kb.foodNames.length).toBeGreaterThanOrEqual(30);
  });

  it('points every description start at USDA rows', () => {
    for (const entry of kb.foodNames) {
      for (const start of entry.usda) {
        const prefix = foodTokens(start);
        const rows = features.filter((f) => prefix.every((w, i) => f.tokens[i] === w));
        expect(rows.length, `${entry.name}: "${start}"`).toBeGreaterThan(0);
      }
    }
  });

  it('never shadows a curated food or repeats a name', () => {
    const curated = new Set(kb.foods.flatMap((f) => [f.name, ...f.aliases, f.id.replace(/-/g, ' ')].map(foodKey)));
    const seen = new Set<string>();
    for (const entry of kb.foodNames) {
      for (const phrase of [entry.name, ...entry.aliases]) {
        const key = foodKey(phrase);
        expect(curated.has(key), `${phrase} is a curated name`).toBe(false);
        expect(seen.has(key), `${phrase} is listed twice`).toBe(false);
        seen.add(key);
      }
    }
  });

  it('looks every name and alias up as one of its rows, never a brand or restaurant row, unless a curated food is named by the same words', () => {
    const common = compileCommonNames(kb.foodNames, features);
    for (const entry of kb.foodNames) {
      const rows = common.byKey(foodKey(entry.name))?.rows ?? [];
      for (const phrase of [entry.name, ...entry.aliases]) {
        const hit = index.lookup(phrase);
        // "porridge oats": both words are the curated oatmeal's own names, and the curated row wins.
        const curated = kb.foods.find((f) => f.id === hit.id);
        if (curated) {
          const names = new Set(foodKey([curated.name, ...curated.aliases].join(' ')).split(' '));
          expect(
            foodKey(phrase)
              .split(' ')
              .every((w) => names.has(w)),
            phrase,
          ).toBe(true);
          continue;
        }
        expect(hit.table, phrase).toBe('usda');
        expect(
          rows.map((r) => `usda-${kb.usda.foods[r]?.[0]}`),
          phrase,
        ).toContain(hit.id);
        expect(looksSpecial(hit.name ?? ''), `${phrase} -> ${hit.name}`).toBe(false);
      }
    }
  });
});

describe('compileCommonNames', () => {
  const rows = [
    ['00001', 'Frankfurter, beef, unheated', 10, null, null],
    ['00002', 'Frankfurter, meat', 12, null, null],
    ['00003', 'Frankfurter, meat, heated', 12, null, null],
    ['00004', 'Game meat, deer, raw', 9, null, null],
    ['00005', 'Game meat, deer, ground, cooked, pan-broiled', 10, null, null],
    ['00006', 'Game meat, deer, loin, 1" steak, cooked, broiled', 13, null, null],
  ] as const;
  const f = rows.map((r, i) => rowFeatures([...r], i));

  it('takes the list order first, pins a whole description, and ranks the rest generic-first', () => {
    const names = compileCommonNames(
      [
        { name: 'hot dog', aliases: ['hotdogs'], usda: ['Frankfurter, meat', 'Frankfurter'] },
        { name: 'venison', aliases: [], usda: ['Game meat, deer'] },
      ],
      f,
    );
    expect(names.byKey('hot dog')?.rows).toEqual([1, 2, 0]);
    expect(names.byKey(foodKey('hotdogs'))?.rows).toEqual([1, 2, 0]);
    expect(names.byKey('venison')?.rows[0]).toBe(3);
    expect(names.byKey('venison')?.rows).toHaveLength(3);
    expect(names.byKey('dog')).toBeUndefined();
  });

  it('drops names whose starts match nothing', () => {
    const names = compileCommonNames([{ name: 'unicorn', aliases: [], usda: ['Unicorn, raw'] }], f);
    expect(names.byKey('unicorn')).toBeUndefined();
    expect(names.keys()).toEqual([]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUsdaRows, formatUsdaFile, parseCsv } from '../../../scripts/build-usda-foods.js';
import { usdaFoodsSchema } from '../../../src/knowledge/schema.js';
import { realKnowledge, repoRoot } from './kb.js';

const csvPath = resolve(repoRoot, '../shared/reference/usda-sr26-selenium.csv');
const hasCsv = existsSync(csvPath);

describe('build-usda-foods', () => {
  const header =
    'ndb_no,description,selenium_ug_per_100g,household_weight1_g,household_measure1,household_weight2_g,household_measure2,source_url';

  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,,3\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '', '3'],
    ]);
  });

  it('leaves out foods without a measured value, keeps measured zeros, and picks a serving', () => {
    const csv = [
      header,
      '00001,"Food, measured",12.5,85,3 oz,,,u',
      '00002,"Food, not measured",,85,3 oz,,,u',
      '00003,"Food, zero",0.0,,,30,.5 cup,u',
      '00004,"Food, no serving",7,,,,,u',
    ].join('\n');
    const { rows, stats } = buildUsdaRows(csv);
    expect(rows).toEqual([
      ['00001', 'Food, measured', 12.5, 85, '3 oz'],
      ['00003', 'Food, zero', 0, 30, '0.5 cup'],
      ['00004', 'Food, no serving', 7, null, null],
    ]);
    expect(stats).toEqual({ total: 4, kept: 3, droppedUnmeasured: 1, withServing: 2 });
    expect(usdaFoodsSchema.safeParse(JSON.parse(formatUsdaFile(rows))).success).toBe(true);
  });

  it('rejects a CSV with unexpected columns', () => {
    expect(() => buildUsdaRows('ndb,name\n1,x')).toThrow(/header/);
  });
});

describe('knowledge/usda-foods.json', () => {
  const { kb } = realKnowledge();

  it('has no duplicate NDB numbers and only valid amounts', () => {
    expect(new Set(kb.usda.foods.map((r) => r[0])).size).toBe(kb.usda.foods.length);
    for (const [, , mcg] of kb.usda.foods) expect(mcg).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!hasCsv)('matches the shared CSV: unmeasured foods absent, measured ones kept with their value', () => {
    const [head, ...records] = parseCsv(readFileSync(csvPath, 'utf8'));
    const col = (name: string) => head?.indexOf(name) ?? -1;
    const [ndbCol, seCol] = [col('ndb_no'), col('selenium_ug_per_100g')];
    const stored = new Map(kb.usda.foods.map((r) => [r[0], r[2]]));
    let unmeasured = 0;
    for (const rec of records) {
      const ndb = rec[ndbCol] ?? '';
      const value = (rec[seCol] ?? '').trim();
      if (value === '') {
        unmeasured++;
        expect(stored.has(ndb), ndb).toBe(false);
      } else {
        expect(stored.get(ndb), ndb).toBeCloseTo(Number(value), 2);
      }
    }
    expect(unmeasured).toBeGreaterThan(0);
    expect(stored.size).toBe(records.length - unmeasured);
  });

  it.skipIf(!hasCsv)('is exactly what the build script writes today', () => {
    const { rows } = buildUsdaRows(readFileSync(csvPath, 'utf8'));
    expect(readFileSync(resolve(repoRoot, 'knowledge/usda-foods.json'), 'utf8')).toBe(formatUsdaFile(rows));
  });
});

// Derives knowledge/usda-foods.json from the USDA SR26 selenium extract. A build-time script for
// curators: the bot never reads the CSV, only the derived file (validated again by the loader).
//
//   npx tsx scripts/build-usda-foods.ts [path/to/usda-sr26-selenium.csv] [out.json]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isEntryModule } from '../src/entry.js';
import { type UsdaFoodRow, usdaFoodsSchema } from '../src/knowledge/schema.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const HEADER = [
  'ndb_no',
  'description',
  'selenium_ug_per_100g',
  'household_weight1_g',
  'household_measure1',
  'household_weight2_g',
  'household_measure2',
] as const;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

// Empty means "not measured"; it must stay distinguishable from a measured 0.
const optionalNumber = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : Number(s)))
  .refine((n) => n === null || Number.isFinite(n), 'not a number');

const csvRowSchema = z.object({
  ndb_no: z.string().regex(/^\d{5}$/),
  description: z.string().trim().min(1),
  selenium_ug_per_100g: optionalNumber,
  household_weight1_g: optionalNumber,
  household_measure1: z.string(),
  household_weight2_g: optionalNumber,
  household_measure2: z.string(),
});

/** ".5 cup" -> "0.5 cup", and the source's double spaces collapsed. */
const cleanMeasure = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(^|\s)\.(\d)/g, '$10.$2');

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export interface BuildStats {
  total: number;
  kept: number;
  droppedUnmeasured: number;
  withServing: number;
}

export function buildUsdaRows(csv: string): { rows: UsdaFoodRow[]; stats: BuildStats } {
  const [header, ...records] = parseCsv(csv);
  if (!header || HEADER.some((name, i) => header[i]?.trim() !== name))
    throw new Error(`unexpected CSV header: ${header?.join(',')} (expected ${HEADER.join(',')}, ...)`);
  const rows: UsdaFoodRow[] = [];
  let droppedUnmeasured = 0;
  let withServing = 0;
  records.forEach((fields, i) => {
    const parsed = csvRowSchema.safeParse(Object.fromEntries(HEADER.map((name, k) => [name, fields[k] ?? ''])));
    if (!parsed.success) throw new Error(`CSV line ${i + 2}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    const r = parsed.data;
    if (r.selenium_ug_per_100g === null) {
      droppedUnmeasured++;
      return;
    }
    const servings: [number | null, string][] = [
      [r.household_weight1_g, r.household_measure1],
      [r.household_weight2_g, r.household_measure2],
    ];
    const serving = servings.find(([g, label]) => g !== null && g > 0 && cleanMeasure(label) !== '');
    if (serving) withServing++;
    rows.push([
      r.ndb_no,
      r.description.replace(/\s+/g, ' '),
      round(r.selenium_ug_per_100g, 2),
      serving ? round(serving[0] as number, 2) : null,
      serving ? cleanMeasure(serving[1]) : null,
    ]);
  });
  return { rows, stats: { total: records.length, kept: rows.length, droppedUnmeasured, withServing } };
}

/** Compact but diffable: one food per line. */
export function formatUsdaFile(rows: UsdaFoodRow[]): string {
  const file = usdaFoodsSchema.parse({
    $schema: './schemas/usda-foods.schema.json',
    sourceId: 'usda-sr26',
    foods: rows,
  });
  const lines = file.foods.map((row) => JSON.stringify(row));
  return `{"$schema":${JSON.stringify(file.$schema)},"sourceId":${JSON.stringify(file.sourceId)},"foods":[\n${lines.join(',\n')}\n]}\n`;
}

function main(argv: string[]): void {
  const input = resolve(repoRoot, argv[0] ?? '../shared/reference/usda-sr26-selenium.csv');
  const output = resolve(repoRoot, argv[1] ?? 'knowledge/usda-foods.json');
  const { rows, stats } = buildUsdaRows(readFileSync(input, 'utf8'));
  writeFileSync(output, formatUsdaFile(rows));
  process.stdout.write(
    `${output}: kept ${stats.kept} of ${stats.total} foods (${stats.droppedUnmeasured} without a measured selenium value left out; ${stats.withServing} with a household serving)\n`,
  );
}

if (isEntryModule(import.meta.url)) main(process.argv.slice(2));

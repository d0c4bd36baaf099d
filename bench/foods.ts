// Food index benchmark: autocomplete and lookup latency with the full USDA table loaded.
// Target (issue 6): autocomplete well under 50 ms. Run alone with `npx tsx bench/foods.ts`.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFoodIndex } from '../src/engine/foods/index.js';
import { isEntryModule } from '../src/entry.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What members type into /food, keystroke by keystroke, with typos and odd input. */
const TYPED = [
  'brazil nuts',
  'salmon',
  'chicken liver',
  'sunflower seeds',
  'oysters',
  'avocado',
  'yoghurt',
  'brazl',
  'bananna',
  'cheddar cheese',
  'whole wheat bread',
  'tuna salad',
  'qqqq zzzz',
];
const PARTIALS = [
  '',
  's',
  'b',
  'c',
  ...TYPED.flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1))),
];
const LOOKUPS = [
  ...TYPED,
  'eggs',
  'milk',
  'pork chop',
  'broccoli',
  'purple salmon sandwich',
  'laptop',
  'usda-15076',
  'hot dogs',
  'venison steak',
  'grilled salmon fillet',
];
/** Chat questions: foods inside longer phrases, and questions that name no food (the costlier case). */
const QUESTIONS = [
  ...LOOKUPS.map((q) => `how much selenium is in ${q}?`),
  'is selenium good for dogs',
  'how much caffeine is too much',
  'wat about sardines',
  'how many mcg of selenium in tuna steak',
  'does selenium help against covid and is it safe to take with vitamin c every day',
];
const ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function measure(
  inputs: readonly string[],
  run: (s: string) => unknown,
): { p50: number; p99: number; max: number; n: number } {
  for (const s of inputs) run(s); // warm-up: JIT and lazily built caches
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of inputs) {
      const t = performance.now();
      run(s);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0, n: times.length };
}

const ms = (n: number): string => `${n.toFixed(3)} ms`;

export async function benchFoods(): Promise<string> {
  const loaded = loadKnowledge(resolve(repoRoot, 'knowledge'));
  if (!loaded.ok) throw new Error(`knowledge does not load: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const { kb } = loaded;
  const t0 = performance.now();
  const index = createFoodIndex(kb);
  index.prepare();
  const build = performance.now() - t0;

  const rows = [
    ['autocomplete (per keystroke)', measure(PARTIALS, (p) => index.autocomplete(p))],
    ['lookup', measure(LOOKUPS, (q) => index.lookup(q))],
    ['findInText', measure(QUESTIONS, (q) => index.findInText(q))],
  ] as const;

  const lines = [
    '## Food index',
    '',
    `${kb.foods.length} curated NIH ODS foods + ${kb.usda.foods.length} USDA SR26 foods; index built in ${ms(build)}.`,
    `Target: autocomplete well under 50 ms with the full table.`,
    '',
    '| operation | calls | p50 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map(([name, r]) => `| ${name} | ${r.n} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`),
    '',
  ];
  return lines.join('\n');
}

if (isEntryModule(import.meta.url)) {
  benchFoods().then((md) => process.stdout.write(`${md}\n`));
}

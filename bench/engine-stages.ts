// Where the engine's time goes per message, stage by stage: every question of the eval sets timed many
// rounds in one process (the least disturbed time, the minimum, is the question's own cost; the rest is the
// machine), then the slowest of them repeated under V8's sampling profiler, each sample given to the
// pipeline stage it ran in. Run by `npx tsx bench/profile.ts engine`. A tool, not a benchmark: no targets.
import { readdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Engine } from '../src/engine/types.js';
import { readEvalLines } from './load.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The engine's questions of tests/eval: questions.jsonl and the tuning halves of the blind sets (no food lookups). */
export function stageQuestions(dir = join(root, 'tests', 'eval')): string[] {
  const files = [
    'questions.jsonl',
    ...readdirSync(dir)
      .filter((f) => /^discord\d*-tuning\.jsonl$/.test(f))
      .sort(),
  ];
  const line = z.object({ q: z.string().min(1), expect: z.string() });
  return [
    ...new Set(
      readEvalLines(
        files.map((f) => join(dir, f)),
        line,
      ).map((l) => l.q),
    ),
  ];
}

/**
 * Each question's least disturbed time (µs): `rounds` passes over all of them, one call at a time, the
 * minimum kept. A call slowed by the machine (another process, a collection) is slower, never faster.
 */
export function minimumTimes(ask: (q: string) => unknown, questions: readonly string[], rounds: number): number[] {
  const best = new Float64Array(questions.length).fill(Number.POSITIVE_INFINITY);
  for (let r = 0; r < rounds; r++)
    questions.forEach((q, i) => {
      const start = performance.now();
      ask(q);
      const us = (performance.now() - start) * 1000;
      if (us < (best[i] as number)) best[i] = us;
    });
  return [...best];
}

/** The pipeline's stages (docs/architecture.md), by the engine module that does the work. */
const STAGE_OF_FILE: [RegExp, string][] = [
  [/\/foods\//, 'food index'],
  [/\/typos\.ts$/, 'typo repair'],
  [/\/(understand|segment|plain|smalltalk|frame|quoted)\.ts$/, 'understand'],
  [/\/(router|food-question|food-intents|intake|mentions|structure|ages)\.ts$/, 'route'],
  [/\/(match|matcher|match-index|phrasing-terms|common-english)\.ts$/, 'match'],
  [/\/scope\.ts$/, 'scope'],
  [/\/(compose|answer|glossary|compact)\.ts$/, 'compose'],
  [/\/(follow-up[\w-]*|turns)\.ts$/, 'follow-up'],
  [/\/(normalise|ask-memo|once|chat-words|vocabulary|context)\.ts$/, 'normalise'],
  [/\/index\.ts$/, 'pipeline'],
];
/** Stages whose work counts as theirs wherever they are called from (the issue names them apart). */
const ANYWHERE = new Set(['food index', 'typo repair']);
/** Helpers every stage calls: their time counts to the stage that called them, or as normalising when none did. */
const HELPERS = new Set(['normalise', 'pipeline']);

const stageOfUrl = (url: string): string | null => {
  if (!/\/src\/engine\//.test(url)) return null;
  return STAGE_OF_FILE.find(([pattern]) => pattern.test(url))?.[1] ?? 'other engine';
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * A sample's stage from its stack (root first): food index or typo repair wherever they are on it, else
 * the outermost stage below the pipeline (compose's close-runner-up ranking is compose's work), else a
 * helper, else V8's own work (collections, compiling, the profiler).
 */
export function stageOfStack(urls: readonly string[]): string {
  const stages = urls.map(stageOfUrl).filter((s): s is string => s !== null);
  return (
    stages.find((s) => ANYWHERE.has(s)) ??
    stages.find((s) => !HELPERS.has(s)) ??
    (stages.includes('normalise') ? 'normalise' : stages.length ? 'pipeline' : 'outside the engine')
  );
}

/** Share of samples per stage in a V8 CPU profile. */
export function stageShares(profile: { nodes: ProfileNode[]; samples?: number[] }): Map<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stageOfNode = new Map<number, string>();
  const stageOf = (id: number): string => {
    const known = stageOfNode.get(id);
    if (known) return known;
    const urls: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      urls.unshift(byId.get(at)?.callFrame.url ?? '');
    const stage = stageOfStack(urls);
    stageOfNode.set(id, stage);
    return stage;
  };
  const counts = new Map<string, number>();
  const samples = profile.samples ?? [];
  for (const id of samples) counts.set(stageOf(id), (counts.get(stageOf(id)) ?? 0) + 1);
  return new Map([...counts].map(([s, n]) => [s, n / Math.max(1, samples.length)]));
}

/** Repeats `run` for about `ms` under the sampling profiler (one sample every `intervalUs`) and shares its time out. */
export async function profileStages(
  session: Session,
  run: () => void,
  ms: number,
  intervalUs = 25,
): Promise<Map<string, number>> {
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  const until = performance.now() + ms;
  while (performance.now() < until) run();
  const { profile } = await session.post('Profiler.stop');
  return stageShares(profile as { nodes: ProfileNode[]; samples?: number[] });
}

const STAGE_ORDER = [
  'understand',
  'typo repair',
  'route',
  'food index',
  'match',
  'scope',
  'compose',
  'follow-up',
  'normalise',
  'pipeline',
  'other engine',
  'outside the engine',
];

/** "understand 120 µs (40 %), match 60 µs (20 %), ..." for the stages above 3 % (without `totalUs`, shares only). */
export function formatStages(shares: ReadonlyMap<string, number>, totalUs?: number): string {
  return STAGE_ORDER.filter((s) => (shares.get(s) ?? 0) >= 0.03)
    .map((s) => {
      const share = shares.get(s) ?? 0;
      const us = totalUs === undefined ? '' : ` ${Math.round(share * totalUs)} µs`;
      return `${s}${us} (${Math.round(share * 100)} %)`;
    })
    .join(', ');
}

/**
 * The report: every question's minimum time over `rounds`, the slowest `top` with their stages, and the
 * stages' shares over all questions asked in turn. 'outside the engine' is V8's own work while asking
 * (collections, compiling) and the profiler's.
 */
export async function engineStageReport(
  engine: Engine,
  questions: readonly string[],
  { rounds = 15, top = 20, msPerQuestion = 80 } = {},
): Promise<string> {
  const ask = (q: string) => engine.ask(q);
  // Warm-up: every path compiled and every lazily built index built before timing.
  for (let w = 0; w < 5; w++) for (const q of questions) ask(q);
  const minimum = minimumTimes(ask, questions, rounds);
  const order = questions.map((_, i) => i).sort((a, b) => (minimum[b] as number) - (minimum[a] as number));
  const sorted = [...minimum].sort((a, b) => a - b);
  const mean = minimum.reduce((s, x) => s + x, 0) / Math.max(1, minimum.length);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const lines = [
    `${questions.length} questions (tests/eval/questions.jsonl and the tuning halves), each one's minimum over ${rounds} rounds: mean ${Math.round(mean)} µs, p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)} µs.`,
    '',
    `The slowest ${top}, each repeated for ${msPerQuestion} ms under the sampling profiler, its minimum shared out by stage:`,
  ];
  for (const i of order.slice(0, top)) {
    const q = questions[i] as string;
    const shares = await profileStages(session, () => ask(q), msPerQuestion);
    lines.push(
      `- ${Math.round(minimum[i] as number)} µs ${JSON.stringify(q.length > 90 ? `${q.slice(0, 90)}…` : q)}`,
      `    ${formatStages(shares, minimum[i] as number)}`,
    );
  }
  let next = 0;
  const all = await profileStages(
    session,
    () => {
      ask(questions[next] as string);
      next = (next + 1) % questions.length;
    },
    Math.max(2000, questions.length * 4),
  );
  lines.push('', `All questions asked in turn, share of the engine's time by stage: ${formatStages(all)}`);
  session.disconnect();
  return lines.join('\n');
}

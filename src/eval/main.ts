// `npm run eval`: measures the engine on every eval file of the project (tests/eval/*.jsonl) and, when
// present, of the shared development sets (../shared/eval/*.jsonl), each file its own set. Prints in-scope
// accuracy, off-topic refusal and food accuracy per set; `--verbose` lists every failure, except in held-out
// sets (a file name with "heldout"), whose totals alone are shown. Exit code 1 when a set misses a target.
// `--pulls` adds the pull probe (pulls.ts): fresh tuning questions dragged to an unrelated earlier turn.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createEngine } from '../engine/index.js';
import type { Engine } from '../engine/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import { formatKnowledgeError } from '../knowledge/types.js';
import {
  conversationFiles,
  conversationSummary,
  conversationsPass,
  formatConversations,
  runConversationFile,
} from './conversations.js';
import { parseJsonLines } from './jsonl.js';
import { formatPulls, probePulls, pullProbeInputs } from './pulls.js';

/** Targets from the issue: in-scope, off-topic refusal and food accuracy. */
export const TARGETS = { inScope: 0.95, refusal: 0.97, food: 0.95 } as const;

const questionLine = z.union([
  z.object({ q: z.string(), expect: z.literal('answer'), any: z.array(z.string()).min(1) }),
  z.object({ q: z.string(), expect: z.literal('none') }),
]);
const foodLine = z.union([
  z.object({ q: z.string(), mcg: z.number() }),
  z.object({ q: z.string(), expect: z.literal('none') }),
]);
type QuestionLine = z.infer<typeof questionLine>;
type FoodLine = z.infer<typeof foodLine>;

export interface Tally {
  passed: number;
  total: number;
  failures: string[];
}

export interface SetResult {
  name: string;
  inScope: Tally;
  refusal: Tally;
  food: Tally;
}

const emptyTally = (): Tally => ({ passed: 0, total: 0, failures: [] });

function parseLines<T>(path: string, schema: z.ZodType<T>): T[] {
  return parseJsonLines(readFileSync(path, 'utf8'), schema, path);
}

/** An answer line passes when answered and one expected phrase is in the text or a cited quote. */
export function scoreQuestions(engine: Engine, lines: readonly QuestionLine[], into: SetResult): void {
  for (const line of lines) {
    const answer = engine.ask(line.q);
    if (line.expect === 'none') {
      into.refusal.total += 1;
      if (!answer.answered) into.refusal.passed += 1;
      else
        into.refusal.failures.push(
          `answered (${answer.route}:${answer.matchId} ${answer.confidence.toFixed(2)}): ${line.q}`,
        );
      continue;
    }
    into.inScope.total += 1;
    const haystack = [answer.text, ...answer.citations.map((c) => c.quote)].join('\n').toLowerCase();
    const ok = answer.answered && line.any.some((p) => haystack.includes(p.toLowerCase()));
    if (ok) into.inScope.passed += 1;
    else
      into.inScope.failures.push(
        `${answer.answered ? `wrong (${answer.route}:${answer.matchId} ${answer.confidence.toFixed(2)})` : `refused (${answer.confidence.toFixed(2)}; ${answer.suggestions[0]?.id ?? '-'})`}: ${line.q}`,
      );
  }
}

/** A food line passes when the lookup finds that many mcg per serving (or, for 'none', finds nothing). */
export function scoreFoods(engine: Engine, lines: readonly FoodLine[], into: SetResult): void {
  for (const line of lines) {
    const result = engine.food(line.q);
    into.food.total += 1;
    const ok = 'mcg' in line ? result.found && result.mcg === line.mcg : !result.found;
    if (ok) into.food.passed += 1;
    else
      into.food.failures.push(
        `${line.q}: expected ${'mcg' in line ? `${line.mcg} mcg` : 'not found'}, got ${result.found ? `${result.name} ${result.mcg} mcg` : 'not found'}`,
      );
  }
}

const pct = (t: Tally): string => (t.total ? `${((100 * t.passed) / t.total).toFixed(1)}%` : 'n/a');
const meets = (t: Tally, target: number): boolean => t.total === 0 || t.passed / t.total >= target;

export function passes(r: SetResult): boolean {
  return meets(r.inScope, TARGETS.inScope) && meets(r.refusal, TARGETS.refusal) && meets(r.food, TARGETS.food);
}

export function formatSet(r: SetResult, verbose: boolean): string {
  const row = (label: string, t: Tally) => `  ${label.padEnd(20)} ${pct(t).padStart(6)}  (${t.passed}/${t.total})`;
  // A set without lines of a kind says nothing about it: its row would only read "n/a".
  const lines = [
    `${r.name}`,
    ...(
      [
        ['in-scope accuracy', r.inScope],
        ['off-topic refusal', r.refusal],
        ['food accuracy', r.food],
      ] as const
    )
      .filter(([, t]) => t.total > 0)
      .map(([label, t]) => row(label, t)),
  ];
  if (verbose) {
    for (const [label, t] of [
      ['in-scope', r.inScope],
      ['off-topic', r.refusal],
      ['food', r.food],
    ] as const)
      for (const f of t.failures) lines.push(`    FAIL ${label}: ${f}`);
  }
  return lines.join('\n');
}

interface SetFiles {
  name: string;
  questions: string[];
  foods: string[];
  /** A held-out set: only its totals are printed, never its lines, so nobody tunes on them. */
  heldOut: boolean;
}

const isFoodFile = (f: string) => /food/i.test(basename(f));
const isHeldOut = (f: string) => /heldout|held-out/i.test(basename(f));
/** Conversation files (`turns`) are replayed with their context by conversations.ts, not read as questions. */
const isConversationFile = (f: string) => /^conversations/i.test(basename(f));

/** One set per file: the project's (tests/eval/*.jsonl), then the shared ones beside the repository. */
export function findSets(root: string): SetFiles[] {
  const dirs: [string, string][] = [
    [join(root, 'tests', 'eval'), 'tests/eval'],
    [resolve(root, '..', 'shared', 'eval'), '../shared/eval'],
  ];
  return dirs.flatMap(([dir, label]) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.jsonl') && !isConversationFile(f))
          .sort()
          .map((f) => {
            const path = join(dir, f);
            const food = isFoodFile(f);
            return {
              name: `${label}/${f}`,
              questions: food ? [] : [path],
              foods: food ? [path] : [],
              heldOut: isHeldOut(f),
            };
          })
      : [],
  );
}

const anyLine = z.union([foodLine, questionLine]);

export function runSet(engine: Engine, files: SetFiles): SetResult {
  const result: SetResult = { name: files.name, inScope: emptyTally(), refusal: emptyTally(), food: emptyTally() };
  // In a question file, lines with `mcg` are food lookups; the rest are questions.
  for (const f of files.questions) {
    const lines = parseLines(f, anyLine);
    const foodLines = lines.filter((l): l is FoodLine => 'mcg' in l);
    scoreQuestions(
      engine,
      lines.filter((l): l is QuestionLine => !('mcg' in l)),
      result,
    );
    scoreFoods(engine, foodLines, result);
  }
  for (const f of files.foods) scoreFoods(engine, parseLines(f, foodLine), result);
  return result;
}

function main(): number {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const loaded = loadKnowledge(join(root, 'knowledge'));
  if (!loaded.ok) {
    for (const e of loaded.errors) console.error(formatKnowledgeError(e));
    return 2;
  }
  const engine = createEngine(loaded.kb);
  const sets = findSets(root);
  const results = sets.map((s) => runSet(engine, s));
  results.forEach((r, i) => {
    console.log(formatSet(r, verbose && !sets[i]?.heldOut));
  });
  const summary = results
    .map((r) => {
      const kinds = [r.inScope, r.refusal, r.food].filter((t) => t.total > 0);
      return `${basename(r.name)} ${kinds.map(pct).join('/')}`;
    })
    .join(' | ');
  const conversations = conversationFiles(root).map((f) => runConversationFile(engine, f));
  for (const c of conversations) console.log(formatConversations(c, verbose));
  if (process.argv.includes('--pulls')) {
    const { firstTurns, questions } = pullProbeInputs(root);
    console.log(formatPulls(probePulls(engine, firstTurns, questions), verbose));
  }
  const ok = results.every(passes) && conversations.every(conversationsPass);
  console.log(`${ok ? 'PASS' : 'BELOW TARGET'} ${[summary, ...conversations.map(conversationSummary)].join(' | ')}`);
  return ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();

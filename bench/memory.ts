// Cold start and memory: the bot in a child process (`node <npm start's flags> --expose-gc`, its own heap, so its
// RSS is the bot's alone) against the fake Discord in this process. Cold start is timed from the child's
// process start to ready; RSS is read after a full collection at ready, after 100,000 questions through
// the bot's own engine, and after a stretch of mentions through Discord, each done twice: a second round
// that adds nothing shows settling that stopped, one that adds as much again shows something filling up
// (the answered-messages map, bounded by its cap and expiry: its bytes per entry are reported). Both are set beside Node alone
// and a bare discord.js bot at ready (bench/bare-bot.ts), measured the same way in the same run, as
// ratios. Never a timed test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ANSWERED_LIMITS } from '../src/discord/answered.js';
import { isEntryModule } from '../src/entry.js';
import { type BotKind, type BotUnderTest, type MemorySample, spawnBot, startBenchFake, startNodeFlags } from './bot.js';
import { loadBenchQuestions, runMentions } from './load.js';
import { progress } from './progress.js';

/** Targets from the issue. */
export const MEMORY_TARGETS = { rssMb: 120, growth: 0.1, coldStartMs: 2_000 } as const;

export interface MemoryBenchOptions {
  /** Questions answered through the engine (default 100,000). */
  questions?: number;
  /** Then mentions through the fake Discord for this long (default 10 s; 0 skips) ... */
  botSeconds?: number;
  /** ... at this offered rate (default 300/s, below saturation so the queue does not count as memory). */
  botRate?: number;
  /** Cold starts timed, of each bot (default 3; the median is reported). */
  coldStarts?: number;
}

/** A baseline at ready: Node alone (its script's first line) or the bare discord.js bot (gateway ready). */
export interface Baseline {
  coldStartMs: number[];
  memory: MemorySample;
}

export interface MemoryBenchResult {
  /** Node with npm start's flags and nothing loaded; null when it could not be measured. */
  node: Baseline | null;
  bare: Baseline;
  coldStartMs: number[];
  /** Parent's view: spawn to the ready message, median. */
  coldStartWallMs: number;
  ready: MemorySample;
  afterEngine: MemorySample;
  /** After a second round of as many questions: equal to afterEngine when the engine's caches have settled. */
  afterEngine2: MemorySample;
  afterBot: MemorySample | null;
  /** After a second stretch of mentions, like the first. */
  afterBot2: MemorySample | null;
  /** Answered messages held (src/discord/answered.ts) after each stretch of mentions. */
  answeredHeld: number[];
  /** The answered-messages map's cap (ANSWERED_LIMITS.maxEntries). */
  answeredCap: number;
  questions: number;
  engineMs: number;
  mentionsAnswered: number;
  ok: boolean;
}

const root = fileURLToPath(new URL('../', import.meta.url));
const CHUNK = 5_000;

/**
 * The floor any Node process with npm start's flags pays before loading anything: time from process start
 * to its script's first line, and memory after a collection there. Measured as the bots are, so the table
 * can say what is discord.js's and what is Selene's.
 */
export function runtimeBaseline(): { readyMs: number; memory: MemorySample } | null {
  const script =
    'const readyMs=performance.now();globalThis.gc();const m=process.memoryUsage();console.log(JSON.stringify({readyMs,rss:m.rss,heapTotal:m.heapTotal,heapUsed:m.heapUsed}))';
  const run = spawnSync(process.execPath, [...startNodeFlags(), '--expose-gc', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
  });
  const parsed = memorySampleSchema.extend({ readyMs: z.number() }).safeParse(safeJson(run.stdout?.trim() ?? ''));
  if (!parsed.success) return null;
  const { readyMs, ...memory } = parsed.data;
  return { readyMs, memory };
}

/** Node alone, `times` times: the median start and the last memory sample. */
function nodeBaseline(times: number): Baseline | null {
  const runs = Array.from({ length: times }, runtimeBaseline);
  const ok = runs.filter((r): r is NonNullable<typeof r> => r !== null);
  const last = ok.at(-1);
  return last ? { coldStartMs: ok.map((r) => r.readyMs), memory: last.memory } : null;
}

/** Starts `kind` `times` times against `fake`; the last one is left running and returned. */
async function timeColdStarts(
  fake: Awaited<ReturnType<typeof startBenchFake>>,
  kind: BotKind,
  times: number,
): Promise<{ starts: { readyMs: number; wallMs: number }[]; bot: BotUnderTest }> {
  const starts: { readyMs: number; wallMs: number }[] = [];
  const bar = progress(`memory: ${kind} cold starts`, times);
  for (let i = 0; i < times; i++) {
    const spawned = await spawnBot(fake, { kind });
    starts.push({ readyMs: spawned.readyMs, wallMs: spawned.wallMs });
    bar.tick();
    if (i === times - 1) {
      bar.done();
      return { starts, bot: spawned };
    }
    await spawned.stop();
  }
  throw new Error('bench: no cold start');
}

const memorySampleSchema = z.object({
  rss: z.number(),
  heapTotal: z.number(),
  heapUsed: z.number(),
  arrayBuffers: z.number().default(0),
});

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const MB = 1024 * 1024;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

export async function measureMemory(options: MemoryBenchOptions = {}): Promise<MemoryBenchResult> {
  const total = options.questions ?? 100_000;
  const botSeconds = options.botSeconds ?? 10;
  const botRate = options.botRate ?? 300;
  const times = Math.max(1, options.coldStarts ?? 3);
  const fake = await startBenchFake();
  let bot: BotUnderTest | undefined;
  try {
    const node = nodeBaseline(times);
    const bareRun = await timeColdStarts(fake, 'bare', times);
    const bare: Baseline = {
      coldStartMs: bareRun.starts.map((s) => s.readyMs),
      memory: await bareRun.bot.memory(true),
    };
    await bareRun.bot.stop();

    const seleneRun = await timeColdStarts(fake, 'selene', times);
    const selene = seleneRun.bot;
    bot = selene;
    const starts = seleneRun.starts;
    const ready = await selene.memory(true);
    const questions = loadBenchQuestions();
    const askBar = progress('memory: engine questions', 2 * total);
    let engineMs = 0;
    const engineRound = async (round: number): Promise<MemorySample> => {
      for (let done = 0; done < total; done += CHUNK) {
        engineMs += await selene.ask(Math.min(CHUNK, total - done), questions);
        askBar.update(round * total + done + CHUNK);
      }
      return selene.memory(true);
    };
    const afterEngine = await engineRound(0);
    const afterEngine2 = await engineRound(1);
    askBar.done();

    const after: MemorySample[] = [];
    const answeredHeld: number[] = [];
    let mentionsAnswered = 0;
    if (botSeconds > 0) {
      const bar = progress(`memory: mentions ${botRate}/s`, botSeconds * 2);
      for (let round = 0; round < 2; round++) {
        const run = await runMentions(fake, questions, {
          seconds: botSeconds,
          rate: botRate,
          maxInFlight: 500,
          onTick: (s) => bar.update(round * botSeconds + s),
        });
        mentionsAnswered += run.latencies.length;
        after.push(await selene.memory(true));
        answeredHeld.push((await selene.held()).answered);
      }
      bar.done();
    }
    const [afterBot = null, afterBot2 = null] = after;

    const coldStartMs = starts.map((s) => s.readyMs);
    const peak = Math.max(ready.rss, afterEngine.rss, afterEngine2.rss, ...after.map((m) => m.rss));
    const growth = (peak - ready.rss) / ready.rss;
    const ok =
      median(coldStartMs) < MEMORY_TARGETS.coldStartMs &&
      peak < MEMORY_TARGETS.rssMb * MB &&
      growth < MEMORY_TARGETS.growth;
    return {
      node,
      bare,
      coldStartMs,
      coldStartWallMs: median(starts.map((s) => s.wallMs)),
      ready,
      afterEngine,
      afterEngine2,
      afterBot,
      afterBot2,
      answeredHeld,
      answeredCap: ANSWERED_LIMITS.maxEntries,
      questions: total,
      engineMs,
      mentionsAnswered,
      ok,
    };
  } finally {
    await bot?.stop();
    await fake.close();
  }
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1);
const pct = (from: number, to: number): string => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)}%`;

export function formatMemorySection(r: MemoryBenchResult): string {
  const met = (yes: boolean) => (yes ? 'met' : '**NOT met**');
  const cold = median(r.coldStartMs);
  const q = r.questions.toLocaleString('en');
  const held = (i: number) => `${(r.answeredHeld[i] ?? 0).toLocaleString('en')} answered messages held`;
  const rows: [string, MemorySample][] = [
    ['at ready', r.ready],
    [`after ${q} questions (engine)`, r.afterEngine],
    [`after ${q} more questions`, r.afterEngine2],
    ...(r.afterBot ? ([[`then mentions (Discord path): ${held(0)}`, r.afterBot]] as [string, MemorySample][]) : []),
    ...(r.afterBot2 ? ([[`then as many again: ${held(1)}`, r.afterBot2]] as [string, MemorySample][]) : []),
  ];
  const peak = Math.max(...rows.map(([, m]) => m.rss));
  const atReady: [string, Baseline | null][] = [
    ['Node alone (nothing loaded)', r.node],
    ['bare discord.js bot', r.bare],
    ['Selene', { coldStartMs: r.coldStartMs, memory: r.ready }],
  ];
  const ratio = (selene: number, base: number) => `${(selene / base).toFixed(2)}x`;
  return [
    `The bot as \`npm start\` runs it (startBot: knowledge, engine and its warm-up, discord.js client, command sync; built to JavaScript as \`npm start\` builds it), in a child process \`node ${[...startNodeFlags(), '--expose-gc'].join(' ')}\` (the flags of \`npm start\`) against the fake Discord on 127.0.0.1 in the parent; Node ${process.version}. Beside it, measured the same way in the same run: Node alone (the same flags, a script that only reads the clock and memory) and a bare discord.js bot (bench/bare-bot.ts: Selene's client settings, logged in, no commands, no knowledge). Cold start is the median of ${r.coldStartMs.length} starts, timed inside each child from its process start to ready; RSS and heap are read after \`global.gc()\`.`,
    '',
    "| at ready | cold start (ms) | RSS (MB) | heap used (MB) | Selene's cold start, as a multiple | Selene's RSS, as a multiple |",
    '|---|---:|---:|---:|---:|---:|',
    ...atReady.map(([name, b]) =>
      b
        ? `| ${name} | ${median(b.coldStartMs).toFixed(0)} | ${mb(b.memory.rss)} | ${mb(b.memory.heapUsed)} | ${ratio(cold, median(b.coldStartMs))} | ${ratio(r.ready.rss, b.memory.rss)} |`
        : `| ${name} | n/a | n/a | n/a | | |`,
    ),
    '',
    `After ready, questions are the eval sets (tests/eval) cycled, answered by the running bot's own engine, twice; then mentions go through the gateway, handlers, rendering and REST, twice (${r.mentionsAnswered.toLocaleString('en')} answered in all). A second round that adds nothing shows memory that settled and stopped; one that adds as much again shows something filling up.`,
    '',
    '| Selene | RSS (MB) | vs ready | V8 heap total (MB) | heap used (MB) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      ([name, m]) => `| ${name} | ${mb(m.rss)} | ${pct(r.ready.rss, m.rss)} | ${mb(m.heapTotal)} | ${mb(m.heapUsed)} |`,
    ),
    '',
    '| measure | value | target | result |',
    '|---|---:|---|---|',
    `| cold start to ready (median; each: ${r.coldStartMs.map((ms) => ms.toFixed(0)).join(', ')} ms) | ${cold.toFixed(0)} ms | < ${MEMORY_TARGETS.coldStartMs.toLocaleString('en')} ms | ${met(cold < MEMORY_TARGETS.coldStartMs)} |`,
    `| peak RSS | ${mb(peak)} MB | < ${MEMORY_TARGETS.rssMb} MB | ${met(peak < MEMORY_TARGETS.rssMb * MB)} |`,
    `| RSS growth, ready to peak | ${pct(r.ready.rss, peak)} | < ${MEMORY_TARGETS.growth * 100}% | ${met((peak - r.ready.rss) / r.ready.rss < MEMORY_TARGETS.growth)} |`,
    '',
    '',
    answeredNote(r),
    '',
    `Selene's cold start covers Node boot, module loading, knowledge and engine build, engine warm-up, gateway login and command sync (the bare bot's: boot, discord.js, login); seen from the parent, spawn to ready took ${r.coldStartWallMs.toFixed(0)} ms (median). The ${(2 * r.questions).toLocaleString('en')} engine questions took ${(r.engineMs / 1000).toFixed(1)} s (${(r.engineMs / (2 * r.questions)).toFixed(3)} ms each on average).`,
  ].join('\n');
}

/**
 * What the mentions' growth is made of: the answered-messages map (a bounded cache: edits and deletes of answered
 * messages reach their replies for 15 minutes), its bytes per entry from the second stretch (heap and array
 * buffers: the map keeps its entries in typed-array columns), and where that ends.
 */
function answeredNote(r: MemoryBenchResult): string {
  const [first = 0, second = 0] = r.answeredHeld;
  if (!r.afterBot || !r.afterBot2 || second <= first) return '';
  const held = (m: MemorySample) => m.heapUsed + m.arrayBuffers;
  const engineStep = r.afterEngine2.heapUsed - r.afterEngine.heapUsed;
  const perEntry = (held(r.afterBot2) - held(r.afterBot)) / (second - first);
  const atCap = perEntry * r.answeredCap;
  const share = atCap / r.ready.rss;
  return `The engine's second ${r.questions.toLocaleString('en')} questions moved heap used by ${(engineStep / MB).toFixed(1)} MB: its bounded caches have settled. The mentions' growth includes the answered-messages map filling (src/discord/answered.ts: every answered message is remembered for 15 minutes, so that the member's edits and deletes reach the reply, at most ${r.answeredCap.toLocaleString('en')}): about ${Math.round(perEntry).toLocaleString('en')} bytes of heap and array buffers per answered message (from the second stretch). Not a leak, but not settled either until the map is full: at its cap (15 minutes of more than ${Math.ceil(r.answeredCap / 900)} answers/s) it would hold about ${mb(atCap)} MB, ${Math.round(share * 100)} % of ready's RSS${share >= MEMORY_TARGETS.growth ? ', beyond the growth target by itself' : ''}.`;
}

/** The "Memory and cold start" section of bench/results.md. */
export async function benchMemory(options: MemoryBenchOptions = {}): Promise<string> {
  return formatMemorySection(await measureMemory(options));
}

if (isEntryModule(import.meta.url)) {
  const questions = Number(process.argv[2] ?? 100_000);
  console.log(await benchMemory({ questions: Number.isInteger(questions) && questions > 0 ? questions : 100_000 }));
}

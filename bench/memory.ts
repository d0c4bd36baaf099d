// Cold start and memory: the bot in a child process (`node <npm start's flags> --expose-gc`, its own heap, so its
// RSS is the bot's alone) against the fake Discord in this process. Cold start is timed from the child's
// process start to ready; RSS is read after a full collection at ready, after 100,000 questions through
// the bot's own engine, and after a stretch of mentions through Discord. Never a timed test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isEntryModule } from '../src/entry.js';
import {
  type BotUnderTest,
  loadBenchQuestions,
  type MemorySample,
  runMentions,
  spawnBot,
  startBenchFake,
  startNodeFlags,
} from './bot.js';
import { progress } from './progress.js';

/** Targets from the issue. */
export const MEMORY_TARGETS = { rssMb: 120, growth: 0.1, coldStartMs: 2_000 } as const;

export interface MemoryBenchOptions {
  /** Questions answered through the engine (default 100,000). */
  questions?: number;
  /** Then mentions through the fake Discord for this long (default 20 s; 0 skips) ... */
  botSeconds?: number;
  /** ... at this offered rate (default 300/s, below saturation so the queue does not count as memory). */
  botRate?: number;
  /** Cold starts timed (default 3; the median is reported). */
  coldStarts?: number;
}

export interface MemoryBenchResult {
  /** Node with npm start's flags and nothing loaded; null when it could not be measured. */
  baseline: MemorySample | null;
  coldStartMs: number[];
  /** Parent's view: spawn to the ready message, median. */
  coldStartWallMs: number;
  ready: MemorySample;
  afterEngine: MemorySample;
  afterBot: MemorySample | null;
  questions: number;
  engineMs: number;
  mentionsAnswered: number;
  ok: boolean;
}

const root = fileURLToPath(new URL('../', import.meta.url));
const CHUNK = 5_000;

/**
 * The floor any Node process with npm start's flags pays before loading Selene. Measured the same way, so
 * the table can say what is Selene's.
 */
export function runtimeBaseline(): MemorySample | null {
  const script =
    'globalThis.gc();const m=process.memoryUsage();console.log(JSON.stringify({rss:m.rss,heapTotal:m.heapTotal,heapUsed:m.heapUsed}))';
  const run = spawnSync(process.execPath, [...startNodeFlags(), '--expose-gc', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
  });
  const parsed = memorySampleSchema.safeParse(safeJson(run.stdout?.trim() ?? ''));
  return parsed.success ? parsed.data : null;
}

const memorySampleSchema = z.object({ rss: z.number(), heapTotal: z.number(), heapUsed: z.number() });

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
  const botSeconds = options.botSeconds ?? 20;
  const botRate = options.botRate ?? 300;
  const coldStarts = Math.max(1, options.coldStarts ?? 3);
  const fake = await startBenchFake();
  let bot: BotUnderTest | undefined;
  try {
    const starts: { readyMs: number; wallMs: number }[] = [];
    const startBar = progress('memory: cold starts', coldStarts);
    for (let i = 0; i < coldStarts; i++) {
      const spawned = await spawnBot(fake);
      starts.push({ readyMs: spawned.readyMs, wallMs: spawned.wallMs });
      // The last one stays up for the memory run.
      if (i < coldStarts - 1) await spawned.stop();
      else bot = spawned;
      startBar.tick();
    }
    startBar.done();
    if (!bot) throw new Error('bench: no bot');

    const ready = await bot.memory(true);
    const askBar = progress('memory: engine questions', total);
    let engineMs = 0;
    for (let done = 0; done < total; done += CHUNK) {
      engineMs += await bot.ask(Math.min(CHUNK, total - done));
      askBar.update(done + CHUNK);
    }
    askBar.done();
    const afterEngine = await bot.memory(true);

    let afterBot: MemorySample | null = null;
    let mentionsAnswered = 0;
    if (botSeconds > 0) {
      const bar = progress(`memory: mentions ${botRate}/s`, botSeconds);
      const run = await runMentions(fake, loadBenchQuestions(), {
        seconds: botSeconds,
        rate: botRate,
        maxInFlight: 500,
        onTick: (s) => bar.update(s),
      });
      bar.done();
      mentionsAnswered = run.latencies.length;
      afterBot = await bot.memory(true);
    }

    const coldStartMs = starts.map((s) => s.readyMs);
    const peak = Math.max(ready.rss, afterEngine.rss, afterBot?.rss ?? 0);
    const growth = (Math.max(afterEngine.rss, afterBot?.rss ?? 0) - ready.rss) / ready.rss;
    const ok =
      median(coldStartMs) < MEMORY_TARGETS.coldStartMs &&
      peak < MEMORY_TARGETS.rssMb * MB &&
      growth < MEMORY_TARGETS.growth;
    return {
      baseline: runtimeBaseline(),
      coldStartMs,
      coldStartWallMs: median(starts.map((s) => s.wallMs)),
      ready,
      afterEngine,
      afterBot,
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
  const rows: [string, MemorySample][] = [
    ['at ready', r.ready],
    [`after ${r.questions.toLocaleString('en')} questions (engine)`, r.afterEngine],
    ...(r.afterBot
      ? ([[`then ${r.mentionsAnswered.toLocaleString('en')} mentions (Discord path)`, r.afterBot]] as [
          string,
          MemorySample,
        ][])
      : []),
  ];
  const peak = Math.max(...rows.map(([, m]) => m.rss));
  return [
    `The bot as \`npm start\` runs it (startBot: knowledge, engine and its warm-up, discord.js client, command sync; built to JavaScript as \`npm start\` builds it), in a child process \`node ${[...startNodeFlags(), '--expose-gc'].join(' ')}\` (the flags of \`npm start\`) against the fake Discord on 127.0.0.1 in the parent; Node ${process.version}. RSS and heap are read after \`global.gc()\`. Questions are the eval sets (tests/eval) cycled, answered by the running bot's own engine; the mentions go through the gateway, handlers, rendering and REST.`,
    '',
    '| point | RSS (MB) | vs ready | V8 heap total (MB) | heap used (MB) |',
    '|---|---:|---:|---:|---:|',
    ...(r.baseline
      ? [
          `| for scale: Node alone, nothing loaded | ${mb(r.baseline.rss)} | | ${mb(r.baseline.heapTotal)} | ${mb(r.baseline.heapUsed)} |`,
        ]
      : []),
    ...rows.map(
      ([name, m]) => `| ${name} | ${mb(m.rss)} | ${pct(r.ready.rss, m.rss)} | ${mb(m.heapTotal)} | ${mb(m.heapUsed)} |`,
    ),
    '',
    '| measure | value | target | result |',
    '|---|---:|---|---|',
    `| cold start to ready (median of ${r.coldStartMs.length}; each: ${r.coldStartMs.map((ms) => ms.toFixed(0)).join(', ')} ms) | ${cold.toFixed(0)} ms | < ${MEMORY_TARGETS.coldStartMs.toLocaleString('en')} ms | ${met(cold < MEMORY_TARGETS.coldStartMs)} |`,
    `| peak RSS | ${mb(peak)} MB | < ${MEMORY_TARGETS.rssMb} MB | ${met(peak < MEMORY_TARGETS.rssMb * MB)} |`,
    `| RSS growth, ready to peak | ${pct(r.ready.rss, peak)} | < ${MEMORY_TARGETS.growth * 100}% | ${met((peak - r.ready.rss) / r.ready.rss < MEMORY_TARGETS.growth)} |`,
    '',
    `Cold start is timed inside the child from its process start (Node boot, module loading, knowledge and engine build, engine warm-up, gateway login, command sync); seen from the parent, spawn to ready took ${r.coldStartWallMs.toFixed(0)} ms (median). ${r.questions.toLocaleString('en')} engine questions took ${(r.engineMs / 1000).toFixed(1)} s (${(r.engineMs / r.questions).toFixed(3)} ms each on average).`,
  ].join('\n');
}

/** The "Memory and cold start" section of bench/results.md. */
export async function benchMemory(options: MemoryBenchOptions = {}): Promise<string> {
  return formatMemorySection(await measureMemory(options));
}

if (isEntryModule(import.meta.url)) {
  const questions = Number(process.argv[2] ?? 100_000);
  console.log(await benchMemory({ questions: Number.isInteger(questions) && questions > 0 ? questions : 100_000 }));
}

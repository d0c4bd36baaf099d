// Whole-bot capacity: Selene (discord.js client, handlers, engine, rendering, store) and a bare discord.js
// bot (bench/bare-bot.ts: same client settings, a fixed reply) each in a child process, one after the
// other, against one fake Discord on 127.0.0.1 in this process. For mentions and for interactions
// (autocomplete and /ask), the offered rate steps up until p99 dispatch-to-answer passes 50 ms or anything
// is shed (bench/capacity.ts); the last rate that held is the bot's capacity, and Selene's is reported as a
// ratio to the bare bot's. Bounded in time; everything stops by itself. Never a timed test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProject, startNodeFlags } from '../scripts/build.js';
import { isEntryModule } from '../src/entry.js';
import { type FakeDiscord, type FakeUser, startFakeDiscord } from '../tests/e2e/fake-discord/index.js';
import { CAPACITY_DEFAULTS, type CapacityOptions, type CapacityResult, findCapacity, type Step } from './capacity.js';
import {
  BARE_FLAG,
  type BotKind,
  ENGINE_CACHED_FLAG,
  type FromChild,
  fromChild,
  KEEP_REST_LIMIT_FLAG,
  type MemorySample,
  NO_CONVERSATIONS_FLAG,
  type ToChild,
} from './child.js';
import { type LoadRun, loadBenchQuestions, runInteractions, runMentions, summarise } from './load.js';
import { describePauses, monitorPauses, type PauseMonitor, type Pauses } from './pauses.js';
import { progress } from './progress.js';

export { startNodeFlags } from '../scripts/build.js';
export type { BotKind, MemorySample } from './child.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Targets from the issue: Selene keeps at least 70 % of a bare discord.js bot's capacity, at p99 < 50 ms. */
export const BOT_TARGETS = { capacityRatio: 0.7, p99Ms: 50 } as const;

export const BOT_NAMES: Record<BotKind, string> = { selene: 'Selene', bare: 'bare discord.js bot' };

/** A fake Discord with one guild of `channels` text channels, recording no gateway frames. */
export function startBenchFake(channels = 16): Promise<FakeDiscord> {
  const list = Array.from({ length: channels }, (_, i) => ({ name: `bench-${i}` }));
  // No frame recording: the fake would otherwise keep every gateway frame of the run.
  return startFakeDiscord({ recordFrames: false, timeoutMs: 10_000, guilds: [{ channels: list }] });
}

/** A bot under test in a child process. */
export interface BotUnderTest {
  kind: BotKind;
  /** Process start to ready, ms, measured inside the child (Node boot and module loading count). */
  readyMs: number;
  /** Spawn to the ready message, seen from this process. */
  wallMs: number;
  memory(gc: boolean): Promise<MemorySample>;
  /** The child's CPU time so far (user + system), microseconds. */
  cpuMicros(): Promise<number>;
  /** The child's event-loop delay and collector pauses since the last call (bench/pauses.ts). */
  pauses(): Promise<Pauses>;
  /** Answers `count` questions with Selene's own engine (no Discord traffic); resolves with the ms taken. */
  ask(count: number, questions: readonly string[]): Promise<number>;
  /** Fills Selene's conversation memory with `count` conversations (bench/child.ts fillConversations). */
  converse(count: number, conversations: readonly (readonly string[])[]): Promise<{ held: number; ms: number }>;
  /** Starts the child's CPU profiler, or stops it and writes the profile to `path` (bench/profile.ts). */
  profile(action: 'start' | 'stop', path: string): Promise<void>;
  stop(): Promise<void>;
}

/** Builds src/ and the children into bench/tmp/build (outbase the root: bench/child.js imports ../src/...). */
async function buildChild(): Promise<string> {
  const outdir = join(root, 'bench', 'tmp', 'build');
  await buildProject({ from: ['src', 'bench/child.ts', 'bench/bare-bot.ts', 'bench/pauses.ts'], outdir, outbase: '.' });
  return join(outdir, 'bench', 'child.js');
}

let built: Promise<string> | undefined;

/**
 * Spawns a bot in a child (`node <npm start's flags> --expose-gc bench/tmp/build/bench/child.js`) against
 * `fake`, and resolves once it is ready. `stop()` always ends the child (kill after a bounded wait).
 * Selene's database goes to a temporary folder, removed on stop.
 */
export async function spawnBot(
  fake: FakeDiscord,
  options: {
    kind?: BotKind;
    liftGlobalRestLimit?: boolean;
    timeoutMs?: number;
    nodeArgs?: string[];
    /** Selene with conversation memory (default true); false starts it with maxConversations 0. */
    conversations?: boolean;
    /** Selene whose engine answers each distinct message once, then from a cache (child.ts ENGINE_CACHED_FLAG). */
    engineCached?: boolean;
    /** A child.js built elsewhere (another commit's build, for old/new comparisons) instead of this tree's. */
    script?: string;
  } = {},
): Promise<BotUnderTest> {
  const kind = options.kind ?? 'selene';
  // Generous: on a busy shared machine a cold start has taken over 30 s; the figures then say so.
  const timeoutMs = options.timeoutMs ?? 90_000;
  let script = options.script;
  if (!script) {
    built ??= buildChild();
    script = await built;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'selene-bench-'));
  const started = performance.now();
  const args = [
    ...startNodeFlags(),
    // After npm start's flags, so a tool (bench/profile.ts) can override one of them.
    ...(options.nodeArgs ?? []),
    '--expose-gc',
    script,
    ...(kind === 'bare' ? [BARE_FLAG] : []),
    ...(options.liftGlobalRestLimit === false ? [KEEP_REST_LIMIT_FLAG] : []),
    ...(options.conversations === false ? [NO_CONVERSATIONS_FLAG] : []),
    ...(options.engineCached ? [ENGINE_CACHED_FLAG] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    // Only what the bot reads: a developer's own .env or DISCORD_TOKEN must not leak into the measurement.
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: join(root, 'knowledge'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      COOLDOWN_SECONDS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: { type: FromChild['type']; resolve: (m: FromChild) => void; reject: (e: Error) => void }[] = [];
  const failAll = (error: Error) => {
    for (const w of waiters.splice(0)) w.reject(error);
  };
  child.on('message', (raw) => {
    const parsed = fromChild.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'failed') return failAll(new Error(`bench child failed: ${message.message}`));
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  child.on('exit', (code) => failAll(new Error(`bench child exited (code ${code})`)));
  child.on('error', (err) => failAll(err));

  const expect = <T extends FromChild['type']>(type: T, ms = timeoutMs) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench child: no "${type}" within ${ms} ms`)), ms);
      waiters.push({
        type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<FromChild, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  const request = <T extends FromChild['type']>(message: ToChild, reply: T, ms?: number) => {
    const answer = expect(reply, ms);
    child.send(message);
    return answer;
  };
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });

  let ready: Extract<FromChild, { type: 'ready' }>;
  try {
    ready = await expect('ready');
  } catch (err) {
    kill();
    cleanUp();
    throw err;
  }
  return {
    kind,
    readyMs: ready.readyMs,
    wallMs: performance.now() - started,
    memory: async (gc) => {
      const m = await request({ type: 'memory', gc }, 'memory');
      return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed };
    },
    cpuMicros: async () => (await request({ type: 'cpu' }, 'cpu')).micros,
    pauses: async () => {
      const { type: _, ...p } = await request({ type: 'pauses' }, 'pauses');
      return p;
    },
    converse: async (count, conversations) => {
      const done = await request(
        { type: 'converse', count, conversations: conversations.map((c) => [...c]) },
        'conversed',
        Math.max(timeoutMs, count * 20),
      );
      return { held: done.held, ms: done.ms };
    },
    ask: async (count, questions) =>
      (await request({ type: 'ask', count, questions: [...questions] }, 'asked', Math.max(timeoutMs, count * 10))).ms,
    profile: async (action, path) => {
      await request({ type: 'profile', action, path }, 'profiled');
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      try {
        if (child.connected) await request({ type: 'stop' }, 'stopped', 5_000);
      } catch {
        // Killed below either way.
      }
      const timer = setTimeout(kill, 3_000);
      await exited;
      clearTimeout(timer);
      cleanUp();
    },
  };
}

export type LoadKind = 'mentions' | 'interactions';

export interface BotBenchOptions extends Partial<CapacityOptions> {
  /** Events awaiting an answer at most; beyond it offered events are shed, which ends the search (default 500). */
  maxInFlight?: number;
  /** Text channels the events are spread over (default 16). discord.js queues REST calls per channel. */
  channels?: number;
  /** Which loads to measure (default both). */
  loads?: LoadKind[];
}

export interface CapacityMeasure {
  load: LoadKind;
  bot: BotKind;
  result: CapacityResult;
}

export interface BotBenchResult {
  /** The machine's 1-minute load average at the start and end, and its cores: latency needs idle cores. */
  load: { start: number; end: number; cores: number };
  channels: number;
  maxInFlight: number;
  options: CapacityOptions;
  measures: CapacityMeasure[];
  ok: boolean;
}

/** This process's own stalls (the fake Discord's), read per step like the bot's. */
let fakePauses: PauseMonitor | undefined;

/** One step of `load` at `rate` against the running `bot`, with the CPU both sides used while offering. */
export async function runStep(
  fake: FakeDiscord,
  bot: BotUnderTest,
  load: LoadKind,
  questions: readonly string[],
  rate: number,
  seconds: number,
  maxInFlight: number,
  authors?: readonly FakeUser[],
): Promise<Step> {
  const drive = load === 'mentions' ? runMentions : runInteractions;
  fakePauses ??= monitorPauses();
  await bot.pauses();
  fakePauses.read();
  const [botBefore, fakeBefore, wallBefore] = [await bot.cpuMicros(), process.cpuUsage(), performance.now()];
  const run: LoadRun = await drive(fake, questions, { seconds, rate, maxInFlight, ...(authors ? { authors } : {}) });
  const wall = (performance.now() - wallBefore) * 1000;
  const fakeCpu = process.cpuUsage(fakeBefore);
  const botCpu = (await bot.cpuMicros()) - botBefore;
  const stalls = { fakePauses: fakePauses.read(), botPauses: await bot.pauses() };
  const all = summarise(run.latencies, run.elapsedSeconds);
  const byKind = Object.fromEntries(
    Object.entries(run.byKind).map(([kind, samples]) => [kind, summarise(samples, run.elapsedSeconds)]),
  );
  return {
    rate,
    seconds: run.elapsedSeconds,
    sent: run.sent,
    shed: run.shed,
    failed: run.failed,
    unanswered: run.unanswered,
    all,
    byKind,
    botCpu: botCpu / wall,
    fakeCpu: (fakeCpu.user + fakeCpu.system) / wall,
    ...stalls,
  };
}

/** The capacity of each bot for each load, bots one after the other against one fake. */
export async function measureBot(options: BotBenchOptions = {}): Promise<BotBenchResult> {
  const { maxInFlight = 500, channels = 16, loads = ['mentions', 'interactions'], ...search } = options;
  const capacity: CapacityOptions = { ...CAPACITY_DEFAULTS, ...search };
  const questions = loadBenchQuestions();
  const loadStart = loadavg()[0] ?? Number.NaN;
  const fake = await startBenchFake(channels);
  const measures: CapacityMeasure[] = [];
  try {
    for (const kind of ['bare', 'selene'] as const) {
      const bot = await spawnBot(fake, { kind });
      try {
        for (const load of loads) {
          // Warm-up: JIT, discord.js caches and sockets, so the first step does not stand for the whole run.
          await runStep(fake, bot, load, questions, 200, 1, maxInFlight);
          // Steps are not known in advance; the bar counts them against a typical search's length.
          const bar = progress(`bot: ${BOT_NAMES[kind]}, ${load}`, 24);
          const result = await findCapacity(async (rate, seconds) => {
            const step = await runStep(fake, bot, load, questions, rate, seconds, maxInFlight);
            bar.tick(1, `${int(rate)}/s`);
            return step;
          }, capacity);
          bar.done(`${result.held?.rate ?? 0}/s held`);
          measures.push({ load, bot: kind, result });
        }
      } finally {
        await bot.stop();
      }
    }
  } finally {
    await fake.close();
  }
  const ok = loads.every((load) => {
    const ratio = capacityRatio(measures, load);
    return ratio !== null && ratio >= BOT_TARGETS.capacityRatio;
  });
  const load = { start: loadStart, end: loadavg()[0] ?? Number.NaN, cores: availableParallelism() };
  return { load, channels, maxInFlight, options: capacity, measures, ok };
}

const heldRate = (measures: readonly CapacityMeasure[], load: LoadKind, bot: BotKind): number | null =>
  measures.find((m) => m.load === load && m.bot === bot)?.result.held?.rate ?? null;

/** Selene's capacity over the bare bot's for `load`, or null when either is missing. */
export function capacityRatio(measures: readonly CapacityMeasure[], load: LoadKind): number | null {
  const selene = heldRate(measures, load, 'selene');
  const bare = heldRate(measures, load, 'bare');
  return selene === null || bare === null || bare === 0 ? null : selene / bare;
}

const ms = (n: number): string => (Number.isNaN(n) ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const int = (n: number): string => Math.round(n).toLocaleString('en');
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** `p50 / p99` per kind, e.g. `autocomplete 1.2 / 4.5, ask 2.0 / 9.1`. */
const kindLatencies = (step: Step): string =>
  Object.entries(step.byKind)
    .map(([kind, s]) => `${step.byKind.mention ? '' : `${kind} `}${ms(s.p50)} / ${ms(s.p99)}`)
    .join(', ');

/** Why a failed step failed, with what stalled each process meanwhile: a spike or the CPU running out. */
const failure = (s: Step & { problem: string | null }): string =>
  [
    s.problem,
    `bot CPU ${pct(s.botCpu)}`,
    ...(s.botPauses ? [`bot ${describePauses(s.botPauses)}`] : []),
    ...(s.fakePauses ? [`fake ${describePauses(s.fakePauses)}`] : []),
  ].join('; ');

const stepTrail = (result: CapacityResult): string =>
  result.steps.map((s) => `${int(s.rate)}${s.problem === null ? '' : ` (${failure(s)})`}`).join(', ');

export function formatBotSection(r: BotBenchResult): string {
  const met = (yes: boolean) => (yes ? 'met' : '**NOT met**');
  const o = r.options;
  const loads = [...new Set(r.measures.map((m) => m.load))];
  const lines = [
    `Selene as \`npm start\` runs it and a bare discord.js bot (bench/bare-bot.ts: Selene's own createClient, so the same intents, caches and REST settings, answering a fixed string with the same single REST call Selene replies with), each in a child process with npm start's Node flags, one after the other, against the same fake Discord on 127.0.0.1 in the parent; Node ${process.version}. ${r.channels} text channels, one member, cooldown off, logs silent; discord.js's client-side global REST limit (50 requests/s, Discord's default per bot) lifted in both.`,
    '',
    `Capacity: the offered rate (open loop, at most ${int(r.maxInFlight)} events awaiting an answer, more are shed) doubles from ${int(o.startRate)}/s in ${o.coarseSeconds} s steps until one fails, then moves in ${Math.round((o.factor - 1) * 100)} % steps of ${o.fineSeconds} s from the last rate that held; a step holds when nothing is shed, fails or goes unanswered and p99 dispatch-to-answer stays under ${o.p99Ms} ms for every kind of event. A failing step is tried twice. The capacity is the last ${o.fineSeconds} s step that held. Mentions: real questions from tests/eval, timed from MESSAGE_CREATE dispatch to the reply's POST. Interactions: autocomplete on /ask's question (prefixes of the same questions) and /ask itself, alternating, timed from INTERACTION_CREATE dispatch to the callback.`,
    '',
    '| load | bot | capacity (events/s) | handled per s | p50 / p99 at capacity (ms) | bot CPU | fake CPU | bot stalls at capacity | next step |',
    '|---|---|---:|---:|---|---:|---:|---|---|',
    ...r.measures.map(({ load, bot, result }) => {
      const h = result.held;
      const next = result.failedAt
        ? `${int(result.failedAt.rate)}/s: ${failure(result.failedAt)}`
        : result.stoppedBy === 'maxRate'
          ? 'none: the rate cap (capacity at least this)'
          : `none: ${o.maxFineSteps} refining steps used (capacity at least this)`;
      return h
        ? `| ${load} | ${BOT_NAMES[bot]} | ${int(h.rate)} | ${int(h.all.perSecond)} | ${kindLatencies(h)} | ${pct(h.botCpu)} | ${pct(h.fakeCpu)} | ${h.botPauses ? describePauses(h.botPauses) : 'n/a'} | ${next} |`
        : `| ${load} | ${BOT_NAMES[bot]} | below ${int(result.failedAt?.rate ?? o.minRate)} | | | | | | ${next} |`;
    }),
    '',
    '| load | Selene / bare discord.js bot | target | result |',
    '|---|---:|---|---|',
    ...loads.map((load) => {
      const ratio = capacityRatio(r.measures, load);
      return `| ${load} | ${ratio === null ? 'n/a' : ratio.toFixed(2)} | >= ${BOT_TARGETS.capacityRatio} | ${met(ratio !== null && ratio >= BOT_TARGETS.capacityRatio)} |`;
    }),
    '',
    `The machine's load average was ${r.load.start.toFixed(1)} at the start and ${r.load.end.toFixed(1)} at the end, on ${r.load.cores} cores: other processes competing for the cores lower both bots' capacity, the bare bot's as well as Selene's, which is why the ratio is the figure to read.${Math.max(r.load.start, r.load.end) > r.load.cores ? ` **The machine was busy (load above its ${r.load.cores} cores): a p99 bound of ${o.p99Ms} ms then measures the scheduler more than either bot, and these figures are no verdict; rerun on an idle machine.**` : ''}`,
    '',
    `CPU is the share of one core each process used during the step that held: near 100 % for the bot means the bot is the limit; near 100 % for the fake means the fake Discord (this process) is, and the ratio then understates Selene's margin. Bot stalls are the bot's event-loop delay (how late a 10 ms timer fired: p99 / longest) and its longest garbage-collector pause during the step: a step that fails on p99 with CPU to spare failed on these. Steps tried (events/s; for a step that failed, why, the bot's CPU and each process's stalls):`,
    '',
    ...r.measures.map(({ load, bot, result }) => `- ${BOT_NAMES[bot]}, ${load}: ${stepTrail(result)}`),
  ];
  return lines.join('\n');
}

if (isEntryModule(import.meta.url)) {
  const wanted = process.argv.slice(2).filter((a): a is LoadKind => a === 'mentions' || a === 'interactions');
  console.log(formatBotSection(await measureBot(wanted.length ? { loads: wanted } : {})));
  process.exit(0);
}

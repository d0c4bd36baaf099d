// What conversation memory costs the bot. Selene with it (as `npm start` runs) and without it
// (maxConversations 0: every message read on its own, as before conversations) each in a child process,
// each against its own fake Discord in this process, in the same run:
// - mention capacity (bench/capacity.ts), searched off, on, on, off so a machine that gets busier or
//   quieter during the run weighs on both alike, and p99 at one rate below both capacities, alternating
//   short rounds; the target is "on" within 10 % of "off" on both;
// - memory with 50,000 live conversations (the store's cap): a fresh bot at ready, then its conversation
//   memory filled with 50,000 members' conversations made of real multi-turn eval conversations, each turn
//   answered by its engine, RSS and heap after full collections, as ratios to the bot at ready.
// Never a timed test.
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONVERSATION_LIMITS } from '../src/conversation/store.js';
import { isEntryModule } from '../src/entry.js';
import type { FakeDiscord, FakeUser } from '../tests/e2e/fake-discord/index.js';
import { type BotUnderTest, runStep, spawnBot, startBenchFake } from './bot.js';
import { CAPACITY_DEFAULTS, type CapacityOptions, type CapacityResult, findCapacity } from './capacity.js';
import type { MemorySample } from './child.js';
import { loadBenchQuestions, readEvalLines } from './load.js';
import { progress } from './progress.js';

/** Targets from the issue: with conversations, capacity and p99 within 10 % of without. */
export const CONVERSATION_TARGETS = { capacityRatio: 0.9, p99Ratio: 1.1 } as const;

const root = fileURLToPath(new URL('../', import.meta.url));

type Mode = 'off' | 'on';
const MODE_NAMES: Record<Mode, string> = { off: 'conversations off', on: 'conversations on' };

export interface ConversationBenchOptions extends Partial<CapacityOptions> {
  /** Members writing the mentions in turn, over 16 channels: distinct conversations (default 500). */
  members?: number;
  /** Alternating p99 rounds per mode, and their length (default 6 of 3 s). */
  rounds?: number;
  roundSeconds?: number;
  /** p99 is measured at this share of the lower capacity (default 0.6, well below saturation). */
  p99Load?: number;
  /** Live conversations for the memory figure (default the store's cap, 50,000). */
  conversations?: number;
}

export interface ConversationBenchResult {
  load: { start: number; end: number; cores: number };
  members: number;
  /** Capacity searches in the order run (off, on, on, off). */
  searches: { mode: Mode; result: CapacityResult }[];
  capacity: Record<Mode, number | null>;
  p99Rate: number;
  /** p99 of each alternating round, per mode. */
  p99Rounds: Record<Mode, number[]>;
  p99: Record<Mode, number>;
  /**
   * The bot's CPU time per answered mention in each round (µs), and the median: unlike latency, barely moved
   * by other processes competing for the cores, so it says what conversations cost even on a busy machine.
   */
  cpuRounds: Record<Mode, number[]>;
  cpuPerMention: Record<Mode, number>;
  memory: { ready: MemorySample; filled: MemorySample; held: number; fillMs: number; conversations: number };
  ok: boolean;
}

const turnsLine = z.object({ turns: z.array(z.string().min(1)).min(1) });

/** The multi-turn conversations of the eval sets: what members say in turn. */
export function loadBenchConversations(): string[][] {
  const dir = join(root, 'tests', 'eval');
  // Every conversation set (conversations-*, conversations2-*, ...): only their turns are used, never scored here.
  const files = readdirSync(dir)
    .filter((f) => /^conversations.*\.jsonl$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  const conversations = readEvalLines(files, turnsLine).map((l) => l.turns);
  return conversations.length > 0 ? conversations : [['what is selenium?', 'why?', 'source?']];
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

interface Side {
  fake: FakeDiscord;
  bot: BotUnderTest;
  authors: FakeUser[];
}

async function startSide(mode: Mode, members: number): Promise<Side> {
  const fake = await startBenchFake();
  const authors = Array.from({ length: members }, (_, i) => fake.addUser(`member${i}`));
  const bot = await spawnBot(fake, { conversations: mode === 'on' });
  return { fake, bot, authors };
}

export async function measureConversations(options: ConversationBenchOptions = {}): Promise<ConversationBenchResult> {
  const {
    members = 500,
    rounds = 6,
    roundSeconds = 3,
    p99Load = 0.6,
    conversations = CONVERSATION_LIMITS.maxConversations,
    ...search
  } = options;
  const capacityOptions: CapacityOptions = { ...CAPACITY_DEFAULTS, ...search };
  const maxInFlight = 500;
  const start = loadavg()[0] ?? Number.NaN;
  // Eval questions, and the turns of eval conversations ("why?", "and for kids?"), which read the context.
  const questions = [...loadBenchQuestions(), ...loadBenchConversations().flat()];
  const sides: Partial<Record<Mode, Side>> = {};
  const searches: ConversationBenchResult['searches'] = [];
  const p99Rounds: Record<Mode, number[]> = { off: [], on: [] };
  const cpuRounds: Record<Mode, number[]> = { off: [], on: [] };
  let p99Rate = 0;
  try {
    for (const mode of ['off', 'on'] as const) sides[mode] = await startSide(mode, members);
    const side = (mode: Mode): Side => {
      const s = sides[mode];
      if (!s) throw new Error(`bench: no ${mode} side`);
      return s;
    };
    const step = (mode: Mode, rate: number, seconds: number) => {
      const { fake, bot, authors } = side(mode);
      return runStep(fake, bot, 'mentions', questions, rate, seconds, maxInFlight, authors);
    };
    for (const mode of ['off', 'on'] as const) await step(mode, 200, 2);

    for (const mode of ['off', 'on', 'on', 'off'] as const) {
      const bar = progress(`conversations: ${MODE_NAMES[mode]}`, 24);
      const result = await findCapacity(async (rate, seconds) => {
        const s = await step(mode, rate, seconds);
        bar.tick(1, `${Math.round(rate)}/s`);
        return s;
      }, capacityOptions);
      bar.done(`${result.held?.rate ?? 0}/s held`);
      searches.push({ mode, result });
    }
    const capacity = capacities(searches);
    // With a search that found nothing, the other mode's capacity (or the lowest rate) stands in.
    const lower = Math.min(capacity.off ?? Number.POSITIVE_INFINITY, capacity.on ?? Number.POSITIVE_INFINITY);
    p99Rate = Math.max(capacityOptions.minRate, Math.round(p99Load * (Number.isFinite(lower) ? lower : 0)));
    const bar = progress('conversations: p99 rounds', rounds * 2);
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so neither always follows the other's load.
      for (const mode of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const cpuBefore = await side(mode).bot.cpuMicros();
        const round = await step(mode, p99Rate, roundSeconds);
        const cpu = (await side(mode).bot.cpuMicros()) - cpuBefore;
        p99Rounds[mode].push(round.all.p99);
        cpuRounds[mode].push(round.all.count > 0 ? cpu / round.all.count : Number.NaN);
        bar.tick();
      }
    }
    bar.done();
  } finally {
    for (const s of Object.values(sides)) {
      await s.bot.stop();
      await s.fake.close();
    }
  }

  const memory = await measureFilled(conversations);
  const capacity = capacities(searches);
  const p99 = { off: median(p99Rounds.off), on: median(p99Rounds.on) };
  const cpuPerMention = { off: median(cpuRounds.off), on: median(cpuRounds.on) };
  const capacityRatio = capacity.on !== null && capacity.off ? capacity.on / capacity.off : null;
  const ok =
    capacityRatio !== null &&
    capacityRatio >= CONVERSATION_TARGETS.capacityRatio &&
    p99.on / p99.off <= CONVERSATION_TARGETS.p99Ratio;
  return {
    load: { start, end: loadavg()[0] ?? Number.NaN, cores: availableParallelism() },
    members,
    searches,
    capacity,
    p99Rate,
    p99Rounds,
    p99,
    cpuRounds,
    cpuPerMention,
    memory,
    ok,
  };
}

function capacities(searches: ConversationBenchResult['searches']): Record<Mode, number | null> {
  const of = (mode: Mode) => {
    const held = searches.filter((s) => s.mode === mode).map((s) => s.result.held?.rate ?? null);
    return held.length && held.every((h): h is number => h !== null) ? mean(held) : null;
  };
  return { off: of('off'), on: of('on') };
}

/** A fresh bot at ready, then with `count` live conversations. */
async function measureFilled(count: number): Promise<ConversationBenchResult['memory']> {
  const fake = await startBenchFake();
  try {
    const bot = await spawnBot(fake);
    try {
      const ready = await bot.memory(true);
      const bar = progress('conversations: memory', 1);
      const { held, ms } = await bot.converse(count, loadBenchConversations());
      bar.done(`${held.toLocaleString('en')} held`);
      const filled = await bot.memory(true);
      return { ready, filled, held, fillMs: ms, conversations: count };
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
  }
}

const MB = 1024 * 1024;
const mb = (bytes: number): string => (bytes / MB).toFixed(1);
const ms = (n: number): string => (Number.isNaN(n) ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const int = (n: number | null): string => (n === null ? 'n/a' : Math.round(n).toLocaleString('en'));
const met = (yes: boolean) => (yes ? 'met' : '**NOT met**');

/** The p99 rate as a share of the lower capacity, in words. */
function p99Share(r: ConversationBenchResult): string {
  const lower = Math.min(r.capacity.off ?? Number.POSITIVE_INFINITY, r.capacity.on ?? Number.POSITIVE_INFINITY);
  return Number.isFinite(lower) && lower > 0
    ? `${Math.round((r.p99Rate / lower) * 100)} % of the lower capacity`
    : 'no capacity was found: the lowest rate';
}

export function formatConversationSection(r: ConversationBenchResult): string {
  const capacityRatio = r.capacity.on !== null && r.capacity.off ? r.capacity.on / r.capacity.off : null;
  const p99Ratio = r.p99.on / r.p99.off;
  const m = r.memory;
  const growth = (key: keyof MemorySample) =>
    `${m.filled[key] / m.ready[key] >= 1 ? '+' : ''}${((m.filled[key] / m.ready[key] - 1) * 100).toFixed(1)}%`;
  const perConversation = (m.filled.heapUsed - m.ready.heapUsed) / Math.max(1, m.held);
  const busy = Math.max(r.load.start, r.load.end) > r.load.cores;
  return [
    `Selene as \`npm start\` runs it, with conversation memory (default: each member's last turns per channel, 10 minutes, at most ${CONVERSATION_LIMITS.maxConversations.toLocaleString('en')}) and without it (\`conversations: { maxConversations: 0 }\`: every message read on its own), each in a child process with npm start's Node flags against its own fake Discord on 127.0.0.1 in the parent, both running through the same run; Node ${process.version}. Mentions are the eval questions and the turns of the eval conversations (tests/eval/conversations-*.jsonl: "why?", "and for kids?"), written by ${r.members} members in turn over 16 channels, so the bot with memory holds and reads thousands of conversations. Capacity as in "Whole bot" (p99 dispatch-to-answer under ${CAPACITY_DEFAULTS.p99Ms} ms, nothing shed), searched off, on, on, off and averaged per mode so drift in the machine's load weighs on both; p99 at ${int(r.p99Rate)} mentions/s (${p99Share(r)}), ${r.p99Rounds.on.length} alternating rounds per mode, median of the rounds.`,
    '',
    '| mode | capacity, each search (mentions/s) | capacity, mean | p99 per round (ms) | p99, median (ms) | bot CPU per mention, median (µs) |',
    '|---|---|---:|---|---:|---:|',
    ...(['off', 'on'] as const).map(
      (mode) =>
        `| ${MODE_NAMES[mode]} | ${r.searches
          .filter((s) => s.mode === mode)
          .map((s) => int(s.result.held?.rate ?? null))
          .join(
            ', ',
          )} | ${int(r.capacity[mode])} | ${r.p99Rounds[mode].map(ms).join(', ')} | ${ms(r.p99[mode])} | ${int(r.cpuPerMention[mode])} |`,
    ),
    '',
    '| measure | on / off | target | result |',
    '|---|---:|---|---|',
    `| capacity | ${capacityRatio === null ? 'n/a' : capacityRatio.toFixed(2)} | >= ${CONVERSATION_TARGETS.capacityRatio} | ${met(capacityRatio !== null && capacityRatio >= CONVERSATION_TARGETS.capacityRatio)} |`,
    `| p99 at ${int(r.p99Rate)}/s | ${p99Ratio.toFixed(2)} | <= ${CONVERSATION_TARGETS.p99Ratio} | ${met(p99Ratio <= CONVERSATION_TARGETS.p99Ratio)} |`,
    `| bot CPU per mention (what capacity is made of when the bot is the limit) | ${(r.cpuPerMention.on / r.cpuPerMention.off).toFixed(2)} | reported | |`,
    '',
    `The machine's load average was ${r.load.start.toFixed(1)} at the start and ${r.load.end.toFixed(1)} at the end, on ${r.load.cores} cores.${busy ? ' **The machine was busy (load above its cores): capacities and p99 then measure the scheduler as much as the bot; rerun on an idle machine before reading a few per cent into them.**' : ''}`,
    '',
    `Memory with ${m.conversations.toLocaleString('en')} live conversations: a fresh bot (with conversations) at ready, then its conversation memory filled by ${m.conversations.toLocaleString('en')} members in 200 channels, each saying the turns of one eval conversation in turn (1 to 4 turns), each turn answered by the bot's engine with the context so far (${(m.fillMs / 1000).toFixed(1)} s); read after full collections.`,
    '',
    '| Selene | conversations held | RSS (MB) | vs ready | V8 heap used (MB) | vs ready |',
    '|---|---:|---:|---:|---:|---:|',
    `| at ready | 0 | ${mb(m.ready.rss)} | +0.0% | ${mb(m.ready.heapUsed)} | +0.0% |`,
    `| with ${m.conversations.toLocaleString('en')} conversations | ${m.held.toLocaleString('en')} | ${mb(m.filled.rss)} | ${growth('rss')} | ${mb(m.filled.heapUsed)} | ${growth('heapUsed')} |`,
    '',
    `That is about ${Math.round(perConversation).toLocaleString('en')} bytes of heap per live conversation. Reported, not a target: the cap bounds it, and conversations expire 10 minutes after their last turn.`,
    '',
    `Steps tried (mentions/s, why a step failed): ${r.searches.map((s) => `${MODE_NAMES[s.mode]}: ${s.result.steps.map((t) => `${int(t.rate)}${t.problem === null ? '' : ` (${t.problem})`}`).join(', ')}`).join('; ')}.`,
  ].join('\n');
}

if (isEntryModule(import.meta.url)) {
  console.log(formatConversationSection(await measureConversations()));
  process.exit(0);
}

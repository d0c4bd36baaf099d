// CPU per event: each bot's own CPU time (user + system) per answered event at a modest offered rate, for
// Selene and the bare bot in turn. When the bot is the limit, capacity is what this is made of, and unlike a
// p99-bounded capacity it hardly moves when other processes share the cores, so it is the figure to compare
// while tuning on a busy machine. A tool, not a benchmark section: no targets. A third bot, Selene with its
// engine's answers cached (bench/child.ts ENGINE_CACHED_FLAG), splits Selene's cost in two: the engine's
// share (Selene minus it) and everything else's (it minus the bare bot).
//
//   npx tsx bench/cost.ts [rate] [seconds] [rounds]
import { isEntryModule } from '../src/entry.js';
import { type LoadKind, runStep, spawnBot, startBenchFake } from './bot.js';
import type { BotKind } from './child.js';
import { loadBenchQuestions } from './load.js';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2 : Number.NaN;
};

async function main(args: readonly string[]): Promise<void> {
  const [rate = 300, seconds = 5, rounds = 3] = args.map(Number);
  const questions = loadBenchQuestions();
  const fake = await startBenchFake();
  const costs: Record<string, number[]> = {};
  try {
    const bots: { name: string; kind: BotKind; engineCached?: boolean }[] = [
      { name: 'bare', kind: 'bare' },
      { name: 'selene', kind: 'selene' },
      { name: 'selene, engine cached', kind: 'selene', engineCached: true },
    ];
    for (const { name, kind, engineCached } of bots) {
      const bot = await spawnBot(fake, { kind, engineCached: engineCached ?? false });
      try {
        for (const load of ['mentions', 'interactions'] as LoadKind[]) {
          await runStep(fake, bot, load, questions, 200, 1, 500);
          for (let r = 0; r < rounds; r++) {
            const before = await bot.cpuMicros();
            const step = await runStep(fake, bot, load, questions, rate, seconds, 500);
            const used = (await bot.cpuMicros()) - before;
            const key = `${name} ${load}`;
            const list = costs[key] ?? [];
            list.push(used / Math.max(1, step.all.count));
            costs[key] = list;
            console.error(
              `${key}: ${(used / step.all.count).toFixed(0)} µs/event (${step.all.count} answered, p99 ${step.all.p99.toFixed(1)} ms)`,
            );
          }
        }
      } finally {
        await bot.stop();
      }
    }
  } finally {
    await fake.close();
  }
  for (const load of ['mentions', 'interactions']) {
    const bare = median(costs[`bare ${load}`] ?? []);
    const selene = median(costs[`selene ${load}`] ?? []);
    const cached = median(costs[`selene, engine cached ${load}`] ?? []);
    console.log(
      `${load}: bare ${bare.toFixed(0)} µs, Selene ${selene.toFixed(0)} µs per event; bare/Selene ${(bare / selene).toFixed(2)}; Selene with its engine's answers cached ${cached.toFixed(0)} µs (the engine ~${(selene - cached).toFixed(0)} µs, the rest ~${(cached - bare).toFixed(0)} µs more than the bare bot)`,
    );
  }
}

if (isEntryModule(import.meta.url)) {
  await main(process.argv.slice(2));
  process.exit(0);
}

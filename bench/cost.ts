// CPU per event: each bot's own CPU time (user + system) per answered event at a modest offered rate, for
// Selene and the bare bot in turn. When the bot is the limit, capacity is what this is made of, and unlike a
// p99-bounded capacity it hardly moves when other processes share the cores, so it is the figure to compare
// while tuning on a busy machine. A tool, not a benchmark section: no targets. A third bot, Selene with its
// engine's answers cached (bench/child.ts ENGINE_CACHED_FLAG), splits Selene's cost in two: the engine's
// share (Selene minus it) and everything else's (it minus the bare bot).
//
//   npx tsx bench/cost.ts [rate] [seconds] [rounds]
//
// `engine` mode compares this tree's engine with another commit's in one process, alternated round by
// round so the machine's load weighs on both alike: CPU and bytes allocated per ask, scavenges, and
// whether every eval message gets the same answer from both.
//
//   npx tsx bench/cost.ts engine [commit, default HEAD] [rounds, default 9] [synthetic entries, default none]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Answer, Engine, Turn } from '../src/engine/types.js';
import { isEntryModule } from '../src/entry.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { type LoadKind, runStep, spawnBot, startBenchFake } from './bot.js';
import type { BotKind } from './child.js';
import { meterHeap, syntheticKnowledgeBase } from './engine.js';
import { loadBenchQuestions } from './load.js';

const root = fileURLToPath(new URL('../', import.meta.url));

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

/** What the engine comparison needs of a tree: its engine, built from its own knowledge loader. */
interface EngineBuild {
  name: string;
  engine: Engine;
  nextContext: (context: readonly Turn[], asked: string, answer: Answer) => Turn[];
}

async function loadBuild(name: string, base: string, entries: number): Promise<EngineBuild> {
  const engineModule = (await import(pathToFileURL(join(base, 'src', 'engine', 'index.ts')).href)) as {
    createEngine: (kb: KnowledgeBase) => Engine;
    nextContext: EngineBuild['nextContext'];
  };
  const loadModule = (await import(pathToFileURL(join(base, 'src', 'knowledge', 'load.ts')).href)) as {
    loadKnowledge: (dir: string) => { ok: true; kb: KnowledgeBase } | { ok: false };
  };
  const loaded = loadModule.loadKnowledge(join(base, 'knowledge'));
  if (!loaded.ok) throw new Error(`${base}: knowledge/ does not load`);
  // The synthetic bases of the engine bench, made from each tree's own article, for ranking at scale.
  const kb = entries > 0 ? syntheticKnowledgeBase(loaded.kb, entries) : loaded.kb;
  return { name, engine: engineModule.createEngine(kb), nextContext: engineModule.nextContext };
}

/** `commit`'s src/ and knowledge/ under bench/tmp (ignored by git), importable beside this tree's. */
function checkout(commit: string): string {
  const dir = join(root, 'bench', 'tmp', `engine-${commit.replace(/[^\w.-]/g, '_')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', commit, 'src', 'knowledge'], {
    cwd: root,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

/** Every eval message (tests/eval and ../shared/eval), and every conversation's turns. */
function evalTexts(): { singles: string[]; conversations: string[][]; foods: string[] } {
  const dirs = [join(root, 'tests', 'eval'), join(root, '..', 'shared', 'eval')].filter(existsSync);
  const lines = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) =>
        readFileSync(join(d, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as { q?: string; turns?: string[]; mcg?: number }),
      ),
  );
  return {
    singles: lines.flatMap((l) => (l.q === undefined ? [] : [l.q])),
    conversations: lines.flatMap((l) => (l.turns === undefined ? [] : [l.turns])),
    foods: lines.flatMap((l) => (l.q !== undefined && 'mcg' in l ? [l.q] : [])),
  };
}

/** Differences between two builds' answers to every eval message, conversation turn, food and keystroke. */
function differences(a: EngineBuild, b: EngineBuild): string[] {
  const { singles, conversations, foods } = evalTexts();
  const out: string[] = [];
  const same = (what: string, x: unknown, y: unknown) => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(what);
  };
  for (const q of singles) same(`ask ${JSON.stringify(q)}`, a.engine.ask(q), b.engine.ask(q));
  for (const turns of conversations) {
    let ca: Turn[] = [];
    let cb: Turn[] = [];
    for (const turn of turns) {
      const x = a.engine.ask(turn, ca);
      const y = b.engine.ask(turn, cb);
      same(`turn ${JSON.stringify(turn)} of ${JSON.stringify(turns[0])}`, x, y);
      ca = a.nextContext(ca, turn, x);
      cb = b.nextContext(cb, turn, y);
    }
  }
  for (const q of foods) same(`food ${JSON.stringify(q)}`, a.engine.food(q), b.engine.food(q));
  for (const q of singles.slice(0, 400))
    for (const n of [2, 5, 9, 14])
      if (n < q.length) {
        const p = q.slice(0, n);
        same(`autocomplete ${JSON.stringify(p)}`, a.engine.autocompleteQuestions(p), b.engine.autocompleteQuestions(p));
        same(`food autocomplete ${JSON.stringify(p)}`, a.engine.autocompleteFoods(p), b.engine.autocompleteFoods(p));
      }
  return out;
}

async function compareEngines(commit: string, rounds: number, entries: number): Promise<void> {
  const builds = [await loadBuild(commit, checkout(commit), entries), await loadBuild('this tree', root, entries)];
  const [old, now] = builds as [EngineBuild, EngineBuild];
  const questions = loadBenchQuestions();
  // The same warm-up for both, and the answers compared, before anything is timed.
  const diff = entries > 0 ? [] : differences(old, now);
  for (let w = 0; w < 10; w++) for (const b of builds) for (const q of questions) b.engine.ask(q);
  const per = new Map(builds.map((b) => [b, { us: [] as number[], bytes: [] as number[], scavenges: 0, calls: 0 }]));
  const fastest = new Map(builds.map((b) => [b, new Float64Array(questions.length).fill(Number.POSITIVE_INFINITY)]));
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const best = fastest.get(b) as Float64Array;
      const into = per.get(b) as { us: number[]; bytes: number[]; scavenges: number; calls: number };
      const meter = meterHeap();
      const cpu = process.cpuUsage();
      for (let i = 0; i < questions.length; i++) {
        const start = performance.now();
        b.engine.ask(questions[i] as string);
        const ms = performance.now() - start;
        if (ms < (best[i] as number)) best[i] = ms;
      }
      const used = process.cpuUsage(cpu);
      const heap = meter.stop();
      into.us.push((used.user + used.system) / questions.length);
      into.bytes.push(heap.bytes / questions.length);
      into.scavenges += heap.scavenges;
      into.calls += questions.length;
    }
  }
  console.log(
    `${questions.length} bench questions (questions.jsonl + foods.jsonl) on ${entries > 0 ? `a synthetic base of ${entries} entries` : 'the article'}, ${rounds} rounds, builds alternated; Node ${process.version} ${process.execArgv.filter((a) => a.startsWith('--') && !/^--(require|import)$/.test(a)).join(' ')}`,
  );
  for (const b of builds) {
    const m = per.get(b) as { us: number[]; bytes: number[]; scavenges: number; calls: number };
    const best = fastest.get(b) as Float64Array;
    const sorted = [...best].sort((x, y) => x - y);
    const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
    console.log(
      `${b.name.padEnd(10)}: CPU ${median(m.us).toFixed(0)} µs/ask (median of rounds), least-disturbed time ${(mean * 1000).toFixed(0)} µs mean / ${((sorted[Math.floor(sorted.length * 0.99)] ?? 0) * 1000).toFixed(0)} µs p99 / ${((sorted.at(-1) ?? 0) * 1000).toFixed(0)} µs max, ${(median(m.bytes) / 1024).toFixed(1)} KB allocated/ask, ${((1000 * m.scavenges) / m.calls).toFixed(1)} scavenges per 1,000 asks`,
    );
  }
  if (entries > 0) return;
  console.log(
    diff.length
      ? `${diff.length} differences, e.g.:\n${diff.slice(0, 10).join('\n')}`
      : 'every eval answer, conversation turn, food lookup and autocomplete identical',
  );
}

if (isEntryModule(import.meta.url) && process.argv[2] === 'engine') {
  await compareEngines(process.argv[3] ?? 'HEAD', Number(process.argv[4] ?? 9), Number(process.argv[5] ?? 0));
  process.exit(0);
} else if (isEntryModule(import.meta.url)) {
  await main(process.argv.slice(2));
  process.exit(0);
}

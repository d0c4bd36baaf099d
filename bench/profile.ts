// Where a bot's CPU goes under load: runs Selene (or the bare bot) in its bench child with --cpu-prof, offers
// one load at a fixed rate for a few seconds, stops the child (which writes the profile) and prints the
// functions that took the most self time. A tool for finding hot spots, not a benchmark: no targets, and
// the profiler itself slows the bot down.
//
//   npx tsx bench/profile.ts [mentions|interactions|start] [rate] [seconds] [--bare] [--alloc] [--engine-cached]
//   npx tsx bench/profile.ts engine [rounds] [top]
//
// --alloc samples allocations instead of CPU (bytes per event, by function): what makes the garbage.
// --engine-cached profiles Selene with its engine's answers cached (bench/child.ts): what is not the engine.
// `engine` profiles the engine alone, in this process: each eval question's least disturbed time and, for
// the slowest, the time of each pipeline stage (understand, typo repair, route, food index, match, scope,
// compose): where a slow message is slow (bench/engine-stages.ts).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createEngine } from '../src/engine/index.js';
import { isEntryModule } from '../src/entry.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { runStep, spawnBot, startBenchFake } from './bot.js';
import { engineStageReport, stageQuestions } from './engine-stages.js';
import { loadBenchQuestions } from './load.js';

const root = fileURLToPath(new URL('../', import.meta.url));

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

export interface HotSpot {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

/** Self time per function (summed over every node of the same function and place), most first. */
export function selfTimes(raw: unknown): HotSpot[] {
  const profile = profileSchema.parse(raw);
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, { name: string; where: string; us: number }>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    all += us;
    const where = `${frame.url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/bench\/tmp\/build\//, '')}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}@${where}`;
    const t = totals.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    t.us += us;
    totals.set(key, t);
  });
  return [...totals.values()]
    .map((t) => ({ name: t.name, where: t.where, selfMs: t.us / 1000, share: all ? t.us / all : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

const heapNode: z.ZodType<HeapNode> = z.lazy(() =>
  z.object({
    callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    selfSize: z.number(),
    children: z.array(heapNode),
  }),
);
interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per function (self), from a sampling heap profile; `share` is of all bytes sampled. */
export function allocations(raw: unknown): HotSpot[] {
  const head = z.object({ head: heapNode }).parse(raw).head;
  const totals = new Map<string, { name: string; where: string; bytes: number }>();
  let all = 0;
  const walk = (node: HeapNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = `${url.replace(/^(?:file:\/\/)?.*?node_modules\//, '').replace(/^(?:file:\/\/)?.*?\/bench\/tmp\/build\//, '')}:${lineNumber + 1}`;
    const t = totals.get(`${functionName}@${where}`) ?? { name: functionName || '(anonymous)', where, bytes: 0 };
    t.bytes += node.selfSize;
    all += node.selfSize;
    totals.set(`${functionName}@${where}`, t);
    for (const c of node.children) walk(c);
  };
  walk(head);
  // selfMs holds kilobytes here: the same table prints both.
  return [...totals.values()]
    .map((t) => ({ name: t.name, where: t.where, selfMs: t.bytes / 1024, share: all ? t.bytes / all : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** Self time per package (node_modules/<name>) or project folder, most first. */
export function byPackage(spots: readonly HotSpot[]): { name: string; share: number }[] {
  const totals = new Map<string, number>();
  for (const s of spots) {
    const m = /^(@[^/]+\/[^/]+|[^/:]+)/.exec(s.where);
    const key = s.where.startsWith('src/') ? s.where.split('/').slice(0, 2).join('/') : (m?.[1] ?? s.where) || '(vm)';
    totals.set(key, (totals.get(key) ?? 0) + s.share);
  }
  return [...totals.entries()].map(([name, share]) => ({ name, share })).sort((a, b) => b.share - a.share);
}

async function profileEngine(rounds: number, top: number): Promise<void> {
  const loaded = loadKnowledge(join(root, 'knowledge'));
  if (!loaded.ok) throw new Error(`knowledge/ does not load: ${loaded.errors[0]?.reason}`);
  console.log(await engineStageReport(createEngine(loaded.kb), stageQuestions(), { rounds, top }));
}

async function main(args: readonly string[]): Promise<void> {
  const [load = 'mentions', rate = '800', seconds = '8'] = args.filter((a) => !a.startsWith('--'));
  if (load === 'engine') return profileEngine(Number(args[1] ?? 15), Number(args[2] ?? 20));
  const kind = args.includes('--bare') ? 'bare' : 'selene';
  const dir = join(root, 'bench', 'tmp', 'profiles');
  mkdirSync(dir, { recursive: true });
  const fake = await startBenchFake();
  // Start-up is profiled from the process's first line (--cpu-prof); a load only over its own stretch.
  const startup = load === 'start';
  const bot = await spawnBot(fake, {
    kind,
    engineCached: args.includes('--engine-cached'),
    ...(startup ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] } : {}),
  });
  console.log(`${kind}: ready in ${Math.round(bot.readyMs)} ms`);
  const alloc = args.includes('--alloc');
  const file = join(dir, `${kind}-${load}.${alloc ? 'heapprofile' : 'cpuprofile'}`);
  let events = 0;
  if (!startup) {
    const questions = loadBenchQuestions();
    const kindOfLoad = load as 'mentions' | 'interactions';
    await runStep(fake, bot, kindOfLoad, questions, 200, 2, 500);
    await bot.profile('start', file);
    const step = await runStep(fake, bot, kindOfLoad, questions, Number(rate), Number(seconds), 500);
    await bot.profile('stop', file);
    events = step.all.count;
    console.log(
      `${load} at ${rate}/s: ${step.all.count} answered, p50 ${step.all.p50.toFixed(2)} / p99 ${step.all.p99.toFixed(1)} ms, bot CPU ${Math.round(step.botCpu * 100)}% (${Math.round((step.botCpu * step.seconds * 1e6) / Math.max(1, step.all.count))} µs per event), shed ${step.shed}`,
    );
  }
  await bot.stop();
  await fake.close();
  const written = startup
    ? readdirSync(dir)
        .filter((f) => f.startsWith('CPU.'))
        .map((f) => join(dir, f))
        .at(-1)
    : file;
  if (!written) throw new Error('no profile written');
  const raw: unknown = JSON.parse(readFileSync(written, 'utf8'));
  if (alloc) {
    const spots = allocations(raw);
    const kb = spots.reduce((sum, s) => sum + s.selfMs, 0);
    console.log(
      `\n${written}\n\n${Math.round((kb * 1024) / Math.max(1, events))} bytes allocated per answered event (sampled)`,
    );
    console.log('\nBy package or folder (share of bytes):');
    for (const p of byPackage(spots).slice(0, 20)) console.log(`${(p.share * 100).toFixed(1).padStart(5)}%  ${p.name}`);
    console.log('\nBy function (bytes allocated per answered event):');
    for (const s of spots.slice(0, Number(process.env.TOP ?? 45)))
      console.log(`${((s.selfMs * 1024) / Math.max(1, events)).toFixed(0).padStart(7)} B  ${s.name}  ${s.where}`);
    return;
  }
  const spots = selfTimes(raw);
  const busy = spots.filter((s) => s.name !== '(idle)');
  const busyShare = busy.reduce((sum, s) => sum + s.share, 0);
  const rescaled = busy.map((s) => ({ ...s, share: s.share / busyShare }));
  console.log(`\n${written}\n\nBy package or folder (share of busy time):`);
  for (const p of byPackage(rescaled).slice(0, 20))
    console.log(`${(p.share * 100).toFixed(1).padStart(5)}%  ${p.name}`);
  console.log('\nBy function (self time, share of busy time):');
  for (const s of rescaled.slice(0, Number(process.env.TOP ?? 45)))
    console.log(
      `${(s.share * 100).toFixed(1).padStart(5)}%  ${s.selfMs.toFixed(0).padStart(6)} ms  ${s.name}  ${s.where}`,
    );
}

if (isEntryModule(import.meta.url)) {
  await main(process.argv.slice(2));
  process.exit(0);
}

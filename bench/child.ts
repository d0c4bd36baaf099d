// The bot under benchmark in a process of its own: startBot as `npm start` runs it, built to JavaScript
// the way `npm start` builds it (bench/bot.ts builds this file with src/ and forks it with npm start's Node
// flags), so its memory and CPU are the production runtime's. It talks to the benchmark over IPC.
import { z } from 'zod';
import { parseConfig } from '../src/config.js';
import { type RunningBot, startBot } from '../src/discord/bot.js';
import { isEntryModule } from '../src/entry.js';
import { createLogger } from '../src/log.js';

export const toChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory'), gc: z.boolean() }),
  z.object({
    type: z.literal('ask'),
    count: z.number().int().min(0).max(10_000_000),
    questions: z.array(z.string()).min(1),
  }),
  z.object({ type: z.literal('stop') }),
]);
export const fromChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), readyMs: z.number() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('memory'), rss: z.number(), heapTotal: z.number(), heapUsed: z.number() }),
  z.object({ type: z.literal('asked'), ms: z.number() }),
  z.object({ type: z.literal('stopped') }),
]);
export type ToChild = z.infer<typeof toChild>;
export type FromChild = z.infer<typeof fromChild>;

export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
}

export const memorySample = (): MemorySample => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed };
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
export function askMany(engine: RunningBot['ctx']['engine'], questions: readonly string[], count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) engine.ask(questions[i % questions.length] as string);
  return performance.now() - start;
}

/** Discord grants large bots a higher global limit; the benchmark measures the bot, not that quota. */
export function liftRestLimit(bot: RunningBot): void {
  (bot.client.rest.options as { globalRequestsPerSecond: number }).globalRequestsPerSecond = 1_000_000;
}

async function childMain(): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  // An orphaned child must not outlive the benchmark.
  process.on('disconnect', () => process.exit(0));
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    send({ type: 'failed', message: parsed.message });
    return;
  }
  let bot: RunningBot;
  try {
    bot = await startBot(parsed.config, { logger: createLogger({ level: 'silent' }), drainTimeoutMs: 2_000 });
  } catch (err) {
    send({ type: 'failed', message: (err as Error).message });
    return;
  }
  // performance.now() counts from this process's start: boot, imports, knowledge, engine, login, commands.
  const readyMs = performance.now();
  if (process.env.BENCH_LIFT_REST_LIMIT !== '0') liftRestLimit(bot);
  send({ type: 'ready', readyMs });
  process.on('message', (raw) => {
    const parsedMessage = toChild.safeParse(raw);
    if (!parsedMessage.success) return;
    const message = parsedMessage.data;
    if (message.type === 'memory') {
      void settledMemory(message.gc).then((m) => send({ type: 'memory', ...m }));
    } else if (message.type === 'ask') {
      send({ type: 'asked', ms: askMany(bot.ctx.engine, message.questions, message.count) });
    } else {
      void bot.stop().finally(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
}

if (isEntryModule(import.meta.url)) await childMain();

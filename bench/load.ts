// Open-loop load through the fake Discord: events are offered at a set rate whatever the bot does (a
// slow bot shows up as latency and shed events, not as a politely slower sender), and each is timed from
// its dispatch to the bot's answer reaching the fake. Used by the capacity search and the memory bench.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FakeDiscord, FakeUser, InteractionOutcome, Json, RestCall } from '../tests/e2e/fake-discord/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export interface LatencySummary {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarise(samples: readonly number[], seconds: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: seconds > 0 ? sorted.length / seconds : Number.NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const evalLine = z.object({ q: z.string().min(1) });

/** The lines of JSON Lines files that fit `schema`; the others (other kinds of eval line) are skipped. */
export function readEvalLines<T>(files: readonly string[], schema: z.ZodType<T>): T[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .flatMap((line) => {
        const parsed = schema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      }),
  );
}

/** Real questions from the eval sets (articles and foods), so the bot routes, matches and refuses as in use. */
export function loadBenchQuestions(): string[] {
  const files = ['questions.jsonl', 'foods.jsonl'].map((f) => join(root, 'tests', 'eval', f)).filter(existsSync);
  const questions = readEvalLines(files, evalLine).map((l) => l.q);
  return questions.length > 0
    ? questions
    : ['what is selenium?', 'does selenium help with the flu', 'how much selenium in tuna'];
}

/** Prefixes of real questions, as a member types them into /ask's question option. */
export function partials(questions: readonly string[]): string[] {
  return questions.flatMap((q) => [3, 6, 10, 16].filter((n) => n < q.length).map((n) => q.slice(0, n)));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface LoadOptions {
  seconds: number;
  /** Events offered per second. */
  rate: number;
  /** Events awaiting an answer at most; beyond it offered events are shed and counted. */
  maxInFlight: number;
  /** How long to wait for the last answers once offering stops (default 5 s). */
  drainMs?: number;
  /** Mentions: who writes them, in turn (default the fake's tester), so many members hold conversations. */
  authors?: readonly FakeUser[];
  onTick?: (elapsedSeconds: number) => void;
  /** Called when offering stops, before the drain: what the bot did while offered load is read here. */
  onOfferEnd?: () => void;
  /**
   * How many of the events still pending will never be answered because the bot said so (messages its flood
   * guard shed): the drain stops once only those are left instead of waiting out `drainMs` for them.
   */
  knownUnanswered?: () => number;
}

export interface LoadRun {
  /** Offered and dispatched. */
  sent: number;
  /** Offered while `maxInFlight` were awaiting an answer, so never dispatched. */
  shed: number;
  /** Answered, but not as expected (an error status, the wrong callback type, a timeout). */
  failed: number;
  /** Still awaiting an answer after the drain. */
  unanswered: number;
  /** Dispatch to answer, ms, of every event answered as expected (kept per kind for interactions). */
  latencies: number[];
  byKind: Record<string, number[]>;
  elapsedSeconds: number;
}

/**
 * The open-loop driver: every millisecond, dispatches what is due at `rate` (or sheds it when
 * `maxInFlight` are pending), then lets the caller tidy the fake. `dispatch(i)` starts event i and returns
 * whether it counts as in flight.
 */
async function offer(
  options: LoadOptions,
  pending: () => number,
  dispatch: (i: number) => void,
  tidy: () => void,
): Promise<{ sent: number; shed: number; elapsedSeconds: number }> {
  let sent = 0;
  let shed = 0;
  let scheduled = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  for (let now = start; now < end; now = performance.now()) {
    const due = Math.floor(((now - start) / 1000) * options.rate);
    for (; scheduled < due; scheduled++) {
      // Messages the bot shed on purpose stay pending here for good; they must not fill the bench's own cap.
      if (pending() - (options.knownUnanswered?.() ?? 0) >= options.maxInFlight) {
        shed++;
        continue;
      }
      dispatch(scheduled);
      sent++;
    }
    tidy();
    options.onTick?.((now - start) / 1000);
    await sleep(1);
  }
  const elapsedSeconds = (performance.now() - start) / 1000;
  options.onOfferEnd?.();
  // Let the last answers land (bounded), so they are counted rather than lost.
  const drainUntil = performance.now() + (options.drainMs ?? 5_000);
  const awaited = () => pending() - (options.knownUnanswered?.() ?? 0);
  while (awaited() > 0 && performance.now() < drainUntil) {
    tidy();
    await sleep(5);
  }
  tidy();
  return { sent, shed, elapsedSeconds };
}

const isMessagePost = (call: RestCall) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path);

const textChannels = (fake: FakeDiscord): string[] => {
  const ids = (fake.guilds[0]?.channels ?? []).filter((c) => c.type === 0).map((c) => c.id);
  if (ids.length === 0) throw new Error('bench: the fake guild has no text channel');
  return ids;
};

/**
 * Mentions of the bot, round-robin over the guild's text channels, each timed from MESSAGE_CREATE dispatch
 * to the reply's POST reaching the fake. Answered messages are forgotten as they are answered and the REST
 * log is cleared every tick, so the fake's memory stays flat during the run.
 */
export async function runMentions(
  fake: FakeDiscord,
  questions: readonly string[],
  options: LoadOptions,
): Promise<LoadRun> {
  const channelIds = textChannels(fake);
  const pending = new Map<string, number>();
  const latencies: number[] = [];
  let failed = 0;
  const unsubscribe = fake.onRest((call) => {
    if (!isMessagePost(call)) return;
    const ref = ((call.body as Json).message_reference as Json | undefined)?.message_id;
    const startedAt = typeof ref === 'string' ? pending.get(ref) : undefined;
    if (startedAt === undefined || typeof ref !== 'string') return;
    pending.delete(ref);
    if (call.status === 200) latencies.push(performance.now() - startedAt);
    else failed++;
    fake.world.messages.delete(ref);
    const replyId = (call.response as Json | null)?.id;
    if (typeof replyId === 'string') fake.world.messages.delete(replyId);
  });
  try {
    const run = await offer(
      options,
      () => pending.size,
      (i) => {
        const content = questions[i % questions.length] as string;
        const channelId = channelIds[i % channelIds.length] as string;
        const sentAt = performance.now();
        const author = options.authors?.length ? options.authors[i % options.authors.length] : undefined;
        const message = fake.sendMessage({ content, channelId, mentionsBot: true, ...(author ? { author } : {}) });
        pending.set(String(message.id), sentAt);
      },
      // The fake records every REST call; nothing here needs the log, so keep it from growing.
      () => {
        fake.restCalls.length = 0;
      },
    );
    return { ...run, failed, unanswered: pending.size, latencies, byKind: { mention: latencies } };
  } finally {
    unsubscribe();
    fake.restCalls.length = 0;
  }
}

/** The interactions offered, in turn: what a member typing into /ask's question sees, then /ask itself. */
const INTERACTION_KINDS = ['autocomplete', 'ask'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/**
 * Interactions alternating autocomplete on /ask's question option (prefixes of real questions) and /ask
 * (whole questions), each timed from INTERACTION_CREATE dispatch to the callback reaching the fake. An
 * autocomplete must be answered with choices (type 8) and /ask with a reply (type 4, or 5 deferred).
 */
export async function runInteractions(
  fake: FakeDiscord,
  questions: readonly string[],
  options: LoadOptions,
): Promise<LoadRun> {
  const typed = partials(questions);
  const channelIds = textChannels(fake);
  const byKind: Record<InteractionKind, number[]> = { autocomplete: [], ask: [] };
  let inFlight = 0;
  let failed = 0;
  const expected: Record<InteractionKind, (type: number) => boolean> = {
    autocomplete: (type) => type === 8,
    ask: (type) => type === 4 || type === 5,
  };
  const run = await offer(
    options,
    () => inFlight,
    (i) => {
      const kind = INTERACTION_KINDS[i % INTERACTION_KINDS.length] as InteractionKind;
      const channelId = channelIds[i % channelIds.length] as string;
      const turn = Math.floor(i / INTERACTION_KINDS.length);
      const started = performance.now();
      const answer: Promise<InteractionOutcome> =
        kind === 'autocomplete'
          ? fake.autocomplete({
              name: 'ask',
              options: { question: typed[turn % typed.length] as string },
              focused: 'question',
              channelId,
            })
          : fake.slash({ name: 'ask', options: { question: questions[turn % questions.length] as string }, channelId });
      inFlight++;
      answer.then(
        (outcome) => {
          inFlight--;
          if (expected[kind](outcome.type)) byKind[kind].push(performance.now() - started);
          else failed++;
        },
        () => {
          inFlight--;
          failed++;
        },
      );
    },
    () => {
      fake.forgetAnsweredInteractions();
      fake.restCalls.length = 0;
    },
  );
  return { ...run, failed, unanswered: inFlight, latencies: [...byKind.autocomplete, ...byKind.ask], byKind };
}

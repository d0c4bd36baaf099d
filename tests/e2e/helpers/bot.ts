import { resolve } from 'node:path';
import { parseConfig } from '../../../src/config.js';
import { type RunningBot, type StartOptions, startBot } from '../../../src/discord/bot.js';
import { createLogger } from '../../../src/log.js';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../fake-discord/index.js';

export const KNOWLEDGE_DIR = resolve(import.meta.dirname, '../../../knowledge');

/** Everything the bot logged, as parsed pino lines, plus the raw text (to prove the token never appears). */
export class LogCapture {
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
  }
  get lines(): Record<string, unknown>[] {
    return this.raw.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  text(): string {
    return this.raw.join('');
  }
}

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  env?: Record<string, string>;
  start?: Omit<StartOptions, 'logger'>;
}

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  logs: LogCapture;
  /** Starts a second bot process-equivalent against the same fake (a restart); the caller stops the first. */
  restart(): Promise<RunningBot>;
  close(): Promise<void>;
}

/** The real bot (discord.js client and all) against a fresh fake Discord on 127.0.0.1. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord({ timeoutMs: 8_000, ...options.fake });
  const logs = new LogCapture();
  const parsed = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const launch = () =>
    startBot(parsed.config, {
      drainTimeoutMs: 2_000,
      // Dozens of bots start in these tests; the warm-up is checked on its own (bot-lifecycle.test.ts).
      warmUp: false,
      ...options.start,
      logger: createLogger({ level: 'debug', destination: logs }),
    });
  const running: RunningBot[] = [];
  let bot: RunningBot;
  try {
    bot = await launch();
  } catch (err) {
    await fake.close();
    throw err;
  }
  running.push(bot);
  return {
    fake,
    logs,
    get bot() {
      return running[running.length - 1] as RunningBot;
    },
    async restart() {
      const next = await launch();
      running.push(next);
      return next;
    },
    async close() {
      for (const b of running) await b.stop();
      await fake.close();
    },
  };
}

/** Distinct members, so the per-user cooldown never links two tests. */
export function memberFactory(fake: FakeDiscord) {
  let n = 0;
  return () => fake.addUser(`member${++n}`);
}

type Body = {
  content?: string;
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  components?: { components: { custom_id?: string; label?: string; disabled?: boolean }[] }[];
  embeds?: { title?: string; description?: string; url?: string; fields?: { name: string; value: string }[] }[];
};

/** The body of a message or interaction reply, typed for assertions. */
export const body = (x: unknown): Body => x as Body;

export const buttonsOf = (x: unknown) => (body(x).components ?? []).flatMap((row) => row.components);

/** The most permissive allowed_mentions we ever accept: nothing parsed from the text. */
export function expectNoMassMentions(b: Body, users: string[] = []): void {
  const am = b.allowed_mentions;
  if (!am) throw new Error('reply has no allowed_mentions');
  if ((am.parse ?? []).length) throw new Error(`allowed_mentions.parse is ${JSON.stringify(am.parse)}`);
  if ((am.roles ?? []).length) throw new Error(`allowed_mentions.roles is ${JSON.stringify(am.roles)}`);
  const allowed = [...(am.users ?? [])].sort();
  if (JSON.stringify(allowed) !== JSON.stringify([...users].sort())) {
    throw new Error(`allowed_mentions.users is ${JSON.stringify(am.users)}, expected ${JSON.stringify(users)}`);
  }
}

/** Id of the message an interaction reply created (the fake records the interaction on it). */
export function replyMessageId(fake: FakeDiscord, interactionId: unknown): string {
  for (const [id, m] of fake.world.messages) {
    if ((m.interaction_metadata as { id?: unknown } | undefined)?.id === interactionId) return id;
  }
  throw new Error(`no reply message for interaction ${String(interactionId)}`);
}

export const EPHEMERAL = 64;
export const isEphemeral = (b: Body): boolean => ((b.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

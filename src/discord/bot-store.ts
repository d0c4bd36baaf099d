import type { Config } from '../config.js';
import { normaliseText } from '../engine/normalise.js';
import {
  type GuildSettings,
  openBackend,
  openStore,
  type Store,
  type StoreBackend,
  type StoreLogger,
  sqliteBackend,
} from '../store/index.js';
import type { AnswerEvent, BotStore, QuestionSource } from './context.js';

// The Discord side of the store: turns bot events into store calls. The store never throws and answers
// with results, so nothing here can stop a question from being answered.

/**
 * Questions a member typed. Suggestion and "More" clicks re-ask an entry's own question, so logging them
 * would count the knowledge base's phrasings as members' questions in `selene kb report`.
 */
const TYPED_BY_MEMBER: ReadonlySet<QuestionSource> = new Set(['mention', 'dm', 'channel', 'ask', 'context-menu']);

/** The store row for an answered or refused question, or null when there is nothing worth logging. */
export function questionRecord(event: AnswerEvent) {
  if (!TYPED_BY_MEMBER.has(event.source)) return null;
  const normalised = normaliseText(event.question);
  // Emoji-only or punctuation-only messages normalise to nothing: no curator can act on them.
  if (!normalised) return null;
  const { answer } = event;
  return {
    guildId: event.guildId,
    text: event.question.trim(),
    normalised,
    answered: answer.answered,
    entryId: answer.answered ? answer.matchId : null,
    confidence: Math.min(Math.max(answer.confidence, 0), 1),
    route: answer.route,
  };
}

/**
 * Wraps a store for the bot: per-server settings, question log, votes, guild cleanup, retention. Settings
 * are read synchronously (every message needs them); votes and settings changes resolve once committed;
 * questions are logged without delaying the reply.
 */
export function createBotStore(store: StoreBackend | Store): BotStore {
  const backend = 'kind' in store ? store : sqliteBackend(store);
  const read = settingsPerTick((guildId) => backend.getSettings(guildId));
  return {
    saves: true,
    recordAnswer(event) {
      const row = questionRecord(event);
      if (row) backend.logQuestion(row);
    },
    cooldownSeconds: (guildId) => (guildId ? (read.get(guildId).cooldownSeconds ?? undefined) : undefined),
    isAnswerChannel: (guildId, channelId) => read.get(guildId).answerChannels.includes(channelId),
    privateByDefault: (guildId) => (guildId ? read.get(guildId).privateByDefault : false),
    linkCards: (guildId) => read.get(guildId).linkCards,
    async recordVote(vote) {
      const result = await backend.recordVote(vote);
      return result.ok ? { ok: true, previous: result.value.previous } : { ok: false, reason: result.reason };
    },
    settings: (guildId) => read.get(guildId),
    async updateSettings(guildId, change) {
      read.forget();
      const result = await backend.updateSettings(guildId, change);
      read.forget();
      return result.ok ? { ok: true, settings: result.value } : { ok: false, reason: result.reason };
    },
    async forgetGuild(guildId) {
      read.forget();
      await backend.deleteGuild(guildId);
      read.forget();
    },
    async purgeExpired() {
      await backend.purgeExpired();
    },
  };
}

/**
 * Server settings read at most once per guild in one synchronous stretch of work. Handling one message asks for
 * several (answer channel, link cards, cooldown, threads) before its first await, and each SQLite read costs
 * ~20 µs (id check, query, JSON, schema, a clone). The memo is dropped at the end of that stretch (a
 * microtask), and on every change made here, so the next event reads afresh, as before. Callers only read the
 * settings they are given.
 */
export function settingsPerTick(read: (guildId: string) => GuildSettings): {
  get(guildId: string): GuildSettings;
  forget(): void;
} {
  const memo = new Map<string, GuildSettings>();
  return {
    get(guildId) {
      const held = memo.get(guildId);
      if (held) return held;
      if (memo.size === 0) queueMicrotask(() => memo.clear());
      const settings = read(guildId);
      memo.set(guildId, settings);
      return settings;
    },
    forget: () => memo.clear(),
  };
}

/**
 * The bot's store from the configuration: PostgreSQL when DATABASE_URL is set (rejects with a
 * StoreOpenError naming the problem when it cannot start), else the SQLite file in DATA_DIR.
 */
export const openBotStore = (
  config: Pick<Config, 'dataDir' | 'hashSecret' | 'retentionDays' | 'databaseUrl'>,
  logger: StoreLogger,
): Promise<StoreBackend> =>
  openBackend({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    hashSecret: config.hashSecret,
    retentionDays: config.retentionDays,
    logger,
  });

/** Opens the bot's database from the configuration (DATA_DIR, SELENE_HASH_SECRET, RETENTION_DAYS). */
export function storeFromConfig(
  config: Pick<Config, 'dataDir' | 'hashSecret' | 'retentionDays'>,
  logger: StoreLogger,
): Store {
  return openStore({
    dataDir: config.dataDir,
    retentionDays: config.retentionDays,
    logger,
    ...(config.hashSecret ? { hashSecret: config.hashSecret } : {}),
  });
}

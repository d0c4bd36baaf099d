import type { Config } from '../config.js';
import { normaliseText } from '../engine/normalise.js';
import {
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
  return {
    saves: true,
    recordAnswer(event) {
      const row = questionRecord(event);
      if (row) backend.logQuestion(row);
    },
    cooldownSeconds: (guildId) => (guildId ? (backend.getSettings(guildId).cooldownSeconds ?? undefined) : undefined),
    isAnswerChannel: (guildId, channelId) => backend.getSettings(guildId).answerChannels.includes(channelId),
    privateByDefault: (guildId) => (guildId ? backend.getSettings(guildId).privateByDefault : false),
    linkCards: (guildId) => backend.getSettings(guildId).linkCards,
    async recordVote(vote) {
      const result = await backend.recordVote(vote);
      return result.ok ? { ok: true, previous: result.value.previous } : { ok: false, reason: result.reason };
    },
    settings: (guildId) => backend.getSettings(guildId),
    async updateSettings(guildId, change) {
      const result = await backend.updateSettings(guildId, change);
      return result.ok ? { ok: true, settings: result.value } : { ok: false, reason: result.reason };
    },
    async forgetGuild(guildId) {
      await backend.deleteGuild(guildId);
    },
    async purgeExpired() {
      await backend.purgeExpired();
    },
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

import type { Config } from '../config.js';
import { normaliseText } from '../engine/normalise.js';
import { openStore, type Store, type StoreLogger } from '../store/index.js';
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

/** Wraps a store for the bot: per-server settings, question log, votes, guild cleanup, retention. */
export function createBotStore(store: Store): BotStore {
  return {
    recordAnswer(event) {
      const row = questionRecord(event);
      if (row) store.recordQuestion(row);
    },
    cooldownSeconds: (guildId) => (guildId ? (store.getSettings(guildId).cooldownSeconds ?? undefined) : undefined),
    isAnswerChannel: (guildId, channelId) => store.getSettings(guildId).answerChannels.includes(channelId),
    privateByDefault: (guildId) => (guildId ? store.getSettings(guildId).privateByDefault : false),
    linkCards: (guildId) => store.getSettings(guildId).linkCards,
    recordVote(vote) {
      const result = store.recordVote(vote);
      return result.ok ? { ok: true, previous: result.value.previous } : { ok: false, reason: result.reason };
    },
    settings: (guildId) => store.getSettings(guildId),
    updateSettings(guildId, change) {
      const result = store.updateSettings(guildId, change);
      return result.ok ? { ok: true, settings: result.value } : { ok: false, reason: result.reason };
    },
    forgetGuild(guildId) {
      store.deleteGuild(guildId);
    },
    purgeExpired() {
      store.purgeExpired();
    },
  };
}

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

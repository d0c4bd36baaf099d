import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  BaseInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { type ConversationStore, conversationKey } from '../conversation/store.js';
import type { Answer, Engine } from '../engine/types.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import type { GuildSettings, SettingsPatch, VoteValue } from '../store/index.js';
import type { AnsweredMessages } from './answered.js';
import type { ChoiceCache } from './choice-cache.js';
import type { Cooldowns } from './cooldown.js';
import type { ReloadResult } from './reload.js';
import type { ReferenceStash } from './reply-target.js';
import type { ThreadGaps } from './thread-gaps.js';

/** Where a question came from, for logs, metrics and the store. */
export type QuestionSource = 'mention' | 'dm' | 'channel' | 'ask' | 'context-menu' | 'suggestion' | 'more';

export interface AnswerEvent {
  source: QuestionSource;
  guildId: string | null;
  userId: string;
  question: string;
  answer: Answer;
}

/** A 👍 / 👎 click on an answer. */
export interface FeedbackVote {
  answerId: string;
  entryId: string | null;
  userId: string;
  guildId: string | null;
  vote: VoteValue;
}

/** `previous` is the member's earlier vote on the same answer, so the reply can say "changed". */
export type VoteOutcome = { ok: true; previous: VoteValue | null } | { ok: false; reason: string };

export type SettingsUpdate = { ok: true; settings: GuildSettings } | { ok: false; reason: string };

/**
 * Persistence seam for the curation loop (feedback, unanswered questions, per-server settings). Every
 * method is there; a bot without a database gets NO_STORE (no-store.ts), whose settings are the defaults
 * and which saves nothing. Implementations never throw: a database that cannot be written must not stop
 * answers.
 */
export interface BotStore {
  /** Whether votes and settings are kept: feedback buttons and /settings changes are offered only then. */
  readonly saves: boolean;
  recordAnswer(event: AnswerEvent): void | Promise<void>;
  /** Per-server cooldown; undefined falls back to the configured default. */
  cooldownSeconds(guildId: string | null): number | undefined;
  /** Channels where every message is a question, no mention needed (needs the Message Content intent). */
  isAnswerChannel(guildId: string, channelId: string): boolean;
  /** Whether /ask answers privately when the member does not choose. */
  privateByDefault(guildId: string | null): boolean;
  /** Whether links to the article get a compact card in answer channels. */
  linkCards(guildId: string): boolean;
  /** Resolves once the vote is committed, so "saved" is only said of a saved vote. */
  recordVote(vote: FeedbackVote): VoteOutcome | Promise<VoteOutcome>;
  /** The server's settings (defaults when it never changed any). */
  settings(guildId: string): GuildSettings;
  /** Read-modify-write in one transaction, so two admins (or shards) cannot lose each other's change. */
  updateSettings(
    guildId: string,
    change: (current: GuildSettings) => SettingsPatch,
  ): SettingsUpdate | Promise<SettingsUpdate>;
  /** The bot left the server: forget its settings. */
  forgetGuild(guildId: string): void | Promise<void>;
  /** Deletes question texts older than the retention period (run daily). */
  purgeExpired(): void | Promise<void>;
}

/** Everything a handler needs, passed in (no globals), so several bots can run in one process in tests. */
export interface BotContext {
  engine: Engine;
  kb: KnowledgeBase;
  logger: Logger;
  cooldowns: Cooldowns;
  /** Each member's last turns per channel or thread (DMs: per member), for follow-ups; in memory only. */
  conversations: ConversationStore;
  store: BotStore;
  /** Messages Selene answered, so their edits and deletes reach its replies (answered.ts); in memory only. */
  answered: AnsweredMessages;
  /** What mentions written as replies reply to, from the gateway (reply-target.ts). */
  references: ReferenceStash;
  /** Channels where threads could not be used (missing permissions), for /settings view; in memory only. */
  threadGaps: ThreadGaps;
  /** Autocomplete choices for what members type most, per engine (choice-cache.ts); in memory only. */
  choices: ChoiceCache;
  /** Prometheus counters of this bot process; absent in tests that do not look at them. */
  metrics?: Metrics;
  /** Whether this client asked for the privileged Message Content intent (answer channels need it). */
  messageContentIntent?: boolean;
  /** Loads knowledge/ again and swaps the engine when it is valid (the running bot's, see bot.ts). */
  reloadKnowledge?: () => ReloadResult;
  /** Whether the user owns the application (owner-only commands). */
  isOwner?: (userId: string) => Promise<boolean>;
}

export interface ChatCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** false for browsing commands that do not run the engine (help, topics). */
  cooldown: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

export interface MessageMenuCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  cooldown: boolean;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** Who asked, and where: `conversation` is the key of their conversation (conversationKey), null for none. */
export interface Asker {
  guildId: string | null;
  userId: string;
  conversation?: string | null;
}

/**
 * Runs the engine and tells the store; the one place every answered question passes through. With a
 * conversation, the question is read against its last turns (a follow-up like "and covid?") and becomes
 * its newest turn.
 */
export function answerQuestion(
  ctx: BotContext,
  source: QuestionSource,
  question: string,
  who: Asker,
  /** The engine's answer when the caller already asked (answer channels decide on it first). */
  early?: Answer,
): Answer {
  const key = who.conversation ?? null;
  const now = Date.now();
  const answer = early ?? ctx.engine.ask(question, key ? ctx.conversations.context(key, now) : undefined);
  if (key) ctx.conversations.record(key, question, answer, now);
  ctx.metrics?.questions.inc({
    command: source,
    route: answer.route,
    outcome: answer.answered ? 'answered' : 'refused',
  });
  if (answer.route === 'food') ctx.metrics?.foodLookups.inc({ found: String(answer.answered) });
  ctx.logger.debug(
    { source, route: answer.route, matchId: answer.matchId, answered: answer.answered, followUpOf: answer.followUpOf },
    'answered',
  );
  const { guildId, userId } = who;
  // The store must never break answering (issue: database unavailable keeps the bot answering).
  Promise.resolve()
    .then(() => ctx.store.recordAnswer({ source, question, answer, guildId, userId }))
    .catch((err) => ctx.logger.warn({ err }, 'store: could not record answer'));
  return answer;
}

/** The conversation an interaction belongs to: its member in its channel, or its member's DMs. */
export const interactionConversation = (i: BaseInteraction): string =>
  conversationKey(i.user.id, i.inGuild() ? i.channelId : null);

/** The context of a member's conversation in a channel (or DM) right now; empty when there is none. */
export const conversationContext = (ctx: BotContext, key: string) => ctx.conversations.context(key, Date.now());

/**
 * A fresh id for an answer's votes. Random rather than the question's message or interaction id, which
 * Discord could tie back to the member who asked (PRIVACY.md: no message ids of questions are stored).
 */
export const newAnswerId = (): string => randomBytes(9).toString('base64url');

/** Feedback buttons for a new answer, only when votes can be stored. */
export const feedbackFor = (ctx: Pick<BotContext, 'store'>): { feedback?: { answerId: string } } =>
  ctx.store.saves ? { feedback: { answerId: newAnswerId() } } : {};

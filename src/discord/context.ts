import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Answer, Engine } from '../engine/types.js';
import type { KnowledgeBase } from '../knowledge/load.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import type { Cooldowns } from './cooldown.js';

/** Where a question came from, for logs, metrics and the store. */
export type QuestionSource = 'mention' | 'dm' | 'channel' | 'ask' | 'context-menu' | 'suggestion' | 'more';

export interface AnswerEvent {
  source: QuestionSource;
  guildId: string | null;
  userId: string;
  question: string;
  answer: Answer;
}

/**
 * Persistence seam for the curation loop (feedback, unanswered questions, per-server settings). Absent
 * means nothing is stored; every method is optional so a store can grow feature by feature.
 */
export interface BotStore {
  recordAnswer?(event: AnswerEvent): void | Promise<void>;
  /** Per-server cooldown; undefined falls back to the configured default. */
  cooldownSeconds?(guildId: string | null): number | undefined;
  /** Channels where every message is a question, no mention needed (needs the Message Content intent). */
  isAnswerChannel?(guildId: string, channelId: string): boolean;
  /** Whether /ask answers privately when the member does not choose. */
  privateByDefault?(guildId: string | null): boolean;
}

/** Everything a handler needs, passed in (no globals), so several bots can run in one process in tests. */
export interface BotContext {
  engine: Engine;
  kb: KnowledgeBase;
  logger: Logger;
  cooldowns: Cooldowns;
  store?: BotStore;
  /** Prometheus counters of this bot process; absent in tests that do not look at them. */
  metrics?: Metrics;
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

/** Runs the engine and tells the store; the one place every answered question passes through. */
export function answerQuestion(
  ctx: BotContext,
  source: QuestionSource,
  question: string,
  who: { guildId: string | null; userId: string },
): Answer {
  const answer = ctx.engine.ask(question);
  ctx.metrics?.questions.inc({
    command: source,
    route: answer.route,
    outcome: answer.answered ? 'answered' : 'refused',
  });
  if (answer.route === 'food') ctx.metrics?.foodLookups.inc({ found: String(answer.answered) });
  ctx.logger.debug({ source, route: answer.route, matchId: answer.matchId, answered: answer.answered }, 'answered');
  if (ctx.store?.recordAnswer) {
    // The store must never break answering (issue: database unavailable keeps the bot answering).
    Promise.resolve()
      .then(() => ctx.store?.recordAnswer?.({ source, question, answer, ...who }))
      .catch((err) => ctx.logger.warn({ err }, 'store: could not record answer'));
  }
  return answer;
}

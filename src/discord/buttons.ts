import { type ButtonInteraction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { showTopicsPage } from './commands/topics.js';
import { answerQuestion, type BotContext, feedbackFor, interactionConversation } from './context.js';
import { decodeCustomId } from './custom-ids.js';
import { notices, renderAnswer, renderSection } from './render/index.js';
import { respond } from './respond.js';
import { deleteReply } from './tracking.js';

/**
 * Whether `id` names something the loaded knowledge can answer with: an entry, a related link, a curated
 * food or a USDA row (`usda-<ndb>`). A vote for anything else was not cast on an answer Selene gave (a
 * forged button, or one from before the knowledge dropped that entry) and would put a phantom in the report.
 */
export function knowsAnswerId(kb: KnowledgeBase, id: string): boolean {
  const ndb = /^usda-(\d+)$/.exec(id)?.[1];
  if (ndb !== undefined) return kb.usda.foods.some((row) => row[0] === ndb);
  return (
    kb.entries.some((e) => e.id === id) || kb.related.some((l) => l.id === id) || kb.foods.some((f) => f.id === id)
  );
}

export type ButtonHandler = (interaction: ButtonInteraction, ctx: BotContext) => Promise<void>;

/**
 * The question that answers an entry, related link or food id. Topics cover entries and related links;
 * anything else (a food id such as `brazil-nuts`) is asked as words, and the caller checks the answer
 * really matched that id.
 */
export function questionFor(ctx: Pick<BotContext, 'engine'>, id: string): string {
  return ctx.engine.topics().find((t) => t.id === id)?.question ?? id.replace(/-/g, ' ');
}

// Answers to a button follow the message they came from: private stays private.
const wasEphemeral = (i: ButtonInteraction): boolean => i.message.flags.has(MessageFlags.Ephemeral);

const who = (i: ButtonInteraction) => ({ guildId: i.guildId, userId: i.user.id });

const expired = (i: ButtonInteraction) => respond(i, notices.expiredButton(), { ephemeral: true });

export const buttonHandlers: Record<string, ButtonHandler> = {
  async ask(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'ask') return void (await expired(interaction));
    const question = questionFor(ctx, action.id);
    // A suggested topic becomes the member's topic, so "why?" after it follows it.
    const answer = answerQuestion(ctx, 'suggestion', question, {
      ...who(interaction),
      conversation: interactionConversation(interaction),
    });
    await respond(interaction, renderAnswer(answer, { question, ...feedbackFor(ctx) }), {
      ephemeral: wasEphemeral(interaction),
    });
  },

  async more(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'more') return void (await expired(interaction));
    const answer = answerQuestion(ctx, 'more', questionFor(ctx, action.id), who(interaction));
    // The knowledge may have changed since the button was sent; never show a page of a different answer.
    if (answer.matchId !== action.id) return void (await expired(interaction));
    await respond(interaction, renderAnswer(answer, { page: action.page }), { ephemeral: wasEphemeral(interaction) });
  },

  async topics(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'topics') return void (await expired(interaction));
    await showTopicsPage(interaction, ctx, action.page);
  },

  /** 👍 / 👎: one vote per member per answer, changeable; always acknowledged privately. */
  async vote(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    if (action?.kind !== 'vote') return void (await expired(interaction));
    if (action.entryId !== null && !knowsAnswerId(ctx.kb, action.entryId)) return void (await expired(interaction));
    const outcome = (await ctx.store.recordVote({
      answerId: action.answerId,
      entryId: action.entryId,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      vote: action.vote,
    })) ?? { ok: false as const, reason: 'no store' };
    if (outcome.ok) ctx.metrics?.feedbackVotes.inc({ vote: action.vote });
    // debug: the store already logs its failures, at most once a minute.
    else ctx.logger.debug({ reason: outcome.reason }, 'feedback vote not saved');
    const notice = outcome.ok ? notices.voteSaved(action.vote, outcome.previous) : notices.voteNotSaved();
    await respond(interaction, notice, { ephemeral: true });
  },

  /** A link card's section button: the summary and link, privately, so a card never floods the channel. */
  async section(interaction, ctx) {
    const action = decodeCustomId(interaction.customId);
    const shown = action?.kind === 'section' ? renderSection(ctx.kb, action.id) : null;
    if (!shown) return void (await expired(interaction));
    await respond(interaction, shown, { ephemeral: true });
  },

  delete: deleteAnswer,
};

/**
 * 🗑️ on an answer: the member who asked, or a member who may manage messages in that channel, removes it
 * (the member's own message stays; the answered map forgets it, so a later edit does not bring the answer
 * back). Anyone else is told privately, and the answer stays.
 */
export async function deleteAnswer(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (action?.kind !== 'delete') return void (await expired(interaction));
  const may =
    interaction.user.id === action.askerId ||
    (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false);
  if (!may) return void (await respond(interaction, notices.onlyAskerCanDelete(), { ephemeral: true }));
  // Acknowledged first: an interaction must be answered within 3 s, and its message is about to go.
  await interaction.deferUpdate();
  const reply = interaction.message;
  const question = reply.reference?.messageId;
  if (question && ctx.answered.get(question)?.replyId === reply.id) ctx.answered.forget(question);
  await deleteReply(interaction.client.rest, { channelId: reply.channelId, replyId: reply.id });
}

export const expiredButton = expired;

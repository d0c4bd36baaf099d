import type { Message } from 'discord.js';
import { answerQuestion, type BotContext } from '../context.js';
import { cleanText, notices, type ReplyPayload, renderAnswer } from '../render.js';
import { messageReply } from '../respond.js';

/** The question without the bot's own mentions (`<@id>` and the legacy nickname form `<@!id>`). */
export const stripMention = (content: string, botId: string): string =>
  content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();

/**
 * Answers a mention in a server, any message in a DM, and (when the store says so) any message in an
 * answer channel. Without the Message Content intent Discord still delivers the text of mentions and DMs,
 * which is why the bot does not ask for it; answer channels are the one feature that needs it.
 */
export async function onMessageCreate(message: Message, ctx: BotContext): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const botId = message.client.user.id;
  const inDm = !message.inGuild();
  const mentioned = message.mentions.users.has(botId);
  if (!inDm && !mentioned && !ctx.store?.isAnswerChannel?.(message.guildId, message.channelId)) return;

  const question = stripMention(message.content, botId);
  const empty = !cleanText(question);
  // In an answer channel without the Message Content intent every message arrives empty: stay quiet there.
  if (empty && !inDm && !mentioned) return;

  const send = (p: ReplyPayload) => message.reply(messageReply(p));
  const turn = ctx.cooldowns.take(message.author.id, ctx.store?.cooldownSeconds?.(message.guildId));
  if (!turn.ok) {
    if (turn.notify) await send(notices.cooldown(turn.retryAfterSeconds));
    return;
  }
  if (empty) {
    await send(notices.emptyMention());
    return;
  }
  const source = inDm ? 'dm' : mentioned ? 'mention' : 'channel';
  const answer = answerQuestion(ctx, source, question, { guildId: message.guildId, userId: message.author.id });
  await send(renderAnswer(answer));
}

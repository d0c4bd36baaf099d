import {
  ChannelType,
  DiscordAPIError,
  type Message,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type ThreadChannel,
} from 'discord.js';
import { conversationKey } from '../conversation/store.js';
import type { BotContext } from './context.js';
import { LIMITS, truncate, truncateWords } from './limits.js';
import type { ReplyPayload } from './render/index.js';
import { cleanText, neutralise } from './render/text.js';
import { messageReplyBody, replyTo, type SentMessage } from './respond.js';

// Threads (the per-server `threads` setting): a mention in a busy text channel is answered in a new public
// thread on the member's message, so the channel stays readable and the thread holds the conversation.
// Without the permissions the answer is a plain reply, as if the setting were off; the admin is told in
// /settings view (thread-gaps.ts) and the log says it once per server.

/** What Selene needs in a channel to answer there in a thread; the invite URL asks for them. */
export const THREAD_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
] as const;

/** Discord's refusals that mean "not allowed here", as opposed to an outage. */
const REFUSED: ReadonlySet<number | string> = new Set([
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.MissingAccess,
]);

const refused = (err: unknown): boolean => err instanceof DiscordAPIError && REFUSED.has(err.code);

/**
 * A thread's name from the member's question: cleaned and neutralised like every echo of member text, and at
 * most Discord's 100 characters once neutralised (escapes count), cut at a word where one is close.
 */
export function threadName(question: string): string {
  const clean = cleanText(question);
  let max = LIMITS.threadName;
  for (;;) {
    const name = neutralise(truncateWords(clean, max));
    // Each escape added shortens the next try by as much, so this ends; an escape is never cut in half.
    if (name.length <= LIMITS.threadName) return name || 'Question';
    max -= name.length - LIMITS.threadName;
  }
}

/** The one line the first answer in a new thread starts with: how to ask a follow-up there. */
export function threadHint(botId: string, messageContentIntent: boolean): string {
  return messageContentIntent
    ? '-# Ask follow-ups right here in this thread; no need to mention me.'
    : `-# For follow-ups in this thread, mention me (<@${botId}>): I only see messages that mention me.`;
}

/** The first answer in a thread, with the hint on top (it still fits one message). */
export const withHint = (p: ReplyPayload, hint: string): ReplyPayload => ({
  ...p,
  content: truncate(`${hint}\n${p.content}`, LIMITS.content),
});

/** Whether a message is in a thread Selene started. */
export function inOwnThread(message: Message): boolean {
  const channel = message.channel;
  return message.inGuild() && channel?.isThread() === true && channel.ownerId === message.client.user.id;
}

/**
 * In threads Selene started, with the Message Content intent, members need no mention: every message is a
 * question, as in an answer channel. A message that mentions someone else is for them, not for Selene.
 */
export function listensWithoutMention(message: Message, ctx: Pick<BotContext, 'messageContentIntent'>): boolean {
  if (!ctx.messageContentIntent || !inOwnThread(message)) return false;
  const botId = message.client.user.id;
  return !message.mentions.users.some((u) => u.id !== botId);
}

/** Whether the server wants this mention answered in a thread: a mention in a text channel, threads on. */
function wantsThread(message: Message, ctx: BotContext, mentioned: boolean): message is Message<true> {
  return (
    mentioned &&
    message.inGuild() &&
    message.channel?.type === ChannelType.GuildText &&
    !message.hasThread &&
    ctx.store.settings(message.guildId).threads
  );
}

/** False when discord.js knows Selene lacks a thread permission in the message's channel. */
function mayUseThreads(message: Message<true>): boolean {
  const me = message.guild.members.me;
  // Without our own member the permissions are unknown: let Discord decide (a 50013 is handled).
  if (!me) return true;
  return message.channel.permissionsFor(me)?.has([...THREAD_PERMISSIONS]) ?? true;
}

/** Remembers the channel for /settings view; logs once per server. */
function noteGap(ctx: BotContext, message: Message<true>): void {
  if (ctx.threadGaps.note(message.guildId, message.channelId)) {
    ctx.logger.warn(
      { guildId: message.guildId, channelId: message.channelId },
      'threads: missing Create Public Threads or Send Messages in Threads; answering this server with plain replies (shown in /settings view)',
    );
  }
}

/** Starts the thread, or null (after noting why) when Selene may not or Discord refuses. */
async function startThread(message: Message<true>, question: string, ctx: BotContext): Promise<ThreadChannel | null> {
  if (!mayUseThreads(message)) {
    noteGap(ctx, message);
    return null;
  }
  try {
    const thread = await message.startThread({ name: threadName(question) });
    ctx.threadGaps.clear(message.guildId, message.channelId);
    return thread;
  } catch (err) {
    if (refused(err)) noteGap(ctx, message);
    else ctx.logger.warn({ err }, 'threads: could not start a thread; answering with a plain reply');
    return null;
  }
}

/** Posts in the thread; no reply arrow, since the thread already hangs on the member's message. */
async function postInThread(thread: ThreadChannel, p: ReplyPayload): Promise<SentMessage> {
  const { message_reference: _reference, ...body } = messageReplyBody(p, thread.id);
  return (await thread.client.rest.post(Routes.channelMessages(thread.id), { body })) as SentMessage;
}

/** Where an answer goes when it goes to a new thread: the thread's conversation, and how to send there. */
export interface AnswerThread {
  /** The conversation key in the thread, so follow-ups there read this answer. */
  conversation: string;
  /** Resolves to the message posted (in the thread, or the plain reply it fell back to). */
  send(p: ReplyPayload): Promise<SentMessage>;
}

/**
 * The new thread a mention is answered in, or null for a plain reply (threads off, not a text channel,
 * missing permissions, Discord refusing). Sending falls back to a plain reply if Discord refuses the post
 * in the thread (Send Messages in Threads denied on the thread's channel after all).
 */
export async function answerThread(
  message: Message,
  ctx: BotContext,
  question: string,
  mentioned: boolean,
): Promise<AnswerThread | null> {
  if (!wantsThread(message, ctx, mentioned)) return null;
  const thread = await startThread(message, question, ctx);
  if (!thread) return null;
  const hint = threadHint(message.client.user.id, ctx.messageContentIntent ?? false);
  return {
    conversation: conversationKey(message.author.id, thread.id),
    async send(p) {
      try {
        return await postInThread(thread, withHint(p, hint));
      } catch (err) {
        if (!refused(err)) throw err;
        noteGap(ctx, message);
        return await replyTo(message, p);
      }
    },
  };
}

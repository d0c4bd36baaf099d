import type { Message } from 'discord.js';
import { conversationKey } from '../../conversation/store.js';
import type { Backlog } from '../backlog.js';
import { answerQuestion, type BotContext, conversationContext, feedbackFor } from '../context.js';
import { findKnownLink, knownLinks } from '../links.js';
import { cleanText, notices, type ReplyPayload, renderAnswer, renderLinkCard } from '../render/index.js';
import { type ReplyTarget, replyTargetOf } from '../reply-target.js';
import { replyTo } from '../respond.js';
import { answerThread, listensWithoutMention } from '../threads.js';
import { moveTurn, trackAnswer } from '../tracking.js';

/** What a reply-to-message gets when there is nothing to answer in the message it points at. */
const targetNotices: Partial<Record<ReplyTarget['kind'], () => ReplyPayload>> = {
  'needs-intent': notices.replyNeedsIntent,
  'no-text': notices.emptyTarget,
  gone: notices.replyTargetGone,
};

/**
 * The question without the bot's own mentions (`<@id>` and the legacy nickname form `<@!id>`). Plain string
 * replacement, not a RegExp built per message: the two forms cannot overlap, so the result is the same.
 */
export const stripMention = (content: string, botId: string): string =>
  content.replaceAll(`<@${botId}>`, ' ').replaceAll(`<@!${botId}>`, ' ').trim();

const QUESTION_START =
  /^(what|whats|how|why|when|where|who|which|is|are|does|do|did|can|could|should|would|will|was|were|any|tell|explain)\b/i;

/**
 * In an answer channel every message reaches the bot, chat included. A refusal is only worth sending to
 * something that reads as a question; "thanks!" or "lol" get no "I don't know".
 */
export const looksLikeQuestion = (text: string): boolean => text.includes('?') || QUESTION_START.test(text.trim());

/** How a message reached the bot: in a DM, by a mention, or in an answer channel (or a thread Selene listens in). */
export interface Addressed {
  inDm: boolean;
  mentioned: boolean;
  answerChannel: boolean;
}

/**
 * How `message` is addressed to the bot, or null when it is not for the bot: its own replies, other bots,
 * webhooks, system messages, and chat in a server that neither mentions it nor is in an answer channel. Cheap
 * and synchronous, so the gateway's every message can be checked before any per-event work is set up.
 */
export function addressedTo(
  message: Message,
  ctx: Pick<BotContext, 'store' | 'messageContentIntent'>,
): Addressed | null {
  if (message.author.bot || message.webhookId || message.system) return null;
  const inDm = !message.inGuild();
  const mentioned = message.mentions.users.has(message.client.user.id);
  // A thread Selene started listens like an answer channel when it can read messages (see threads.ts).
  const answerChannel =
    message.inGuild() &&
    !mentioned &&
    (ctx.store.isAnswerChannel(message.guildId, message.channelId) || listensWithoutMention(message, ctx));
  return inDm || mentioned || answerChannel ? { inDm, mentioned, answerChannel } : null;
}

/**
 * Answers a mention in a server, any message in a DM, and (when the store says so) any message in an
 * answer channel, where a link to the article gets a compact card instead. Without the Message Content
 * intent Discord still delivers the text of mentions and DMs, which is why the bot does not ask for it by
 * default; answer channels are the one feature that needs it.
 *
 * Resolves to what the reply was (for the latency metric), or null when the message was not for the bot or
 * was shed. `backlog` caps the replies on their way (see backlog.ts); `addressed` is addressedTo's verdict when
 * the caller already has it.
 */
export async function onMessageCreate(
  message: Message,
  ctx: BotContext,
  backlog: Backlog,
  addressed: Addressed | null = addressedTo(message, ctx),
): Promise<string | null> {
  if (!addressed) return null;
  const { inDm, mentioned, answerChannel } = addressed;
  const botId = message.client.user.id;
  // From here an edit or delete of the message is held until the reply is known (bot.ts settles it).
  ctx.answered.begin(message.id);

  const own = stripMention(message.content, botId);
  // "@Selene" as a reply to someone's message may be asking about that message (reply-target.ts).
  const target = replyTargetOf(message, own, mentioned, ctx);
  const question = target.kind === 'referenced' ? target.text : own;
  const empty = !cleanText(question);
  // In an answer channel without the Message Content intent every message arrives empty: stay quiet there.
  if (empty && answerChannel) return null;

  const card =
    answerChannel && message.inGuild() && ctx.store.linkCards(message.guildId)
      ? findKnownLink(message.content, knownLinks(ctx.kb))
      : null;
  // One conversation per member and channel (DMs: per member), so "and covid?" follows their last question.
  const conversation = conversationKey(message.author.id, inDm ? null : message.channelId);
  // In an answer channel, chat that is neither answerable nor a question is not for the bot.
  const early = answerChannel && !card ? ctx.engine.ask(question, conversationContext(ctx, conversation)) : undefined;
  if (early && !early.answered && !looksLikeQuestion(question)) return null;

  const send = (p: ReplyPayload) => replyTo(message, p);
  // Before the cooldown and the engine: a shed message costs neither a member's turn nor an answer.
  const admission = backlog.admit(message.channelId);
  if (!admission.ok) {
    ctx.metrics?.shed.inc({ reason: admission.reason });
    if (!admission.notice) return null;
    try {
      await send(notices.tooBusy());
    } finally {
      admission.notice.release();
    }
    return 'busy';
  }
  try {
    return await reply();
  } finally {
    admission.release();
  }

  async function reply(): Promise<string | null> {
    const turn = ctx.cooldowns.take(message.author.id, ctx.store.cooldownSeconds(message.guildId));
    if (!turn.ok) {
      if (turn.notify) await send(notices.cooldown(turn.retryAfterSeconds));
      return turn.notify ? 'cooldown' : null;
    }
    if (card) {
      await send(renderLinkCard(card));
      return 'link-card';
    }
    const notice = targetNotices[target.kind];
    if (notice) {
      await send(notice());
      return 'reply-target';
    }
    if (empty) {
      await send(notices.emptyMention());
      return 'empty';
    }
    const source = inDm ? 'dm' : mentioned ? 'mention' : 'channel';
    // With the server's threads setting, a mention is answered in a new thread that holds the conversation.
    const thread = await answerThread(message, ctx, question, mentioned);
    const key = thread?.conversation ?? conversation;
    const who = { guildId: message.guildId, userId: message.author.id, conversation: key };
    const answer = answerQuestion(ctx, source, question, who, early);
    // Read now, not after sending: the member's next message may add a turn while this reply is on its way.
    const recorded = ctx.conversations.lastTurn(key, Date.now());
    const feedback = feedbackFor(ctx);
    const referenced = target.kind === 'referenced' ? { authorId: target.authorId, text: target.text } : null;
    const sent = await (thread?.send ?? send)(
      renderAnswer(answer, {
        ...feedback,
        deletableBy: message.author.id,
        ...(referenced ? { answering: referenced } : {}),
      }),
    );
    // Discord refused the post in the new thread, so the answer is a plain reply: its turn belongs to the channel.
    const fellBack = thread && sent.channel_id === message.channelId;
    const tracked = fellBack ? moveTurn(ctx, { from: key, to: conversation }, recorded, question, answer) : recorded;
    trackAnswer(ctx, message, sent, {
      conversation: fellBack ? conversation : key,
      turn: tracked,
      answer,
      answerId: feedback.feedback?.answerId ?? null,
      referenced,
    });
    return source;
  }
}

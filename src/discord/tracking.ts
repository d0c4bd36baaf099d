import { DiscordAPIError, type Message, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { TurnRef } from '../conversation/store.js';
import type { Answer } from '../engine/types.js';
import { type AnsweredMessage, answerPrint, fingerprint } from './answered.js';
import type { BotContext } from './context.js';
import type { SentMessage } from './respond.js';

// The glue between answering a member's message and the answered map: what is remembered when Selene
// replies, and how a reply is removed again (the member deleted their message, or pressed 🗑️).

export interface TrackedAnswer {
  /** The conversation (conversationKey); null without one. */
  conversation: string | null;
  /** The turn the answer recorded in the conversation; null when none was (conversations off). */
  turn: TurnRef | null;
  answer: Answer;
  answerId: string | null;
  referenced: AnsweredMessage['referenced'];
}

/** Remembers Selene's reply `sent` to `message`, so the member's edits and deletes reach it. */
export function trackAnswer(ctx: BotContext, message: Message, sent: SentMessage, t: TrackedAnswer): void {
  ctx.answered.remember(message.id, {
    replyId: sent.id,
    channelId: sent.channel_id,
    askerId: message.author.id,
    conversation: t.conversation,
    turn: t.conversation ? t.turn : null,
    text: fingerprint(message.content),
    answerId: t.answerId,
    answerPrint: answerPrint(t.answer),
    referenced: t.referenced,
    edits: 0,
  });
}

/** A reply that is already gone (a moderator, a bulk delete, or the member's own 🗑️) needs nothing more. */
export const isUnknownMessage = (err: unknown): boolean =>
  err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownMessage;

/** Deletes Selene's reply; true when it is gone (now or already). */
export async function deleteReply(rest: REST, entry: Pick<AnsweredMessage, 'channelId' | 'replyId'>): Promise<boolean> {
  try {
    await rest.delete(Routes.channelMessage(entry.channelId, entry.replyId));
    return true;
  } catch (err) {
    if (isUnknownMessage(err)) return true;
    throw err;
  }
}

/** Takes the answered turn out of the member's conversation when nothing followed it. */
export function dropTurn(ctx: BotContext, entry: AnsweredMessage): void {
  if (entry.conversation && entry.turn !== null) ctx.conversations.dropLast(entry.conversation, entry.turn, Date.now());
}

/**
 * Moves a just-recorded turn to another conversation (a thread answer that fell back to a plain reply): out of
 * `from` while nothing followed it, into `to`. Returns the turn as recorded in `to`.
 */
export function moveTurn(
  ctx: BotContext,
  keys: { from: string; to: string },
  turn: TurnRef | null,
  question: string,
  answer: Answer,
): TurnRef | null {
  const now = Date.now();
  if (turn !== null) ctx.conversations.dropLast(keys.from, turn, now);
  ctx.conversations.record(keys.to, question, answer, now);
  return ctx.conversations.lastTurn(keys.to, now);
}

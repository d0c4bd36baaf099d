import { type REST, Routes } from 'discord.js';
import { answerPrint, fingerprint } from '../answered.js';
import { type BotContext, newAnswerId } from '../context.js';
import { cleanText, renderAnswer } from '../render/index.js';
import { isPointer } from '../reply-target.js';
import { isUnknownMessage } from '../tracking.js';
import { stripMention } from './message-create.js';

/**
 * A member edited a message Selene answered: within ANSWERED_LIMITS.ttlMs of the answer, Selene answers the
 * new text, read against the conversation as it was before that turn, and edits its reply in place.
 *
 * Cooldowns: an edit takes no turn (it replaces an answer, it does not add one), and it never gives one back:
 * the member's next new question waits out the cooldown as it would have. What an edit can cost is bounded by
 * ANSWERED_LIMITS.maxEdits per answered message instead.
 *
 * Votes: when the new answer says the same (a typo fixed), the 👍 / 👎 keep their answer id, so votes already
 * cast still count for it; when it says something else, they get a new id, so earlier votes stay with the
 * answer they judged and never count for the new one.
 *
 * `message` is the gateway's MESSAGE_UPDATE (see bot.ts for why not discord.js's messageUpdate). Resolves to
 * 'edit' when the reply was edited, null when the update was not an edit to answer.
 */
export async function onMessageUpdate(
  message: { id: string; content?: string },
  discord: { rest: REST; botId: string },
  ctx: BotContext,
): Promise<string | null> {
  const answered = ctx.answered;
  // Without the Message Content intent, an edit that drops the mention arrives with no text: nothing to read.
  if (typeof message.content !== 'string') return null;
  const entry = answered.get(message.id);
  if (!entry) {
    // Edited while Selene is still answering it: bot.ts applies the edit once the reply is remembered.
    answered.hold(message.id, { kind: 'edit', content: message.content });
    return null;
  }
  const own = stripMention(message.content, discord.botId);
  if (!cleanText(own)) return null;
  const text = fingerprint(message.content);
  // Discord also sends updates for link previews and pins: the text is what must have changed.
  if (text === entry.text || entry.edits >= answered.limits.maxEdits) return null;
  answered.update(message.id, { text, edits: entry.edits + 1 });

  // A reply that still only points at the replied-to message still asks about it.
  const referenced = entry.referenced && isPointer(own) ? entry.referenced : null;
  const question = referenced ? referenced.text : own;
  const now = Date.now();
  // The context the message was first read against, while the conversation still knows it; else on its own.
  const turn = entry.conversation !== null && entry.turn !== null ? entry.turn : null;
  const before =
    entry.conversation !== null && turn !== null ? ctx.conversations.before(entry.conversation, turn, now) : null;
  const answer = ctx.engine.ask(question, before ?? []);
  const print = answerPrint(answer);
  const answerId = entry.answerId === null ? null : print === entry.answerPrint ? entry.answerId : newAnswerId();
  if (entry.conversation !== null && turn !== null)
    ctx.conversations.replaceLast(entry.conversation, turn, question, answer, now);
  const p = renderAnswer(answer, {
    ...(answerId ? { feedback: { answerId } } : {}),
    deletableBy: entry.askerId,
    ...(referenced ? { answering: referenced } : {}),
  });
  ctx.logger.debug({ route: answer.route, matchId: answer.matchId, answered: answer.answered }, 'answered an edit');
  try {
    await discord.rest.patch(Routes.channelMessage(entry.channelId, entry.replyId), {
      body: {
        content: p.content,
        embeds: p.embeds,
        components: p.components,
        allowed_mentions: { parse: [], users: p.allowed_mentions.users, roles: [], replied_user: false },
      },
    });
  } catch (err) {
    // The reply was removed meanwhile (a moderator, or 🗑️): nothing left to keep in step.
    if (!isUnknownMessage(err)) throw err;
    answered.forget(message.id);
    return null;
  }
  // The turn keeps its number when replaced: later edits replace it again while it is the last.
  answered.update(message.id, { answerId, answerPrint: print });
  return 'edit';
}

import type { REST } from 'discord.js';
import type { BotContext } from '../context.js';
import { deleteReply, dropTurn } from '../tracking.js';

/**
 * A member deleted a message Selene answered (within ANSWERED_LIMITS.ttlMs): Selene deletes its reply and
 * forgets the message, and the turn leaves the member's conversation if nothing followed it (a later turn
 * may have built on it, so then it stays). `messageId` comes from the gateway's MESSAGE_DELETE (or _BULK).
 * Resolves to 'delete' when a reply was removed, else null.
 */
export async function onMessageDelete(messageId: string, rest: REST, ctx: BotContext): Promise<string | null> {
  const entry = ctx.answered.forget(messageId);
  if (!entry) {
    // Deleted while Selene is still answering it: bot.ts deletes the reply once it is sent.
    ctx.answered.hold(messageId, { kind: 'delete' });
    return null;
  }
  dropTurn(ctx, entry);
  await deleteReply(rest, entry);
  return 'delete';
}

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
  if (!entry) return null;
  dropTurn(ctx, entry);
  await deleteReply(rest, entry);
  return 'delete';
}

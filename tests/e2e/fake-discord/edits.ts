import type { FakeDiscord } from './index.js';
import type { Json } from './types.js';
import { mentionedUsers, userPayload } from './world.js';

// Members editing and deleting their messages (MESSAGE_UPDATE, MESSAGE_DELETE), and what a session sees of a
// message's text: like Discord, without the Message Content intent a guild message's text is empty unless it
// mentions the bot or is the bot's own, and the same goes for the message a reply points at.

const Intent = { GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

const mentionsUser = (m: Json, userId: string) =>
  ((m.mentions as Json[] | undefined) ?? []).some((u) => u.id === userId);

/** Whether a session with `intents` sees the text of message `m`. */
function textVisible(m: Json, intents: number, botId: string): boolean {
  return (
    m.guild_id === undefined ||
    (intents & Intent.MessageContent) !== 0 ||
    (m.author as Json | undefined)?.id === botId ||
    mentionsUser(m, botId)
  );
}

const withoutText = (m: Json): Json => ({ ...m, content: '', embeds: [], attachments: [], components: [] });

/**
 * A message event's payload as one session receives it: null when the session lacks the intent for it, its
 * text (and its replied-to message's text) emptied when the session may not read them.
 */
export function messageForSession(d: Json, intents: number, botId: string): Json | null {
  const needed = d.guild_id === undefined ? Intent.DirectMessages : Intent.GuildMessages;
  if ((intents & needed) === 0) return null;
  const shown = textVisible(d, intents, botId) ? d : withoutText(d);
  const ref = d.referenced_message as Json | null | undefined;
  if (!ref || textVisible(ref, intents, botId)) return shown;
  return { ...shown, referenced_message: withoutText(ref) };
}

/** A member edits their message: the new text is stored and MESSAGE_UPDATE (the full message) dispatched. */
export function editMessage(fake: FakeDiscord, messageId: string, content: string): Json {
  const message = fake.world.messages.get(messageId);
  if (!message) throw new Error(`fake-discord: no message ${messageId} to edit`);
  const guildId = (message.guild_id as string | undefined) ?? null;
  const mentions = mentionedUsers(fake.world, content).map((u) => userPayload(u));
  const updated = { ...message, content, mentions, edited_timestamp: new Date().toISOString() };
  fake.world.messages.set(messageId, updated);
  fake.dispatch('MESSAGE_UPDATE', updated, guildId, (d, session) => messageForSession(d, session.intents, fake.bot.id));
  return updated;
}

/** A member (or a moderator) deletes a message: it is gone, and MESSAGE_DELETE dispatched. */
export function deleteMessage(fake: FakeDiscord, messageId: string): void {
  const message = fake.world.messages.get(messageId);
  if (!message) throw new Error(`fake-discord: no message ${messageId} to delete`);
  fake.world.messages.delete(messageId);
  const guildId = (message.guild_id as string | undefined) ?? null;
  const d = { id: messageId, channel_id: message.channel_id, ...(guildId ? { guild_id: guildId } : {}) };
  fake.dispatch('MESSAGE_DELETE', d, guildId, (x, session) => {
    const needed = guildId ? Intent.GuildMessages : Intent.DirectMessages;
    return (session.intents & needed) === 0 ? null : x;
  });
}

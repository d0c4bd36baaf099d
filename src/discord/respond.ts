import {
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type Message,
  MessageFlags,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';
import type { ReplyPayload } from './render/index.js';

// Converts render's API-shaped payloads into discord.js options. allowed_mentions is copied from the
// payload every time: no reply relies on a default for who may be pinged.

const allowedMentions = (p: ReplyPayload) => ({
  parse: [],
  users: p.allowed_mentions.users,
  roles: [],
  repliedUser: p.allowed_mentions.replied_user,
});

export const interactionReply = (
  p: ReplyPayload,
  { ephemeral = false }: { ephemeral?: boolean } = {},
): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowedMentions: allowedMentions(p),
  ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
});

export const interactionUpdate = (p: ReplyPayload): InteractionUpdateOptions => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowedMentions: allowedMentions(p),
});

/** The body of POST /channels/:id/messages that answers `messageId` with `p`. */
export const messageReplyBody = (p: ReplyPayload, messageId: string): RESTPostAPIChannelMessageJSONBody => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowed_mentions: {
    parse: [],
    users: p.allowed_mentions.users,
    roles: [],
    replied_user: p.allowed_mentions.replied_user,
  },
  // Still answer if the member deleted their message meanwhile (sent without the reply arrow).
  message_reference: { message_id: messageId, fail_if_not_exists: false },
});

/**
 * Replies to a message with render's payload as it is. The payload is already in the API's shape, so it goes
 * straight to REST: message.reply() would rebuild it through discord.js's MessagePayload and then build and
 * cache a Message for the reply, which nothing here reads (about a sixth of the bot's CPU under load).
 */
export async function replyTo(message: Message, p: ReplyPayload): Promise<void> {
  await message.client.rest.post(Routes.channelMessages(message.channelId), { body: messageReplyBody(p, message.id) });
}

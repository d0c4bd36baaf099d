import {
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type MessageReplyOptions,
} from 'discord.js';
import type { ReplyPayload } from './render.js';

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

export const messageReply = (p: ReplyPayload): MessageReplyOptions => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowedMentions: allowedMentions(p),
  // Still answer if the member deleted their message meanwhile (sent without the reply arrow).
  failIfNotExists: false,
});

import {
  type APIApplicationCommandOptionChoice,
  type APIInteractionResponseCallbackData,
  type APIMessage,
  type AutocompleteInteraction,
  type ButtonInteraction,
  DiscordAPIError,
  type InteractionReplyOptions,
  InteractionResponseType,
  type Message,
  MessageFlags,
  RESTJSONErrorCodes,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIInteractionCallbackJSONBody,
  type RepliableInteraction,
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
export async function replyTo(message: Message, p: ReplyPayload): Promise<SentMessage> {
  return (await message.client.rest.post(Routes.channelMessages(message.channelId), {
    body: messageReplyBody(p, message.id),
  })) as SentMessage;
}

/** What a reply's tracking needs of the message Discord created (answered.ts). */
export type SentMessage = Pick<APIMessage, 'id' | 'channel_id'>;

/**
 * How long after an interaction arrives its reply may still not be acknowledged before it is deferred.
 * Discord drops an interaction that gets no callback within 3 s; a reply stuck behind a rate limit (or a
 * slow Discord) must not take it down with it.
 */
export const DEFER_AFTER_MS = 2_000;

type Respondable = RepliableInteraction;

const callbackData = (p: ReplyPayload, flags?: number): APIInteractionResponseCallbackData => ({
  content: p.content,
  embeds: p.embeds,
  components: p.components,
  allowed_mentions: { parse: [], users: p.allowed_mentions.users, roles: [], replied_user: false },
  ...(flags ? { flags } : {}),
});

/**
 * Time left before the interaction must be deferred. Measured from when Discord created it (its id), which
 * is what Discord's own 3 s is measured from, but never more than DEFER_AFTER_MS from now: a clock behind
 * Discord's must not give a reply more time than it has.
 */
const timeLeft = (i: Respondable, now = Date.now()): number =>
  Math.min(i.createdTimestamp + DEFER_AFTER_MS - now, DEFER_AFTER_MS);

const alreadyAcknowledged = (err: unknown): boolean =>
  err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;

/**
 * Sends `callback` unless it is still not acknowledged when the time is up; then it is given up (a request
 * waiting out a 429 is never sent) and `deferred` is sent instead, and the reply becomes an edit of the
 * deferred one. If the first request did reach Discord after all, the deferral is refused with 40060 and there
 * is nothing left to do.
 */
async function callbackWithDeadline(
  i: Respondable,
  callback: RESTPostAPIInteractionCallbackJSONBody,
  deferred: RESTPostAPIInteractionCallbackJSONBody,
  edit: RESTPatchAPIWebhookWithTokenMessageJSONBody,
): Promise<'sent' | 'deferred'> {
  const route = Routes.interactionCallback(i.id, i.token);
  const left = timeLeft(i);
  // Nothing to gain by deferring when the time is already up: one request either way.
  if (left <= 0) {
    await i.client.rest.post(route, { body: callback, auth: false });
    return 'sent';
  }
  const giveUp = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), left);
  });
  const sent = i.client.rest
    .post(route, { body: callback, auth: false, signal: giveUp.signal })
    .then(() => 'sent' as const);
  // Rejects after the abort once discord.js wakes from its rate-limit sleep; nobody is waiting for it then.
  sent.catch(() => {});
  const first = await Promise.race([sent, late]).finally(() => clearTimeout(timer));
  if (first === 'sent') return 'sent';
  giveUp.abort();
  try {
    await i.client.rest.post(route, { body: deferred, auth: false });
  } catch (err) {
    if (alreadyAcknowledged(err)) return 'sent';
    throw err;
  }
  await i.client.rest.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), { body: edit, auth: false });
  return 'deferred';
}

/** Replies to an interaction with render's payload, deferring it first if the reply is late (see DEFER_AFTER_MS). */
export async function respond(
  i: Respondable,
  p: ReplyPayload,
  { ephemeral = false }: { ephemeral?: boolean } = {},
): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const how = await callbackWithDeadline(
    i,
    { type: InteractionResponseType.ChannelMessageWithSource, data: callbackData(p, flags) },
    { type: InteractionResponseType.DeferredChannelMessageWithSource, ...(flags ? { data: { flags } } : {}) },
    callbackData(p),
  );
  // What discord.js's own reply()/deferReply() would record, so followUp() and editReply() work afterwards.
  i.ephemeral = ephemeral;
  if (how === 'sent') i.replied = true;
  else i.deferred = true;
}

/** Redraws the message a button is on (e.g. another /topics page), deferring it first if the update is late. */
export async function respondUpdate(i: ButtonInteraction, p: ReplyPayload): Promise<void> {
  const how = await callbackWithDeadline(
    i,
    { type: InteractionResponseType.UpdateMessage, data: callbackData(p) },
    { type: InteractionResponseType.DeferredMessageUpdate },
    callbackData(p),
  );
  if (how === 'sent') i.replied = true;
  else i.deferred = true;
}

/**
 * Answers an autocomplete with `choices` (already in the API's shape, see clampChoices): the same request as
 * interaction.respond(), without discord.js re-keying every choice through its snake_case transformer on
 * each keystroke.
 */
export async function respondChoices(
  i: AutocompleteInteraction,
  choices: readonly APIApplicationCommandOptionChoice<string>[],
): Promise<void> {
  await i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
    body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
    auth: false,
  });
  i.responded = true;
}

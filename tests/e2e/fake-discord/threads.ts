import type { FakeChannel, FakeUser, Json } from './types.js';
import { hasPermission, Permission, type World } from './world.js';

// Threads, as Discord has them: a public thread (type 11) started on a message has the message's id, hangs
// under the message's channel (parent_id), is owned by whoever started it, and is announced with
// THREAD_CREATE. Messages in it are MESSAGE_CREATEs with the thread's id as channel_id and the guild's id.
// Posting in a thread takes Send Messages in Threads, not Send Messages.

/** Announcement thread, public thread, private thread. */
const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);

export const isThread = (channel: FakeChannel): boolean => THREAD_TYPES.has(channel.type);

/** The permission posting a message in `channel` takes. */
export const sendPermission = (channel: FakeChannel): number =>
  isThread(channel) ? Permission.SendMessagesInThreads : Permission.SendMessages;

/** Discord's thread name rule: 1 to 100 characters. */
export const THREAD_NAME_MAX = 100;

/** The channel object of a thread, as in THREAD_CREATE, GET /channels/:id and the start-thread response. */
export function threadPayload(thread: FakeChannel, extra: Json = {}): Json {
  const now = new Date().toISOString();
  return {
    id: thread.id,
    type: thread.type,
    guild_id: thread.guildId,
    parent_id: thread.parentId ?? null,
    owner_id: thread.ownerId ?? null,
    name: thread.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
    ...extra,
  };
}

/**
 * A public thread under `parent`, owned by `owner`, with the bot's permissions of its parent (Discord computes a
 * thread's permissions from its parent's). `id` is the starter message's id when started on a message.
 */
export function addThread(world: World, parent: FakeChannel, name: string, owner: FakeUser, id?: string): FakeChannel {
  const thread: FakeChannel = {
    id: id ?? world.nextId(),
    name,
    type: 11,
    guildId: parent.guildId,
    botPermissions: parent.botPermissions,
    parentId: parent.id,
    ownerId: owner.id,
  };
  world.channels.set(thread.id, thread);
  return thread;
}

interface ThreadReply {
  status: number;
  body: unknown;
}

const refusal = (status: number, code: number, message: string): ThreadReply => ({
  status,
  body: { code, message },
});

/** Message flag HAS_THREAD (1 << 5). */
const HAS_THREAD = 32;

/**
 * POST /channels/:channel/messages/:message/threads, by the bot: the checks Discord makes (channel type,
 * Create Public Threads, one thread per message, the name), then the thread, the starter message marked, and
 * THREAD_CREATE dispatched (`newly_created`, as Discord sends it to the creator).
 */
export function startThreadOnMessage(
  world: World,
  params: { channel: string; message: string },
  body: Json,
  dispatch: (t: string, d: Json, guildId: string | null) => void,
): ThreadReply {
  const parent = world.channels.get(params.channel);
  if (!parent) return refusal(404, 10003, 'Unknown Channel');
  const message = world.messages.get(params.message);
  if (!message || message.channel_id !== parent.id) return refusal(404, 10008, 'Unknown Message');
  if (parent.type !== 0 && parent.type !== 5) return refusal(400, 50024, 'Cannot execute action on this channel type');
  if (!hasPermission(parent.botPermissions, Permission.ViewChannel)) return refusal(403, 50001, 'Missing Access');
  if (!hasPermission(parent.botPermissions, Permission.CreatePublicThreads)) {
    return refusal(403, 50013, 'Missing Permissions');
  }
  if (message.thread || world.channels.has(params.message)) {
    return refusal(400, 160004, 'A thread has already been created for this message');
  }
  const name = typeof body.name === 'string' ? body.name : '';
  if (name.length < 1 || name.length > THREAD_NAME_MAX) {
    return {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] },
        },
      },
    };
  }
  const thread = addThread(world, parent, name, world.bot, params.message);
  const payload = threadPayload(thread, { type: parent.type === 5 ? 10 : 11 });
  thread.type = Number(payload.type);
  world.messages.set(params.message, { ...message, thread: payload, flags: Number(message.flags ?? 0) | HAS_THREAD });
  dispatch('THREAD_CREATE', { ...payload, newly_created: true }, parent.guildId);
  return { status: 201, body: payload };
}

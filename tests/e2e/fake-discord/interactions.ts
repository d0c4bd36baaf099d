import type { FakeChannel, FakeUser, Json } from './types.js';
import {
  channelPayload,
  MEMBER_PERMISSIONS,
  memberPayload,
  OWNER_PERMISSIONS,
  userPayload,
  type World,
} from './world.js';

/** Interaction types and the callback types Discord accepts for each. */
export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Json;
  channel: FakeChannel;
  /** Callback body the bot sent (null until it answers). */
  callback: Json | null;
  /** Message shown by the reply (created by callback 4/5, or the component's message for 6/7). */
  originalMessageId: string | null;
  dispatchedAt: number;
  answeredAt: number | null;
}

export function callbackAllowed(interactionType: number, callbackType: number): boolean {
  return ALLOWED_CALLBACKS[interactionType]?.includes(callbackType) ?? false;
}

/** Option values for `fake.slash({ options: { question: 'hi', private: true, user: someUser } })`. */
export type OptionValue = string | number | boolean | FakeUser;
export type OptionsInput = Record<string, OptionValue> | Json[];

export interface InteractionBase {
  /** Guild to act in; `null` for a DM with the bot. Defaults to the first guild. */
  guildId?: string | null;
  /** Channel; defaults to the guild's first text channel, or the DM channel with the user. */
  channelId?: string;
  /** Who acts; defaults to the tester. */
  user?: FakeUser;
  /** Bot's permissions in the channel (`app_permissions`); defaults to the channel's `botPermissions`. */
  appPermissions?: string;
  /** The member's permissions; defaults to owner permissions for the guild owner, member permissions otherwise. */
  memberPermissions?: string;
  locale?: string;
}

export interface InteractionContext {
  world: World;
  guildId: string | null;
  channel: FakeChannel;
  user: FakeUser;
}

/** Resolves guild, channel and user defaults the way a member would naturally use the bot. */
export function resolveContext(world: World, base: InteractionBase): InteractionContext {
  const user = base.user ?? world.tester;
  if (base.channelId) {
    const channel = world.channels.get(base.channelId);
    if (!channel) throw new Error(`fake-discord: unknown channel ${base.channelId}`);
    return { world, guildId: channel.guildId, channel, user };
  }
  if (base.guildId === null) return { world, guildId: null, channel: world.dmChannel(user), user };
  const guild = base.guildId ? world.guild(base.guildId) : world.guilds[0];
  if (!guild) throw new Error(`fake-discord: unknown guild ${String(base.guildId)}`);
  const channel = guild.channels.find((c) => c.type === 0) ?? guild.channels[0];
  if (!channel) throw new Error(`fake-discord: guild ${guild.id} has no channel`);
  return { world, guildId: guild.id, channel, user };
}

function optionType(value: OptionValue): number {
  if (typeof value === 'object') return 6;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

/** Option types whose value is an id (user, channel, role, mentionable): a FakeUser stands for its id. */
const ID_TYPES = new Set([6, 7, 8, 9]);

/**
 * Turns `{ name: value }` into Discord's option array, and collects `resolved` users/members for user options.
 * Like Discord, an option's type comes from the registered command (`definition`, its `options` array) when the
 * bot registered one: `servings: 2` is a NUMBER (10) if /food says so, though 2 is integral. Unregistered
 * options fall back to the type the JS value suggests.
 */
export function buildOptions(
  input: OptionsInput | undefined,
  guildId: string | null,
  focused?: string,
  definition?: Json[],
): { options: Json[]; resolved: Json | null } {
  if (Array.isArray(input)) return { options: input, resolved: null };
  const users: Json = {};
  const members: Json = {};
  const declared = new Map<string, number>();
  for (const o of definition ?? []) if (typeof o.type === 'number') declared.set(String(o.name), o.type);
  const options = Object.entries(input ?? {}).map(([name, value]) => {
    const inferred = optionType(value);
    const type =
      declared.get(name) !== undefined && (typeof value !== 'object' || ID_TYPES.has(declared.get(name) ?? 0))
        ? (declared.get(name) ?? inferred)
        : inferred;
    if (typeof value === 'object') {
      users[value.id] = userPayload(value);
      if (guildId) {
        const { user: _omit, ...member } = memberPayload(value, false, MEMBER_PERMISSIONS);
        members[value.id] = member;
      }
    }
    return {
      name,
      type,
      value: typeof value === 'object' ? value.id : value,
      ...(name === focused ? { focused: true } : {}),
    };
  });
  if (focused && !options.some((o) => o.name === focused))
    options.push({ name: focused, type: 3, value: '', focused: true });
  const hasUsers = Object.keys(users).length > 0;
  return { options, resolved: hasUsers ? { users, ...(guildId ? { members } : {}) } : null };
}

/** The INTERACTION_CREATE payload around `type` and `data`, with the member (guild) or user (DM) that acted. */
export function interactionPayload(
  ctx: InteractionContext,
  base: InteractionBase,
  id: string,
  token: string,
  type: number,
  data: Json | null,
  extra: Json = {},
): Json {
  const { world, guildId, channel, user } = ctx;
  const guild = guildId ? world.guild(guildId) : undefined;
  const permissions =
    base.memberPermissions ?? (guild && guild.ownerId === user.id ? OWNER_PERMISSIONS : MEMBER_PERMISSIONS);
  const appPermissions = base.appPermissions ?? channel.botPermissions;
  return {
    id,
    application_id: world.applicationId,
    type,
    ...(data ? { data } : {}),
    ...(guildId
      ? {
          guild_id: guildId,
          guild: { id: guildId, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          member: memberPayload(user, true, permissions),
          authorizing_integration_owners: { '0': guildId },
          context: 0,
        }
      : { user: userPayload(user), authorizing_integration_owners: { '1': user.id }, context: 1 }),
    channel: { ...channelPayload(channel, 0, world.bot.id), ...(guildId ? { permissions: appPermissions } : {}) },
    channel_id: channel.id,
    token,
    version: 1,
    app_permissions: appPermissions,
    locale: base.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...extra,
  };
}

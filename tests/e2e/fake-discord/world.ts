import { guildIdForShard, shardOf, snowflakeGenerator } from './snowflake.js';
import type { FakeChannel, FakeGuild, FakeGuildInput, FakeUser, Json } from './types.js';

const bit = (n: number) => 1n << BigInt(n);
/**
 * What an ordinary member (and the bot) may do: view, send, embed, attach, read history, react, use commands,
 * create public threads and send messages in threads (Discord's @everyone defaults have both).
 */
export const MEMBER_PERMISSIONS = (
  bit(6) |
  bit(10) |
  bit(11) |
  bit(14) |
  bit(15) |
  bit(16) |
  bit(18) |
  bit(31) |
  bit(35) |
  bit(38)
).toString();
/** Administrator plus Manage Server: what the guild owner sees. */
export const OWNER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | bit(3) | bit(5)).toString();

export interface WorldOptions {
  shards: number;
  guilds?: FakeGuildInput[];
  botUser?: Partial<FakeUser>;
  applicationId?: string;
}

/** Everything the fake Discord knows: users, guilds, channels, messages, commands. One instance per fake. */
export class World {
  readonly nextId = snowflakeGenerator();
  readonly shardCount: number;
  readonly bot: FakeUser;
  readonly applicationId: string;
  /** The default human member that sends messages and uses commands. */
  readonly tester: FakeUser;
  readonly guilds: FakeGuild[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, Json>();
  readonly globalCommands = new Map<string, Json>();
  readonly guildCommands = new Map<string, Map<string, Json>>();

  constructor(options: WorldOptions) {
    this.shardCount = options.shards;
    this.bot = {
      id: options.botUser?.id ?? this.nextId(),
      username: options.botUser?.username ?? 'Selene',
      global_name: options.botUser?.global_name ?? null,
      discriminator: options.botUser?.discriminator ?? '0',
      avatar: options.botUser?.avatar ?? null,
      bot: true,
    };
    this.applicationId = options.applicationId ?? this.bot.id;
    this.tester = this.makeUser('tester');
    this.users.set(this.bot.id, this.bot);
    const inputs = options.guilds ?? Array.from({ length: this.shardCount }, (_, shard) => ({ shard }));
    inputs.forEach((input, index) => {
      this.addGuild(input, index);
    });
  }

  makeUser(username: string, extra: Partial<FakeUser> = {}): FakeUser {
    const user: FakeUser = {
      id: extra.id ?? this.nextId(),
      username,
      global_name: extra.global_name ?? username,
      discriminator: extra.discriminator ?? '0',
      avatar: extra.avatar ?? null,
      ...(extra.bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  addGuild(input: FakeGuildInput, index = this.guilds.length): FakeGuild {
    const shard = input.shard ?? index % this.shardCount;
    const id = input.id ?? guildIdForShard(shard, this.shardCount, index);
    const guild: FakeGuild = {
      id,
      name: input.name ?? `Guild ${index + 1}`,
      shardId: shardOf(id, this.shardCount),
      ownerId: input.ownerId ?? this.tester.id,
      channels: [],
      members: [this.bot, this.tester, ...(input.members ?? [])],
    };
    for (const member of guild.members) this.users.set(member.id, member);
    const channelInputs = input.channels ?? [{ name: 'general' }];
    for (const c of channelInputs) {
      const channel: FakeChannel = {
        id: c.id ?? this.nextId(),
        name: c.name ?? 'general',
        type: c.type ?? 0,
        guildId: id,
        botPermissions: c.botPermissions ?? MEMBER_PERMISSIONS,
      };
      guild.channels.push(channel);
      this.channels.set(channel.id, channel);
    }
    this.guilds.push(guild);
    return guild;
  }

  guild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** The DM channel between the bot and `user`, created on first use like Discord does. */
  dmChannel(user: FakeUser): FakeChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === 1 && channel.recipient?.id === user.id) return channel;
    }
    const channel: FakeChannel = {
      id: this.nextId(),
      name: '',
      type: 1,
      guildId: null,
      recipient: user,
      botPermissions: MEMBER_PERMISSIONS,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  guildCommandMap(guildId: string): Map<string, Json> {
    let map = this.guildCommands.get(guildId);
    if (!map) {
      map = new Map();
      this.guildCommands.set(guildId, map);
    }
    return map;
  }

  /** A registered command by name: the guild's own first, then global (as Discord resolves them). */
  findCommand(name: string, type: number, guildId: string | null): Json | undefined {
    const pools = [guildId ? this.guildCommands.get(guildId) : undefined, this.globalCommands];
    for (const pool of pools) {
      for (const command of pool?.values() ?? []) {
        if (command.name === name && (command.type ?? 1) === type) return command;
      }
    }
    return undefined;
  }
}

export function userPayload(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    global_name: user.global_name,
    discriminator: user.discriminator,
    avatar: user.avatar,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

const JOINED_AT = '2024-01-01T00:00:00.000Z';

export function memberPayload(user: FakeUser, withUser: boolean, permissions?: string): Json {
  return {
    ...(withUser ? { user: userPayload(user) } : {}),
    nick: null,
    avatar: null,
    roles: [],
    joined_at: JOINED_AT,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions ? { permissions } : {}),
  };
}

/** True when `permissions` (a bitfield string) includes permission bit `n`. */
export function hasPermission(permissions: string, n: number): boolean {
  return (BigInt(permissions) & bit(n)) !== 0n;
}

export const Permission = {
  ViewChannel: 10,
  SendMessages: 11,
  EmbedLinks: 14,
  ReadMessageHistory: 16,
  CreatePublicThreads: 35,
  SendMessagesInThreads: 38,
} as const;

export function channelPayload(channel: FakeChannel, position = 0, botId?: string): Json {
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: channel.recipient ? [userPayload(channel.recipient)] : [],
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites:
      botId && channel.botPermissions !== MEMBER_PERMISSIONS
        ? [
            {
              id: botId,
              type: 1,
              allow: channel.botPermissions,
              deny: (BigInt(MEMBER_PERMISSIONS) & ~BigInt(channel.botPermissions)).toString(),
            },
          ]
        : [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

function everyoneRole(guild: FakeGuild): Json {
  return {
    id: guild.id,
    name: '@everyone',
    color: 0,
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The guild object of REST `GET /guilds/:id`. */
export function guildPayload(guild: FakeGuild): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [everyoneRole(guild)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** The GUILD_CREATE dispatch: the REST guild plus channels, members and the other gateway-only fields. */
export function guildCreatePayload(guild: FakeGuild, botId: string): Json {
  return {
    ...guildPayload(guild),
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members.map((m) => memberPayload(m, true)),
    channels: guild.channels.map((c, i) => channelPayload(c, i, botId)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Users whose `<@id>` / `<@!id>` appears in `content`, in order of first appearance. */
export function mentionedUsers(world: World, content: string): FakeUser[] {
  const seen = new Map<string, FakeUser>();
  for (const match of content.matchAll(/<@!?(\d{15,21})>/g)) {
    const id = match[1] ?? '';
    const user = world.users.get(id);
    if (user && !seen.has(id)) seen.set(id, user);
  }
  return [...seen.values()];
}

export interface MessageBuild {
  id?: string;
  channel: FakeChannel;
  author: FakeUser;
  content: string;
  webhookId?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: unknown[];
  flags?: number;
  referenceId?: string;
  mentionEveryone?: boolean;
  interaction?: Json;
}

export function messagePayload(world: World, m: MessageBuild): Json {
  const guildId = m.channel.guildId;
  const mentions = mentionedUsers(world, m.content).map((u) => ({
    ...userPayload(u),
    ...(guildId ? { member: memberPayload(u, false) } : {}),
  }));
  const referenced = m.referenceId ? world.messages.get(m.referenceId) : undefined;
  return {
    id: m.id ?? world.nextId(),
    type: m.referenceId ? 19 : 0,
    channel_id: m.channel.id,
    ...(guildId ? { guild_id: guildId } : {}),
    author: userPayload(m.author),
    ...(guildId && !m.webhookId ? { member: memberPayload(m.author, false) } : {}),
    content: m.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: m.mentionEveryone ?? false,
    mentions,
    mention_roles: [],
    attachments: m.attachments ?? [],
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    pinned: false,
    flags: m.flags ?? 0,
    ...(m.webhookId ? { webhook_id: m.webhookId } : {}),
    ...(m.referenceId
      ? {
          message_reference: {
            type: 0,
            message_id: m.referenceId,
            channel_id: m.channel.id,
            ...(guildId ? { guild_id: guildId } : {}),
          },
          referenced_message: referenced ?? null,
        }
      : {}),
    ...(m.interaction ? { interaction_metadata: m.interaction } : {}),
  };
}

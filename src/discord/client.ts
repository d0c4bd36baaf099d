import { Client, GatewayIntentBits, Options, Partials, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The discord.js client with the least it needs: no Message Content intent unless MESSAGE_CONTENT_INTENT
 * asks for it (mentions and DMs carry their text anyway; only answer channels need it), Partials.Channel
 * so DMs arrive for channels not yet cached, and REST (which also yields the gateway address via
 * GET /gateway/bot) pointed at DISCORD_API_URL.
 */
export function createClient(
  config: Pick<Config, 'apiUrl'> & Partial<Pick<Config, 'messageContentIntent'>>,
  shards?: { ids: number[]; count: number },
): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(config.messageContentIntent ? [GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    rest: { api: config.apiUrl },
    // A default as well as per reply: nothing this client sends can ping @everyone, @here or a role.
    allowedMentions: { parse: [], repliedUser: false },
    // Answers never need old messages; keeping none bounds memory however busy the servers are.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user.id },
    }),
    ...(shards ? { shards: shards.ids, shardCount: shards.count } : {}),
  });
}

/** What Selene needs in a channel, and nothing more: see docs/operating.md, Invite URL. */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
]);

export const inviteUrl = (clientId: string): string =>
  `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS.bitfield}`;

import {
  Client,
  GatewayCloseCodes,
  GatewayIntentBits,
  Options,
  Partials,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import type { Config } from '../config.js';

/** Users kept in discord.js's cache: answers need only the author of the message in hand. */
export const USER_CACHE_LIMIT = 1_000;

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
      // Every DM sender would otherwise stay cached for good (a flood of senders grew memory without end).
      UserManager: { maxSize: USER_CACHE_LIMIT, keepOverLimit: (u) => u.id === u.client.user.id },
      // Every server's custom emojis, stickers and stage instances arrive with it (the Guilds intent) and would
      // be kept for as long as Selene is in the server; it never shows or looks them up.
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      StageInstanceManager: 0,
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
  // Answers in threads (/settings threads); without them Selene falls back to plain replies.
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
]);

export const inviteUrl = (clientId: string): string =>
  `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS.bitfield}`;

/** Where each privileged intent is turned on for the application. */
const PORTAL_INTENTS = 'Discord Developer Portal → your application → Bot → Privileged Gateway Intents';

/**
 * Gateway close codes after which Discord will not take the connection back until something changes, so
 * discord.js stops reconnecting: the process must end (non-zero) so a supervisor alerts or restarts. Each
 * line says what happened and what to do; `messageContentIntent` is the only privileged intent Selene asks for.
 */
export function fatalCloseLine(code: number, config: Partial<Pick<Config, 'messageContentIntent'>>): string | null {
  switch (code) {
    case GatewayCloseCodes.AuthenticationFailed:
      return 'Discord refused the token (gateway close 4004, authentication failed): set DISCORD_TOKEN to the bot token from the Discord Developer Portal → your application → Bot → Reset Token.';
    case GatewayCloseCodes.InvalidShard:
      return 'Discord refused the shard (gateway close 4010, invalid shard): check SHARD_COUNT and SHARD_LIST (each id below the count).';
    case GatewayCloseCodes.ShardingRequired:
      return 'Discord requires sharding for this many servers (gateway close 4011): run `npm run start:sharded` (SHARD_COUNT=auto).';
    case GatewayCloseCodes.InvalidAPIVersion:
      return "Discord refused the gateway API version (gateway close 4012): update Selene's discord.js.";
    case GatewayCloseCodes.InvalidIntents:
      return 'Discord refused the intents as invalid (gateway close 4013): a bug in Selene, please report it.';
    case GatewayCloseCodes.DisallowedIntents:
      return config.messageContentIntent
        ? `Discord refused the Message Content intent (gateway close 4014, disallowed intents): MESSAGE_CONTENT_INTENT=true asks for it, but it is not enabled for this application. Turn on Message Content Intent in the ${PORTAL_INTENTS}, or set MESSAGE_CONTENT_INTENT=false (answer channels then need a mention).`
        : `Discord refused an intent (gateway close 4014, disallowed intents), though Selene asks for no privileged one: check the ${PORTAL_INTENTS}.`;
    default:
      return null;
  }
}

/**
 * The close code behind a failed login. @discordjs/ws rejects the first connect with an Error that names the
 * close (its messages below, discord.js 14.28) but not its code; a 401 from REST is discord.js's TokenInvalid.
 */
const LOGIN_ERRORS: ReadonlyMap<string, number> = new Map([
  ['Authentication failed', GatewayCloseCodes.AuthenticationFailed],
  ['An invalid token was provided.', GatewayCloseCodes.AuthenticationFailed],
  ['Invalid shard', GatewayCloseCodes.InvalidShard],
  ['Sharding is required', GatewayCloseCodes.ShardingRequired],
  ['Used an invalid API version', GatewayCloseCodes.InvalidAPIVersion],
  ['Used invalid intents', GatewayCloseCodes.InvalidIntents],
  ['Used disallowed intents', GatewayCloseCodes.DisallowedIntents],
]);

export const closeCodeOfLoginError = (err: unknown): number | null =>
  err instanceof Error ? (LOGIN_ERRORS.get(err.message) ?? null) : null;

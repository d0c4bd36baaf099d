/** Loose JSON object: payloads are checked by discord.js itself, the fake only needs to build and read them. */
export type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export interface FakeChannelInput {
  id?: string;
  name?: string;
  /** 0 guild text (default), 2 voice, 4 category, 5 announcement, 15 forum. */
  type?: number;
  /**
   * What the bot may do here (a permission bitfield string, e.g. from `PermissionsBitField`); default: every member
   * permission. Realised as a member overwrite for the bot, so discord.js sees the same thing the REST API enforces.
   */
  botPermissions?: string;
}

export interface FakeGuildInput {
  id?: string;
  name?: string;
  /** Shard that must own the guild; an id landing there is generated (ignored when `id` is given). */
  shard?: number;
  channels?: FakeChannelInput[];
  /** Members besides the bot and the default tester. */
  members?: FakeUser[];
  /** Owner id; defaults to the tester. */
  ownerId?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  type: number;
  guildId: string | null;
  /** DM recipient (type 1 only). */
  recipient?: FakeUser;
  /** The bot's permissions here (guild channels). */
  botPermissions: string;
  /** Threads (threads.ts): the channel they hang under, and who started them. */
  parentId?: string;
  ownerId?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  shardId: number;
  ownerId: string;
  channels: FakeChannel[];
  members: FakeUser[];
}

export type AuthState = 'ok' | 'bad' | 'none';

export interface RestCall {
  /** Position in `fake.restCalls`. */
  index: number;
  method: string;
  /** Path without the `/api` base, the `/v10` prefix and the query, e.g. `/channels/123/messages`. */
  path: string;
  /** API version from the path (`10`), or null when the client sent none. */
  version: number | null;
  query: Record<string, string>;
  /** Parsed JSON body; for multipart the parsed `payload_json` (or the plain fields). */
  body: unknown;
  files: { field: string; filename: string; contentType: string; size: number }[];
  /** Request headers, lower-case, with `authorization` removed. */
  headers: Record<string, string>;
  /** Whether the request carried `Authorization: Bot <the configured token>` ('none' when it had no header). */
  auth: AuthState;
  status: number;
  /** What the fake answered (parsed JSON, or null for 204). */
  response: unknown;
  at: number;
}

export interface IdentifyRecord {
  shardId: number;
  shardCount: number;
  intents: number;
  tokenOk: boolean;
  sessionId: string | null;
  at: number;
}

export interface ResumeRecord {
  sessionId: string;
  seq: number;
  ok: boolean;
  shardId: number | null;
  replayed: number;
  at: number;
}

export interface GatewayFrame {
  direction: 'in' | 'out';
  shardId: number | null;
  sessionId: string | null;
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
  at: number;
}

export interface SessionInfo {
  sessionId: string;
  shardId: number;
  shardCount: number;
  intents: number;
  /** Last sequence number sent. */
  seq: number;
  connected: boolean;
  resumes: number;
}

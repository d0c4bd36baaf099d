import type { IncomingMessage, ServerResponse } from 'node:http';
import { callbackAllowed, type InteractionRecord } from './interactions.js';
import { choiceProblems, commandProblems, messageProblems } from './limits.js';
import type { Recorder } from './recorder.js';
import { isThread, sendPermission, startThreadOnMessage, threadPayload } from './threads.js';
import type { AuthState, FakeChannel, Json, RestCall } from './types.js';
import {
  channelPayload,
  guildPayload,
  hasPermission,
  memberPayload,
  messagePayload,
  Permission,
  userPayload,
  type World,
} from './world.js';

export interface RateLimitRule {
  matches: (call: { method: string; path: string }) => boolean;
  retryAfter: number;
  global: boolean;
  remaining: number;
  /** 429 (a rate limit, the default) or an error status (5xx, or 4xx with a JSON error code). */
  status?: number;
  /** Discord's JSON error code for an error status (e.g. 50001 Missing Access); 0 when unset. */
  code?: number;
}

export interface RestContext {
  world: World;
  token: string;
  gatewayUrl: () => string;
  interactions: Map<string, InteractionRecord>;
  rateLimits: RateLimitRule[];
  restCalls: Recorder<RestCall>;
  onCallback: (record: InteractionRecord) => void;
  /** A message the bot created became visible in a channel (Discord echoes it as MESSAGE_CREATE). */
  onBotMessage: (message: Json, channel: FakeChannel) => void;
  /** Interactions not answered within this many ms are unknown, as after Discord's 3 s (null: never expire). */
  interactionTimeoutMs: number | null;
  /** Sends a gateway event to the shard owning `guildId` (THREAD_CREATE). */
  dispatch: (t: string, d: Json, guildId: string | null) => void;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Req {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Json;
}

type Handler = (ctx: RestContext, req: Req) => Reply;

const ok = (body: unknown, status = 200): Reply => ({ status, body });
const noContent: Reply = { status: 204, body: null };
const error = (status: number, code: number, message: string, errors?: string[]): Reply => ({
  status,
  body: {
    code,
    message,
    ...(errors?.length ? { errors: { _errors: errors.map((m) => ({ code: 'INVALID', message: m })) } } : {}),
  },
});
const invalidForm = (problems: string[]) => error(400, 50035, 'Invalid Form Body', problems);
const unknown = (what: string, code: number) => error(404, code, `Unknown ${what}`);

/** Routes: [method, pattern, needs bot auth, handler]. Interaction callbacks and webhooks use their token instead. */
const ROUTES: [string, string, boolean, Handler][] = [
  ['GET', '/gateway', false, (ctx) => ok({ url: ctx.gatewayUrl() })],
  [
    'GET',
    '/gateway/bot',
    true,
    (ctx) =>
      ok({
        url: ctx.gatewayUrl(),
        shards: ctx.world.shardCount,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          // One identify bucket per shard, so @discordjs/ws never waits 5 s between shards of a test.
          max_concurrency: Math.max(ctx.world.shardCount, 1),
        },
      }),
  ],
  [
    'GET',
    '/users/@me',
    true,
    (ctx) => ok({ ...userPayload(ctx.world.bot), verified: true, mfa_enabled: false, flags: 0 }),
  ],
  ['GET', '/users/:user', true, (ctx, r) => userById(ctx, r.params.user ?? '')],
  ['POST', '/users/@me/channels', true, createDm],
  ['GET', '/applications/@me', true, application],
  ['GET', '/oauth2/applications/@me', true, application],
  ['GET', '/applications/:app/commands', true, (ctx, r) => listCommands(ctx, r, null)],
  ['PUT', '/applications/:app/commands', true, (ctx, r) => overwriteCommands(ctx, r, null)],
  ['POST', '/applications/:app/commands', true, (ctx, r) => createCommand(ctx, r, null)],
  ['GET', '/applications/:app/commands/:command', true, (ctx, r) => oneCommand(ctx, r, null)],
  ['PATCH', '/applications/:app/commands/:command', true, (ctx, r) => editCommand(ctx, r, null)],
  ['DELETE', '/applications/:app/commands/:command', true, (ctx, r) => deleteCommand(ctx, r, null)],
  ['GET', '/applications/:app/guilds/:guild/commands', true, (ctx, r) => listCommands(ctx, r, r.params.guild ?? '')],
  [
    'PUT',
    '/applications/:app/guilds/:guild/commands',
    true,
    (ctx, r) => overwriteCommands(ctx, r, r.params.guild ?? ''),
  ],
  ['POST', '/applications/:app/guilds/:guild/commands', true, (ctx, r) => createCommand(ctx, r, r.params.guild ?? '')],
  [
    'GET',
    '/applications/:app/guilds/:guild/commands/:command',
    true,
    (ctx, r) => oneCommand(ctx, r, r.params.guild ?? ''),
  ],
  [
    'PATCH',
    '/applications/:app/guilds/:guild/commands/:command',
    true,
    (ctx, r) => editCommand(ctx, r, r.params.guild ?? ''),
  ],
  [
    'DELETE',
    '/applications/:app/guilds/:guild/commands/:command',
    true,
    (ctx, r) => deleteCommand(ctx, r, r.params.guild ?? ''),
  ],
  [
    'GET',
    '/channels/:channel',
    true,
    (ctx, r) => withChannel(ctx, r, (c) => ok(isThread(c) ? threadPayload(c) : channelPayload(c, 0, ctx.world.bot.id))),
  ],
  [
    'POST',
    '/channels/:channel/messages/:message/threads',
    true,
    (ctx, r) =>
      startThreadOnMessage(
        ctx.world,
        { channel: r.params.channel ?? '', message: r.params.message ?? '' },
        r.body,
        ctx.dispatch,
      ),
  ],
  ['GET', '/channels/:channel/messages', true, listMessages],
  ['POST', '/channels/:channel/messages', true, createMessage],
  ['GET', '/channels/:channel/messages/:message', true, (ctx, r) => withMessage(ctx, r, (m) => ok(m))],
  ['PATCH', '/channels/:channel/messages/:message', true, editChannelMessage],
  ['DELETE', '/channels/:channel/messages/:message', true, deleteChannelMessage],
  ['POST', '/channels/:channel/typing', true, (ctx, r) => withChannel(ctx, r, () => noContent)],
  [
    'PUT',
    '/channels/:channel/messages/:message/reactions/:emoji/@me',
    true,
    (ctx, r) => withMessage(ctx, r, () => noContent),
  ],
  [
    'DELETE',
    '/channels/:channel/messages/:message/reactions/:emoji/@me',
    true,
    (ctx, r) => withMessage(ctx, r, () => noContent),
  ],
  ['GET', '/guilds/:guild', true, (ctx, r) => withGuild(ctx, r, (g) => ok(guildPayload(g)))],
  [
    'GET',
    '/guilds/:guild/channels',
    true,
    (ctx, r) => withGuild(ctx, r, (g) => ok(g.channels.map((c, i) => channelPayload(c, i, ctx.world.bot.id)))),
  ],
  ['GET', '/guilds/:guild/members/:user', true, guildMember],
  ['POST', '/interactions/:interaction/:token/callback', false, interactionCallback],
  ['POST', '/webhooks/:app/:token', false, followUp],
  ['GET', '/webhooks/:app/:token/messages/:message', false, (ctx, r) => webhookMessage(ctx, r, 'GET')],
  ['PATCH', '/webhooks/:app/:token/messages/:message', false, (ctx, r) => webhookMessage(ctx, r, 'PATCH')],
  ['DELETE', '/webhooks/:app/:token/messages/:message', false, (ctx, r) => webhookMessage(ctx, r, 'DELETE')],
];

function matchRoute(
  method: string,
  path: string,
): { handler: Handler; auth: boolean; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const [m, pattern, auth, handler] of ROUTES) {
    if (m !== method) continue;
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const hit = want.every((seg, i) => {
      const got = parts[i] ?? '';
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = got;
        return true;
      }
      return seg === got;
    });
    if (hit) return { handler, auth, params };
  }
  return null;
}

/** Splits `/api/v10/channels/1` into the version (10) and the route path (`/channels/1`); both prefixes optional. */
export function splitPath(pathname: string): { version: number | null; path: string } {
  const rest = pathname.replace(/^\/api(?=\/|$)/, '');
  const m = /^\/v(\d+)(\/.*)?$/.exec(rest);
  if (m) return { version: Number(m[1]), path: m[2] ?? '/' };
  return { version: null, path: rest || '/' };
}

/** Paths are recorded decoded (`/messages/@original`, emoji reactions) so tests can match them literally. */
function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

async function readBody(req: IncomingMessage): Promise<{ body: Json; files: RestCall['files'] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: {}, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: RestCall['files'] = [];
    let body: Json = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = { ...body, ...(JSON.parse(value) as Json) };
        else body[field] = value;
      } else {
        files.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  const parsed = JSON.parse(raw.toString('utf8')) as unknown;
  return { body: parsed && typeof parsed === 'object' ? (parsed as Json) : { value: parsed }, files: [] };
}

function authState(header: string | undefined, token: string): AuthState {
  if (!header) return 'none';
  return header === `Bot ${token}` ? 'ok' : 'bad';
}

/** The node:http request listener for the REST half of the fake. */
export function restListener(ctx: RestContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const { version, path } = splitPath(safeDecode(url.pathname));
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k !== 'authorization' && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    const auth = authState(req.headers.authorization, ctx.token);
    let body: Json = {};
    let files: RestCall['files'] = [];
    let reply: Reply;
    try {
      ({ body, files } = await readBody(req));
      try {
        reply = route(ctx, method, path, Object.fromEntries(url.searchParams), body, auth);
      } catch (err) {
        // A bug in the fake itself: answer 500 so the test fails visibly instead of blaming the bot.
        reply = error(500, 0, `fake-discord handler failed: ${(err as Error).stack ?? String(err)}`);
      }
    } catch (err) {
      reply = error(400, 50109, `The request body contains invalid JSON (${(err as Error).message})`);
    }
    ctx.restCalls.push({
      index: ctx.restCalls.items.length,
      method,
      path,
      version,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      headers,
      auth,
      status: reply.status,
      response: reply.body,
      at: Date.now(),
    });
    res.writeHead(reply.status, {
      ...(reply.body === null ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(reply.body === null ? undefined : JSON.stringify(reply.body));
  };
}

function route(
  ctx: RestContext,
  method: string,
  path: string,
  query: Record<string, string>,
  body: Json,
  auth: AuthState,
): Reply {
  const limited = ctx.rateLimits.find((rule) => rule.remaining > 0 && rule.matches({ method, path }));
  if (limited) {
    limited.remaining--;
    if (limited.status !== undefined && limited.status !== 429)
      return error(
        limited.status,
        limited.code ?? 0,
        `${limited.status}: ${limited.code ? 'Refused' : 'Server Error'}`,
      );
    return rateLimited(limited);
  }
  const found = matchRoute(method, path);
  if (!found) return error(404, 0, '404: Not Found');
  if (found.auth && auth !== 'ok') return error(401, 0, '401: Unauthorized');
  return found.handler(ctx, { method, path, params: found.params, query, body });
}

function rateLimited(rule: RateLimitRule): Reply {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: rule.retryAfter, global: rule.global, code: 0 },
    headers: {
      'retry-after': String(rule.retryAfter),
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String((Date.now() / 1000 + rule.retryAfter).toFixed(3)),
      'x-ratelimit-reset-after': String(rule.retryAfter),
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
      ...(rule.global ? { 'x-ratelimit-global': 'true' } : {}),
    },
  };
}

// ---------- users, applications ----------

function userById(ctx: RestContext, id: string): Reply {
  const user = ctx.world.users.get(id);
  return user ? ok(userPayload(user)) : unknown('User', 10013);
}

function createDm(ctx: RestContext, r: Req): Reply {
  const user = ctx.world.users.get(String(r.body.recipient_id));
  if (!user) return unknown('User', 10013);
  return ok(channelPayload(ctx.world.dmChannel(user)));
}

function application(ctx: RestContext): Reply {
  const { world } = ctx;
  return ok({
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: userPayload(world.tester),
    team: null,
    bot: userPayload(world.bot),
    approximate_guild_count: world.guilds.length,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { '0': {} },
  });
}

// ---------- application commands ----------

function commandPool(ctx: RestContext, r: Req, guildId: string | null): Map<string, unknown> | Reply {
  if (r.params.app !== ctx.world.applicationId) return unknown('Application', 10002);
  if (guildId === null) return ctx.world.globalCommands;
  if (!ctx.world.guild(guildId)) return unknown('Guild', 10004);
  return ctx.world.guildCommandMap(guildId);
}

function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'status' in v && 'body' in v && !(v instanceof Map);
}

function commandObject(ctx: RestContext, input: Json, guildId: string | null, id: string): Json {
  const type = typeof input.type === 'number' ? input.type : 1;
  return {
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    contexts: null,
    integration_types: [0],
    ...input,
    type,
    description: typeof input.description === 'string' ? input.description : '',
    id,
    application_id: ctx.world.applicationId,
    version: ctx.world.nextId(),
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

function listCommands(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId);
  return isReply(pool) ? pool : ok([...pool.values()]);
}

function overwriteCommands(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId) as Map<string, Json> | Reply;
  if (isReply(pool)) return pool;
  const list = Array.isArray(r.body.value)
    ? (r.body.value as Json[])
    : Array.isArray(r.body)
      ? (r.body as unknown as Json[])
      : [];
  const problems = list.flatMap((c, i) => commandProblems(c, String(i)));
  const keys = list.map((c) => `${c.type ?? 1}:${String(c.name)}`);
  if (new Set(keys).size !== keys.length) problems.push('Application command names must be unique');
  if (problems.length) return invalidForm(problems);
  // Discord keeps a command's id when a command of the same name and type survives the overwrite.
  const previous = [...pool.values()];
  const next = list.map((input) => {
    const same = previous.find((p) => p.name === input.name && (p.type ?? 1) === (input.type ?? 1));
    return commandObject(ctx, input, guildId, typeof same?.id === 'string' ? same.id : ctx.world.nextId());
  });
  pool.clear();
  for (const c of next) pool.set(String(c.id), c);
  return ok(next);
}

function createCommand(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId) as Map<string, Json> | Reply;
  if (isReply(pool)) return pool;
  const problems = commandProblems(r.body, 'body');
  if (problems.length) return invalidForm(problems);
  const same = [...pool.values()].find((p) => p.name === r.body.name && (p.type ?? 1) === (r.body.type ?? 1));
  const command = commandObject(ctx, r.body, guildId, typeof same?.id === 'string' ? same.id : ctx.world.nextId());
  pool.set(String(command.id), command);
  return ok(command, same ? 200 : 201);
}

function oneCommand(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId);
  if (isReply(pool)) return pool;
  const command = pool.get(r.params.command ?? '');
  return command ? ok(command) : unknown('application command', 10063);
}

function editCommand(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId) as Map<string, Json> | Reply;
  if (isReply(pool)) return pool;
  const existing = pool.get(r.params.command ?? '');
  if (!existing) return unknown('application command', 10063);
  const merged = { ...existing, ...r.body };
  const problems = commandProblems(merged, 'body');
  if (problems.length) return invalidForm(problems);
  const command = commandObject(ctx, merged, guildId, String(existing.id));
  pool.set(String(command.id), command);
  return ok(command);
}

function deleteCommand(ctx: RestContext, r: Req, guildId: string | null): Reply {
  const pool = commandPool(ctx, r, guildId);
  if (isReply(pool)) return pool;
  return pool.delete(r.params.command ?? '') ? noContent : unknown('application command', 10063);
}

// ---------- channels, messages, guilds ----------

function withChannel(ctx: RestContext, r: Req, then: (channel: FakeChannel) => Reply): Reply {
  const channel = ctx.world.channels.get(r.params.channel ?? '');
  return channel ? then(channel) : unknown('Channel', 10003);
}

function withMessage(ctx: RestContext, r: Req, then: (message: Json, channel: FakeChannel) => Reply): Reply {
  return withChannel(ctx, r, (channel) => {
    const message = ctx.world.messages.get(r.params.message ?? '');
    return message && message.channel_id === channel.id ? then(message, channel) : unknown('Message', 10008);
  });
}

function withGuild(ctx: RestContext, r: Req, then: (guild: NonNullable<ReturnType<World['guild']>>) => Reply): Reply {
  const guild = ctx.world.guild(r.params.guild ?? '');
  return guild ? then(guild) : unknown('Guild', 10004);
}

function guildMember(ctx: RestContext, r: Req): Reply {
  return withGuild(ctx, r, (guild) => {
    const user = guild.members.find((m) => m.id === r.params.user);
    return user ? ok(memberPayload(user, true)) : unknown('Member', 10007);
  });
}

function listMessages(ctx: RestContext, r: Req): Reply {
  return withChannel(ctx, r, (channel) => {
    const limit = Math.min(Number(r.query.limit ?? 50) || 50, 100);
    const all = [...ctx.world.messages.values()].filter((m) => m.channel_id === channel.id);
    return ok(all.reverse().slice(0, limit));
  });
}

/** Message fields a bot may set, taken from a create/edit body. */
function messageFields(body: Json): Partial<Json> {
  const out: Json = {};
  for (const key of ['content', 'embeds', 'components', 'attachments', 'flags']) {
    if (key in body) out[key] = body[key];
  }
  return out;
}

/** The 403 Discord answers when the bot may not post here (a reply also needs Read Message History). */
function sendRefusal(channel: FakeChannel, isReply: boolean): Reply | null {
  const allowed = channel.botPermissions;
  if (!hasPermission(allowed, Permission.ViewChannel)) return error(403, 50001, 'Missing Access');
  if (!hasPermission(allowed, sendPermission(channel))) return error(403, 50013, 'Missing Permissions');
  if (isReply && !hasPermission(allowed, Permission.ReadMessageHistory))
    return error(403, 50013, 'Missing Permissions');
  return null;
}

function createMessage(ctx: RestContext, r: Req): Reply {
  return withChannel(ctx, r, (channel) => {
    const refusal = sendRefusal(channel, r.body.message_reference !== undefined);
    if (refusal) return refusal;
    const problems = messageProblems(r.body, { requireSomething: true });
    if (problems.includes('Cannot send an empty message')) return error(400, 50006, 'Cannot send an empty message');
    if (problems.length) return invalidForm(problems);
    const reference = (r.body.message_reference ?? null) as Json | null;
    const referenceId = reference && typeof reference.message_id === 'string' ? reference.message_id : undefined;
    if (referenceId && !ctx.world.messages.has(referenceId) && reference?.fail_if_not_exists !== false) {
      return invalidForm(['message_reference: Unknown message']);
    }
    const message = {
      ...messagePayload(ctx.world, {
        channel,
        author: ctx.world.bot,
        content: typeof r.body.content === 'string' ? r.body.content : '',
        embeds: (r.body.embeds as unknown[]) ?? [],
        components: (r.body.components as unknown[]) ?? [],
        flags: typeof r.body.flags === 'number' ? r.body.flags : 0,
        ...(referenceId && ctx.world.messages.has(referenceId) ? { referenceId } : {}),
      }),
    };
    ctx.world.messages.set(String(message.id), message);
    ctx.onBotMessage(message, channel);
    return ok(message);
  });
}

function editChannelMessage(ctx: RestContext, r: Req): Reply {
  return withMessage(ctx, r, (message) => {
    if ((message.author as Json).id !== ctx.world.bot.id) {
      return error(403, 50005, 'Cannot edit a message authored by another user');
    }
    const updated = { ...message, ...messageFields(r.body), edited_timestamp: new Date().toISOString() };
    const problems = messageProblems(
      { ...updated, allowed_mentions: r.body.allowed_mentions },
      { requireSomething: true },
    );
    if (problems.length) return invalidForm(problems);
    ctx.world.messages.set(String(message.id), updated);
    return ok(updated);
  });
}

function deleteChannelMessage(ctx: RestContext, r: Req): Reply {
  return withMessage(ctx, r, (message) => {
    ctx.world.messages.delete(String(message.id));
    return noContent;
  });
}

// ---------- interactions and their webhooks ----------

function byToken(ctx: RestContext, token: string): InteractionRecord | undefined {
  for (const record of ctx.interactions.values()) if (record.token === token) return record;
  return undefined;
}

function interactionMessage(ctx: RestContext, record: InteractionRecord, body: Json, extraFlags = 0): Json {
  const user = (record.payload.member as Json | undefined)?.user ?? record.payload.user;
  const data = (record.payload.data ?? {}) as Json;
  return messagePayload(ctx.world, {
    channel: record.channel,
    author: ctx.world.bot,
    webhookId: ctx.world.applicationId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: (body.embeds as unknown[]) ?? [],
    components: (body.components as unknown[]) ?? [],
    flags: (typeof body.flags === 'number' ? body.flags : 0) | extraFlags,
    interaction: {
      id: record.id,
      type: record.type,
      user,
      authorizing_integration_owners: record.payload.authorizing_integration_owners ?? {},
      ...(data.name ? { name: data.name } : {}),
    },
  });
}

function interactionCallback(ctx: RestContext, r: Req): Reply {
  const record = ctx.interactions.get(r.params.interaction ?? '');
  if (!record || record.token !== r.params.token) return unknown('interaction', 10062);
  if (record.callback) return error(400, 40060, 'Interaction has already been acknowledged.');
  if (ctx.interactionTimeoutMs !== null && Date.now() - record.dispatchedAt > ctx.interactionTimeoutMs) {
    return unknown('interaction', 10062);
  }
  const type = typeof r.body.type === 'number' ? r.body.type : -1;
  if (!callbackAllowed(record.type, type)) {
    return invalidForm([`type: callback type ${type} is not valid for interaction type ${record.type}`]);
  }
  const data = (r.body.data ?? {}) as Json;
  const problems =
    type === 8
      ? choiceProblems(data)
      : type === 4 || type === 7
        ? messageProblems(data, { requireSomething: type === 4 })
        : [];
  if (problems.length) return invalidForm(problems.map((p) => `data.${p}`));

  let message: Json | null = null;
  if (type === 4 || type === 5) {
    // Type 5 shows a "thinking" message (flag 128) that a later edit or follow-up replaces.
    message = interactionMessage(ctx, record, type === 5 ? { flags: data.flags } : data, type === 5 ? 128 : 0);
    ctx.world.messages.set(String(message.id), message);
    record.originalMessageId = String(message.id);
    if (type === 4 && !((Number(message.flags) & 64) === 64)) ctx.onBotMessage(message, record.channel);
  } else if (type === 6 || type === 7) {
    const target = (record.payload.message ?? null) as Json | null;
    record.originalMessageId = target ? String(target.id) : null;
    if (type === 7 && target) {
      const stored = ctx.world.messages.get(String(target.id)) ?? target;
      message = { ...stored, ...messageFields(data), edited_timestamp: new Date().toISOString() };
      ctx.world.messages.set(String(target.id), message);
    }
  }
  record.callback = r.body;
  record.answeredAt = Date.now();
  ctx.onCallback(record);
  if (r.query.with_response !== 'true') return noContent;
  return ok({
    interaction: {
      id: record.id,
      type: record.type,
      ...(message ? { response_message_id: message.id } : {}),
      response_message_loading: type === 5,
      response_message_ephemeral: message ? (Number(message.flags) & 64) === 64 : false,
    },
    ...(message ? { resource: { type, message } } : type === 8 || type === 9 ? { resource: { type } } : {}),
  });
}

function webhookRecord(ctx: RestContext, r: Req): InteractionRecord | Reply {
  if (r.params.app !== ctx.world.applicationId) return unknown('Webhook', 10015);
  const record = byToken(ctx, r.params.token ?? '');
  // Discord only accepts follow-ups and edits once the interaction has been answered.
  if (!record?.callback) return unknown('Webhook', 10015);
  return record;
}

function followUp(ctx: RestContext, r: Req): Reply {
  const record = webhookRecord(ctx, r);
  if (isReply(record)) return record;
  const problems = messageProblems(r.body, { requireSomething: true });
  if (problems.includes('Cannot send an empty message')) return error(400, 50006, 'Cannot send an empty message');
  if (problems.length) return invalidForm(problems);
  const original = record.originalMessageId ? ctx.world.messages.get(record.originalMessageId) : undefined;
  let message: Json;
  if (original && (Number(original.flags) & 128) === 128) {
    // The first follow-up after a deferred reply replaces the "thinking" message.
    message = {
      ...original,
      ...messageFields(r.body),
      flags: (Number(original.flags) & ~128) | Number(r.body.flags ?? 0),
    };
  } else {
    message = interactionMessage(ctx, record, r.body);
  }
  ctx.world.messages.set(String(message.id), message);
  if ((Number(message.flags) & 64) !== 64) ctx.onBotMessage(message, record.channel);
  return r.query.wait === 'true' ? ok(message) : noContent;
}

function webhookMessage(ctx: RestContext, r: Req, method: 'GET' | 'PATCH' | 'DELETE'): Reply {
  const record = webhookRecord(ctx, r);
  if (isReply(record)) return record;
  const id = r.params.message === '@original' ? record.originalMessageId : (r.params.message ?? null);
  const message = id ? ctx.world.messages.get(id) : undefined;
  if (!id || !message) return unknown('Message', 10008);
  if (method === 'GET') return ok(message);
  if (method === 'DELETE') {
    ctx.world.messages.delete(id);
    return noContent;
  }
  const updated: Json = {
    ...message,
    ...messageFields(r.body),
    // Editing the deferred "thinking" message turns it into the real reply.
    flags: (Number(message.flags) & ~128) | (typeof r.body.flags === 'number' ? r.body.flags : 0),
    edited_timestamp: new Date().toISOString(),
  };
  const problems = messageProblems(
    { ...updated, allowed_mentions: r.body.allowed_mentions },
    { requireSomething: true },
  );
  if (problems.length) return invalidForm(problems);
  ctx.world.messages.set(id, updated);
  return ok(updated);
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageForSession } from './edits.js';
import { CloseCode, type DeliveryFilter, Gateway } from './gateway.js';
import {
  buildOptions,
  type InteractionBase,
  type InteractionRecord,
  InteractionType,
  interactionPayload,
  type OptionsInput,
  resolveContext,
} from './interactions.js';
import { Recorder } from './recorder.js';
import { type RateLimitRule, restListener } from './rest.js';
import { guildIdForShard, shardOf } from './snowflake.js';
import { addThread, threadPayload } from './threads.js';
import type {
  FakeChannel,
  FakeGuild,
  FakeGuildInput,
  FakeUser,
  GatewayFrame,
  IdentifyRecord,
  Json,
  RestCall,
  ResumeRecord,
  SessionInfo,
} from './types.js';
import { messagePayload, World } from './world.js';

export { deleteMessage, editMessage } from './edits.js';
export { CloseCode } from './gateway.js';
export type { InteractionBase, OptionsInput, OptionValue } from './interactions.js';
export { LIMITS } from './limits.js';
export { guildIdForShard, shardOf } from './snowflake.js';
export type * from './types.js';
export { MEMBER_PERMISSIONS, OWNER_PERMISSIONS } from './world.js';

/** Gateway intent bits the fake looks at. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export interface FakeDiscordOptions {
  /** Shards reported by GET /gateway/bot (default 1). */
  shards?: number;
  /** Guilds; default one guild per shard, each with a #general text channel. */
  guilds?: FakeGuildInput[];
  botUser?: Partial<FakeUser>;
  applicationId?: string;
  /** Bot token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). */
  token?: string;
  /** HELLO heartbeat interval (default 41,250 ms as Discord; lower it to exercise heartbeats). */
  heartbeatIntervalMs?: number;
  /** Privileged intents "not enabled in the developer portal": IDENTIFY asking for them is closed with 4014. */
  disallowedIntents?: number;
  /** Echo the bot's own visible messages back as MESSAGE_CREATE, as Discord does (default true). */
  echoBotMessages?: boolean;
  /**
   * Interactions whose callback comes later than this are answered 404 "Unknown interaction", as Discord does after
   * 3 s. Off by default so a slow CI machine cannot fail a test; set 3000 to check the real deadline.
   */
  interactionTimeoutMs?: number;
  /** Record every gateway frame in `fake.frames` (default true; turn off for load tests). */
  recordFrames?: boolean;
  /** Default timeout of the wait helpers (default 5,000 ms). */
  timeoutMs?: number;
}

export interface SendMessageInput {
  /** Channel to post in; defaults to the first guild's first text channel (or the DM channel when guildId is null). */
  channelId?: string;
  /** Guild to post in; `null` for a DM with the bot. */
  guildId?: string | null;
  /** 1 posts in the author's DM with the bot (same as `guildId: null`); 0 (default) a guild text channel. */
  channelType?: 0 | 1;
  content: string;
  author?: FakeUser;
  /** Prefix the content with `<@botId> ` (unless already mentioned). */
  mentionsBot?: boolean;
  /** Message id being replied to (makes it a reply, type 19). */
  replyTo?: string;
  /** Post as a webhook (webhook_id set, no member). */
  webhookId?: string;
  /** Author is a bot account. */
  bot?: boolean;
  mentionEveryone?: boolean;
  embeds?: unknown[];
  attachments?: unknown[];
}

export interface SlashInput extends InteractionBase {
  name: string;
  options?: OptionsInput;
  /** Command id; defaults to the id the bot registered for that name, else a fresh one. */
  commandId?: string;
}

export interface AutocompleteInput extends SlashInput {
  /** Name of the option being typed; its value in `options` (or '') is what the member typed so far. */
  focused: string;
}

export interface ComponentInput extends InteractionBase {
  customId: string;
  /** The message carrying the component: a message object, or the id of a message the fake knows. */
  message?: Json | string;
  /** 2 button (default), 3 string select, ... */
  componentType?: number;
  values?: string[];
}

export interface MessageCommandInput extends InteractionBase {
  name: string;
  /** The message the command is used on: a message object, or the id of a message the fake knows. */
  target: Json | string;
  commandId?: string;
}

/** What the bot answered to an interaction: the callback body (type, data) plus ways to see the rest. */
export interface InteractionOutcome {
  /** Callback type the bot chose: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: Json | undefined;
  /** The INTERACTION_CREATE payload that was dispatched. */
  interaction: Json;
  /**
   * The reply the member finally sees, as the bot sent it (content, embeds, components, flags, allowed_mentions):
   * the callback data for 4/7/8/9, else the later PATCH @original or first follow-up.
   */
  finalReply(timeoutMs?: number): Promise<Json>;
  /** REST calls made with this interaction's token (follow-ups, edits, deletes), so far. */
  webhookCalls(): RestCall[];
  /**
   * Latest state of the message the reply shows (the reply for 4/5, the component's message for 6/7), e.g. to click
   * one of its buttons with `fake.clickButton({ message: outcome.message()?.id, ... })`.
   */
  message(): Json | undefined;
  /**
   * Id of the message the reply shows (`message()`'s id): the reply a type 4/5 callback created, or the component's
   * message for 6/7; undefined for autocomplete and modals.
   */
  messageId: string | undefined;
  /** Milliseconds from dispatching INTERACTION_CREATE to the callback (for benchmarks, not for test assertions). */
  latencyMs: number;
}

export interface RateLimitOptions {
  /** Seconds (may be fractional), sent in Retry-After and the JSON body (default 0.1). */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests get a 429 before the route succeeds again (default 1). */
  times?: number;
}

/** Which requests a rule applies to: "POST /channels/1/messages" (exact, method optional), a RegExp on "METHOD /path", or a predicate. */
export type RouteMatcher = string | RegExp | ((call: { method: string; path: string }) => boolean);

function describeInteraction(payload: Json): string {
  const data = (payload.data ?? {}) as Json;
  return String(data.name ?? data.custom_id ?? `type ${String(payload.type)}`);
}

function toPredicate(matcher: RouteMatcher): (call: { method: string; path: string }) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (c) => matcher.test(`${c.method} ${c.path}`);
  return (c) => matcher === c.path || matcher === `${c.method} ${c.path}`;
}

export class FakeDiscord {
  readonly token: string;
  readonly world: World;
  /** Every REST request, in order. */
  readonly restCalls: RestCall[];
  /** Every IDENTIFY (including refused ones). */
  readonly identifies: IdentifyRecord[];
  readonly resumes: ResumeRecord[];
  /** Every gateway frame in and out (tokens redacted). */
  readonly frames: GatewayFrame[];
  readonly #rest = new Recorder<RestCall>();
  readonly #identifies = new Recorder<IdentifyRecord>();
  readonly #resumes = new Recorder<ResumeRecord>();
  readonly #frames = new Recorder<GatewayFrame>();
  readonly #callbacks = new Recorder<InteractionRecord>();
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #rateLimits: RateLimitRule[] = [];
  readonly #gateway: Gateway;
  readonly #server: Server;
  readonly #timeoutMs: number;
  #port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    const shards = options.shards ?? 1;
    if (!Number.isInteger(shards) || shards < 1) throw new RangeError('shards must be a positive integer');
    this.token = options.token ?? 'fake-bot-token';
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.world = new World({
      shards,
      ...(options.guilds ? { guilds: options.guilds } : {}),
      ...(options.botUser ? { botUser: options.botUser } : {}),
      ...(options.applicationId ? { applicationId: options.applicationId } : {}),
    });
    this.restCalls = this.#rest.items;
    this.identifies = this.#identifies.items;
    this.resumes = this.#resumes.items;
    this.frames = this.#frames.items;
    this.#gateway = new Gateway(
      this.world,
      {
        token: this.token,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
        disallowedIntents: options.disallowedIntents ?? 0,
        recordFrames: options.recordFrames ?? true,
      },
      { identifies: this.#identifies, resumes: this.#resumes, frames: this.#frames },
    );
    const echo = options.echoBotMessages ?? true;
    const listener = restListener({
      world: this.world,
      token: this.token,
      gatewayUrl: () => this.gatewayUrl,
      interactions: this.#interactions,
      rateLimits: this.#rateLimits,
      restCalls: this.#rest,
      onCallback: (record) => this.#callbacks.push(record),
      interactionTimeoutMs: options.interactionTimeoutMs ?? null,
      onBotMessage: (message, channel) => {
        if (echo) this.#dispatchMessage(message, channel);
      },
      dispatch: (t, d, guildId) => void this.#gateway.dispatch(t, d, guildId),
    });
    this.#server = createServer((req, res) => void listener(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#gateway.attach(this.#server, this.gatewayUrl);
    return this;
  }

  /** REST base for `new Client({ rest: { api } })` / DISCORD_API_URL (discord.js appends `/v10/...`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  get bot(): FakeUser {
    return this.world.bot;
  }

  get applicationId(): string {
    return this.world.applicationId;
  }

  /** The default human member (owner of every default guild). */
  get tester(): FakeUser {
    return this.world.tester;
  }

  get guilds(): FakeGuild[] {
    return this.world.guilds;
  }

  get shardCount(): number {
    return this.world.shardCount;
  }

  /** Gateway sessions (one per IDENTIFY), with their shard, sequence and resume count. */
  get sessions(): SessionInfo[] {
    return this.#gateway.sessions();
  }

  /** Registered global commands (what the bot last PUT/POSTed). */
  get globalCommands(): Json[] {
    return [...this.world.globalCommands.values()];
  }

  guildCommands(guildId: string): Json[] {
    return [...(this.world.guildCommands.get(guildId)?.values() ?? [])];
  }

  /** A guild id that lands on `shardId` with this fake's shard count. */
  guildIdForShard(shardId: number, n = 0): string {
    return guildIdForShard(shardId, this.world.shardCount, n);
  }

  shardOf(guildId: string): number {
    return shardOf(guildId, this.world.shardCount);
  }

  /** Adds a member (a human by default) to every guild, so the bot can resolve them. */
  addUser(username: string, extra: Partial<FakeUser> = {}): FakeUser {
    const user = this.world.makeUser(username, extra);
    for (const guild of this.world.guilds) guild.members.push(user);
    return user;
  }

  channel(id: string): FakeChannel | undefined {
    return this.world.channels.get(id);
  }

  /** A message the fake knows (sent by the bot or dispatched by the test), with its latest edits. */
  message(id: string): Json | undefined {
    return this.world.messages.get(id);
  }

  // ---------- waiting ----------

  waitForRest(match: (call: RestCall) => boolean, timeoutMs = this.#timeoutMs, from = 0): Promise<RestCall> {
    return this.#rest.waitFor(match, timeoutMs, 'a matching REST call', from);
  }

  /** Calls `listener` for every REST call from now on (cheaper than waitForRest in a load test); returns unsubscribe. */
  onRest(listener: (call: RestCall) => void): () => void {
    return this.#rest.subscribe(listener);
  }

  /** Resolves once shard `shardId` has identified successfully (READY and GUILD_CREATEs are sent right after). */
  waitForIdentify(shardId: number, timeoutMs = this.#timeoutMs, from = 0): Promise<IdentifyRecord> {
    return this.#identifies.waitFor(
      (i) => i.shardId === shardId && i.sessionId !== null,
      timeoutMs,
      `IDENTIFY of shard ${shardId}`,
      from,
    );
  }

  waitForResume(shardId: number, timeoutMs = this.#timeoutMs, from = 0): Promise<ResumeRecord> {
    return this.#resumes.waitFor((r) => r.shardId === shardId, timeoutMs, `RESUME of shard ${shardId}`, from);
  }

  waitForFrame(match: (frame: GatewayFrame) => boolean, timeoutMs = this.#timeoutMs, from = 0): Promise<GatewayFrame> {
    return this.#frames.waitFor(match, timeoutMs, 'a matching gateway frame', from);
  }

  /** The bot's reply to a message: the next POST /channels/:id/messages referencing it. */
  waitForReplyTo(messageId: string, timeoutMs = this.#timeoutMs): Promise<RestCall> {
    return this.waitForRest(
      (c) =>
        c.method === 'POST' &&
        /^\/channels\/\d+\/messages$/.test(c.path) &&
        c.status === 200 &&
        ((c.body as Json).message_reference as Json | undefined)?.message_id === messageId,
      timeoutMs,
    );
  }

  /** Bot messages POSTed to a channel so far (successful ones). */
  messagesSentTo(channelId: string): RestCall[] {
    return this.restCalls.filter(
      (c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages` && c.status === 200,
    );
  }

  // ---------- fault injection ----------

  /** The next `times` requests matching `matcher` get a 429 with Retry-After, then the route works again. */
  rateLimitNext(matcher: RouteMatcher, options: RateLimitOptions = {}): void {
    this.#rateLimits.push({
      matches: toPredicate(matcher),
      retryAfter: options.retryAfter ?? 0.1,
      global: options.global ?? false,
      remaining: options.times ?? 1,
    });
  }

  /**
   * The next `times` requests matching `matcher` get an error: a server error by default (500), as Discord's 5xx
   * outages do, or a refusal with Discord's JSON error `code` (e.g. status 403, code 50001 Missing Access).
   */
  failNext(matcher: RouteMatcher, options: { status?: number; times?: number; code?: number } = {}): void {
    this.#rateLimits.push({
      matches: toPredicate(matcher),
      retryAfter: 0,
      global: false,
      remaining: options.times ?? 1,
      status: options.status ?? 500,
      ...(options.code ? { code: options.code } : {}),
    });
  }

  /** Closes the shard's socket. Default 4000: discord.js reconnects and RESUMEs the same session. */
  disconnectShard(shardId: number, code: number = CloseCode.UnknownError): void {
    this.#gateway.disconnect(shardId, code);
  }

  /** Op 9 Invalid Session. Not resumable by default: the client must IDENTIFY again (discord.js waits ~5 s first). */
  invalidateSession(shardId: number, resumable = false): void {
    this.#gateway.invalidateSession(shardId, resumable);
  }

  /** Op 7 Reconnect: the client reconnects and RESUMEs. */
  requestReconnect(shardId: number): void {
    this.#gateway.requestReconnect(shardId);
  }

  /** Sends any dispatch to the shard(s) owning `guildId` (null: shard 0). Returns the shard ids reached. */
  dispatch(t: string, d: Json, guildId: string | null = null, filter?: DeliveryFilter): number[] {
    return this.#gateway.dispatch(t, d, guildId, filter);
  }

  // ---------- threads ----------

  /** A member starts a public thread in `channelId` (not on a message): THREAD_CREATE goes to the guild's shard. */
  startThread(input: { channelId: string; name?: string; owner?: FakeUser }): FakeChannel {
    const parent = this.world.channels.get(input.channelId);
    if (!parent?.guildId) throw new Error(`fake-discord: ${input.channelId} is not a guild channel`);
    const thread = addThread(this.world, parent, input.name ?? 'a thread', input.owner ?? this.tester);
    this.#gateway.dispatch('THREAD_CREATE', threadPayload(thread), parent.guildId);
    return thread;
  }

  // ---------- messages ----------

  /**
   * A member posts a message: dispatches MESSAGE_CREATE (with channel_type) to the shard owning the guild, or shard
   * 0 for DMs. Like Discord, a session without the Message Content intent gets empty content unless the message
   * is a DM or mentions the bot. Returns the full message.
   */
  sendMessage(input: SendMessageInput): Json {
    const ctx = resolveContext(this.world, {
      ...(input.channelId ? { channelId: input.channelId } : {}),
      ...(input.guildId !== undefined ? { guildId: input.guildId } : {}),
      ...(input.channelType === 1 ? { guildId: null } : {}),
      ...(input.author ? { user: input.author } : {}),
    });
    const author = this.#author(input, ctx.user);
    const mention = `<@${this.bot.id}>`;
    const alreadyMentions = input.content.includes(mention) || input.content.includes(`<@!${this.bot.id}>`);
    const content = input.mentionsBot && !alreadyMentions ? `${mention} ${input.content}` : input.content;
    const message = messagePayload(this.world, {
      channel: ctx.channel,
      author,
      content,
      ...(input.webhookId ? { webhookId: input.webhookId } : {}),
      ...(input.replyTo ? { referenceId: input.replyTo } : {}),
      ...(input.mentionEveryone ? { mentionEveryone: true } : {}),
      ...(input.embeds ? { embeds: input.embeds } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
    });
    this.world.messages.set(String(message.id), message);
    const reached = this.#dispatchMessage(message, ctx.channel);
    if (reached.length === 0) {
      throw new Error(`fake-discord: no gateway session would receive a message in channel ${ctx.channel.id}`);
    }
    return message;
  }

  /** Webhooks post as their own pseudo-user and other bots as a separate bot account, never as the tester. */
  #author(input: SendMessageInput, fallback: FakeUser): FakeUser {
    if (input.author) return input.bot ? { ...input.author, bot: true } : input.author;
    if (input.webhookId) {
      return {
        id: input.webhookId,
        username: 'Captain Hook',
        global_name: null,
        discriminator: '0000',
        avatar: null,
        bot: true,
      };
    }
    if (!input.bot) return fallback;
    const existing = [...this.world.users.values()].find((u) => u.username === 'OtherBot' && u.bot);
    return existing ?? this.world.makeUser('OtherBot', { bot: true });
  }

  #dispatchMessage(message: Json, channel: FakeChannel): number[] {
    const guildId = channel.guildId;
    const botId = this.bot.id;
    return this.#gateway.dispatch('MESSAGE_CREATE', { ...message, channel_type: channel.type }, guildId, (d, session) =>
      messageForSession(d, session.intents, botId),
    );
  }

  // ---------- interactions ----------

  /** Sends a raw INTERACTION_CREATE built around `type`/`data`, and resolves with the bot's answer. */
  interact(base: InteractionBase, type: number, data: Json | null, extra: Json = {}): Promise<InteractionOutcome> {
    const ctx = resolveContext(this.world, base);
    const id = this.world.nextId();
    const token = `fake-interaction-token-${id}`;
    const payload = interactionPayload(ctx, base, id, token, type, data, extra);
    const record: InteractionRecord = {
      id,
      token,
      type,
      payload,
      channel: ctx.channel,
      callback: null,
      originalMessageId: null,
      dispatchedAt: Date.now(),
      answeredAt: null,
    };
    this.#interactions.set(id, record);
    const from = this.#rest.items.length;
    if (this.#gateway.dispatch('INTERACTION_CREATE', payload, ctx.guildId).length === 0) {
      return Promise.reject(
        new Error(`fake-discord: no gateway session would receive interaction in ${ctx.channel.id}`),
      );
    }
    // waitFor sees a callback that already arrived, so waiting after dispatching loses no race.
    return this.#callbacks
      .waitFor(
        (r) => r.id === id,
        this.#timeoutMs,
        `the bot's callback to interaction ${id} (${describeInteraction(payload)})`,
      )
      .then((r) => this.#outcome(r, from));
  }

  /** A slash command (type 2, command type 1). */
  slash(input: SlashInput): Promise<InteractionOutcome> {
    const guildId = resolveContext(this.world, input).guildId;
    const { options, resolved } = buildOptions(
      input.options,
      guildId,
      undefined,
      this.#optionDefinitions(input.name, guildId),
    );
    return this.interact(input, InteractionType.Command, {
      id: input.commandId ?? this.#commandId(input.name, 1, guildId),
      name: input.name,
      type: 1,
      options,
      ...(resolved ? { resolved } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
    });
  }

  /** Autocomplete (type 4): `focused` names the option being typed. The outcome's data.choices is the answer. */
  autocomplete(input: AutocompleteInput): Promise<InteractionOutcome> {
    const guildId = resolveContext(this.world, input).guildId;
    const { options } = buildOptions(
      input.options,
      guildId,
      input.focused,
      this.#optionDefinitions(input.name, guildId),
    );
    return this.interact(input, InteractionType.Autocomplete, {
      id: input.commandId ?? this.#commandId(input.name, 1, guildId),
      name: input.name,
      type: 1,
      options,
      ...(guildId ? { guild_id: guildId } : {}),
    });
  }

  /** A button click (or select, with componentType/values) on a message. */
  component(input: ComponentInput): Promise<InteractionOutcome> {
    const ctx = resolveContext(this.world, input);
    const message =
      this.#resolveMessage(input.message, ctx.channel) ?? this.#syntheticBotMessage(ctx.channel, input.customId);
    const componentType = input.componentType ?? 2;
    return this.interact(
      { ...input, channelId: String(message.channel_id) },
      InteractionType.Component,
      { custom_id: input.customId, component_type: componentType, ...(input.values ? { values: input.values } : {}) },
      { message },
    );
  }

  /** Shorthand for a button click. */
  clickButton(input: Omit<ComponentInput, 'componentType' | 'values'>): Promise<InteractionOutcome> {
    return this.component(input);
  }

  /** A modal submission (type 5): `fields` maps each text input's custom_id to what the member typed. */
  submitModal(input: InteractionBase & { customId: string; fields: Record<string, string>; message?: Json | string }) {
    const ctx = resolveContext(this.world, input);
    const message = this.#resolveMessage(input.message, ctx.channel);
    const rows = Object.entries(input.fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value }],
    }));
    return this.interact(
      input,
      InteractionType.ModalSubmit,
      { custom_id: input.customId, components: rows },
      message ? { message } : {},
    );
  }

  /** A message context-menu command (type 2, command type 3) on `target`. */
  messageCommand(input: MessageCommandInput): Promise<InteractionOutcome> {
    const ctx = resolveContext(this.world, input);
    const target = this.#resolveMessage(input.target, ctx.channel);
    if (!target) throw new Error('fake-discord: unknown target message');
    return this.interact({ ...input, channelId: String(target.channel_id) }, InteractionType.Command, {
      id: input.commandId ?? this.#commandId(input.name, 3, ctx.guildId),
      name: input.name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [String(target.id)]: target } },
      ...(ctx.guildId ? { guild_id: ctx.guildId } : {}),
    });
  }

  /** The options the bot registered for a chat command (empty when it registered none by that name). */
  #optionDefinitions(name: string, guildId: string | null): Json[] {
    const options = this.world.findCommand(name, 1, guildId)?.options;
    return Array.isArray(options) ? (options as Json[]) : [];
  }

  #commandId(name: string, type: number, guildId: string | null): string {
    const command = this.world.findCommand(name, type, guildId);
    return typeof command?.id === 'string' ? command.id : this.world.nextId();
  }

  #resolveMessage(ref: Json | string | undefined, channel: FakeChannel): Json | undefined {
    if (ref === undefined) return undefined;
    if (typeof ref === 'string') {
      const found = this.world.messages.get(ref);
      if (!found) throw new Error(`fake-discord: unknown message ${ref}`);
      return found;
    }
    return { channel_id: channel.id, ...ref };
  }

  /** A stand-in for a bot message the fake never saw, e.g. a button from before a restart. */
  #syntheticBotMessage(channel: FakeChannel, customId: string): Json {
    const message = messagePayload(this.world, {
      channel,
      author: this.bot,
      content: '',
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'button', custom_id: customId }] }],
    });
    this.world.messages.set(String(message.id), message);
    return message;
  }

  #outcome(record: InteractionRecord, from: number): InteractionOutcome {
    const callback = record.callback ?? {};
    const type = Number(callback.type);
    const data = callback.data as Json | undefined;
    const tokenPath = `/webhooks/${this.applicationId}/${record.token}`;
    const isWebhookCall = (c: RestCall) => c.path === tokenPath || c.path.startsWith(`${tokenPath}/`);
    return {
      type,
      data,
      interaction: record.payload,
      latencyMs: (record.answeredAt ?? Date.now()) - record.dispatchedAt,
      message: () => (record.originalMessageId ? this.world.messages.get(record.originalMessageId) : undefined),
      messageId: record.originalMessageId ?? undefined,
      webhookCalls: () => this.restCalls.slice(from).filter(isWebhookCall),
      finalReply: async (timeoutMs = this.#timeoutMs) => {
        if (type !== 5 && type !== 6) return data ?? {};
        const call = await this.waitForRest(
          (c) =>
            isWebhookCall(c) &&
            c.status === 200 &&
            ((c.method === 'PATCH' && c.path === `${tokenPath}/messages/@original`) ||
              (c.method === 'POST' && c.path === tokenPath)),
          timeoutMs,
          from,
        );
        return call.body as Json;
      },
    };
  }

  /**
   * Forgets answered interactions, the messages their replies created and the callback log, so a long
   * benchmark's memory stays flat and each new interaction does not scan every earlier callback. Tests
   * never need it; an interaction still awaiting its callback is kept.
   */
  forgetAnsweredInteractions(): void {
    for (const [id, record] of this.#interactions) {
      if (!record.callback) continue;
      if (record.originalMessageId) this.world.messages.delete(record.originalMessageId);
      this.#interactions.delete(id);
    }
    this.#callbacks.items.length = 0;
  }

  async close(): Promise<void> {
    for (const r of [this.#rest, this.#identifies, this.#resumes, this.#frames, this.#callbacks]) {
      r.rejectAll('the fake was closed');
    }
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Starts a fake Discord (REST + gateway) on 127.0.0.1 at a free port. Always `await fake.close()` afterwards. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

import {
  type Client,
  Events,
  GatewayDispatchEvents,
  type GatewayMessageDeleteBulkDispatchData,
  type GatewayMessageDeleteDispatchData,
  type GatewayMessageUpdateDispatchData,
  type Guild,
  type Interaction,
  type Message,
  Team,
  type User,
} from 'discord.js';
import type { Config } from '../config.js';
import { type ConversationStoreOptions, createConversationStore } from '../conversation/store.js';
import { createEngine } from '../engine/index.js';
import type { Engine } from '../engine/types.js';
import { warmUpInSlices } from '../engine/warm-up.js';
import { loadKnowledgeOrThrow } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { createLogger, type Logger, lazyChildLogger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import { type AnsweredOptions, createAnsweredMessages } from './answered.js';
import { type BacklogOptions, createBacklog } from './backlog.js';
import type { ButtonHandler } from './buttons.js';
import { createChoiceCache } from './choice-cache.js';
import { createClient, inviteUrl } from './client.js';
import { commandDefinitions } from './commands/index.js';
import type { BotContext, BotStore, ChatCommand } from './context.js';
import { createCooldowns } from './cooldown.js';
import {
  defaultRoutes,
  type InteractionRoutes,
  interactionLabel,
  onInteractionCreate,
} from './events/interaction-create.js';
import { addressedTo, onMessageCreate } from './events/message-create.js';
import { onMessageDelete } from './events/message-delete.js';
import { onMessageUpdate } from './events/message-update.js';
import { NO_STORE } from './no-store.js';
import { syncCommands } from './register.js';
import { type ReloadResult, reloadKnowledge } from './reload.js';
import { notices } from './render/index.js';
import { watchReferences } from './reply-target.js';
import { interactionReply, replyTo, respond } from './respond.js';
import { createThreadGaps } from './thread-gaps.js';

export interface StartOptions {
  /** Overrides config.knowledgeDir (tests use fixtures). */
  knowledgeDir?: string;
  logger?: Logger;
  store?: BotStore;
  /** Counters for /metrics; the process entry creates one registry per shard process. */
  metrics?: Metrics;
  /** Caps on replies on their way (default BACKLOG_DEFAULTS); past them messages are shed. */
  backlog?: Partial<BacklogOptions>;
  /** How long stop() waits for replies already being sent. */
  drainTimeoutMs?: number;
  /** Builds the engine from the knowledge base (default createEngine); tests wrap it to inject faults. */
  engineFactory?: (kb: KnowledgeBase) => Engine;
  /** Commands and button kinds added by later features (e.g. /settings, feedback buttons). */
  extend?: { chat?: ChatCommand[]; buttons?: Record<string, ButtonHandler> };
  /** How often the store's retention purge runs (default daily; it also runs once on ready). */
  retentionPurgeIntervalMs?: number;
  /**
   * Exercise the engine while logging in (src/engine/warm-up.ts), so the first answers are not slow and
   * memory at ready includes compiled code. Default true; tests that start many bots turn it off.
   */
  warmUp?: boolean;
  /** Called with the client before login, so the caller can watch the gateway from the first frame. */
  onClient?: (client: Client) => void;
  /** Caps on conversation memory (default CONVERSATION_LIMITS); tests lower them. */
  conversations?: ConversationStoreOptions;
  /** Caps, expiry and clock of the answered-messages map (default ANSWERED_LIMITS, Date.now); tests change them. */
  answered?: AnsweredOptions;
}

export interface RunningBot {
  client: Client;
  ctx: BotContext;
  /** Result of command registration on ready; null when it failed (logged). */
  commandSync: 'updated' | 'unchanged' | null;
  /**
   * Loads the knowledge folder again; swaps the engine only when it is valid, else keeps the last good one
   * and returns (and logs) every problem. For SIGHUP and /reload.
   */
  reloadKnowledge(): ReloadResult;
  /** Stops taking events, waits for in-flight replies (bounded), destroys the client. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_DRAIN_MS = 10_000;
const DAY_MS = 86_400_000;
/** Expired conversations are dropped when met; the sweep frees the memory of those never met again. */
const CONVERSATION_SWEEP_MS = 60_000;

/**
 * Waits until no work is in flight, or `ms` have passed; false on timeout. Work keeps arriving while it
 * waits (the "restarting" notice to an interaction that comes in during shutdown), so it waits again until
 * the set is empty rather than for a snapshot of it.
 */
async function drain(inflight: ReadonlySet<Promise<unknown>>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (inflight.size > 0) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, left);
    });
    await Promise.race([Promise.allSettled([...inflight]), timeout]);
    clearTimeout(timer);
  }
  return true;
}

/** Who may use owner-only commands: the application's owner, or the owner of the team that owns it. */
const ownerIdOf = (owner: User | Team | null): string | null =>
  owner instanceof Team ? owner.ownerId : (owner?.id ?? null);

function withExtensions(routes: InteractionRoutes, extend: StartOptions['extend']): InteractionRoutes {
  if (!extend) return routes;
  return {
    ...routes,
    chat: new Map([...routes.chat, ...(extend.chat ?? []).map((c) => [c.data.name, c] as const)]),
    buttons: new Map([...routes.buttons, ...Object.entries(extend.buttons ?? {})]),
  };
}

/**
 * Registers the commands (only shard 0's process does: they are per application, not per shard). Resolves to
 * null when registration failed (logged): answering mentions and DMs does not need registered commands.
 */
async function registerCommands(
  client: Client<true>,
  config: Config,
  options: StartOptions,
  logger: Logger,
): Promise<RunningBot['commandSync']> {
  if (client.shard && !client.shard.ids.includes(0)) return null;
  try {
    return await syncCommands(
      client.rest,
      { applicationId: config.clientId ?? client.application.id, guildId: config.devGuildId },
      [...commandDefinitions(), ...(options.extend?.chat ?? []).map((c) => c.data)],
      logger,
    );
  } catch (err) {
    logger.error({ err }, 'command registration failed');
    return null;
  }
}

/**
 * Loads knowledge, builds the engine, logs in and resolves once the client is ready and the commands are
 * registered. Used by `npm start` and, in-process, by the end-to-end tests against the fake Discord.
 */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const knowledgeDir = options.knowledgeDir ?? config.knowledgeDir;
  const engineFactory = options.engineFactory ?? createEngine;
  const kb = loadKnowledgeOrThrow(knowledgeDir);
  const engine = engineFactory(kb);
  const client = createClient(config);
  options.onClient?.(client);
  // The application owner, fetched once when first needed (null until then, or after a failed fetch).
  let owner: Promise<string | null> | null = null;
  const ctx: BotContext = {
    engine,
    kb,
    logger,
    cooldowns: createCooldowns(config.cooldownSeconds),
    conversations: createConversationStore(options.conversations),
    answered: createAnsweredMessages(options.answered),
    references: watchReferences(client),
    threadGaps: createThreadGaps(),
    choices: createChoiceCache(),
    messageContentIntent: config.messageContentIntent ?? false,
    store: options.store ?? NO_STORE,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    isOwner: async (userId) => {
      if (!client.application) return false;
      const application = client.application;
      owner ??= application.fetch().then(
        (app) => ownerIdOf(app.owner),
        (err) => {
          owner = null;
          logger.warn({ err }, 'could not fetch the application owner');
          return null;
        },
      );
      return (await owner) === userId;
    },
  };
  // Handlers copy ctx per event, so swapping ctx.engine serves every later event; events already running
  // finish with the engine they started with.
  const reload = (): ReloadResult => reloadKnowledge(ctx, knowledgeDir, engineFactory, logger);
  ctx.reloadKnowledge = reload;
  const metrics = options.metrics;
  const routes = withExtensions(defaultRoutes(), options.extend);

  const backlog = createBacklog(options.backlog, Date.now, (n) => metrics?.repliesPending.set(n));
  let accepting = true;
  const inflight = new Set<Promise<unknown>>();
  /**
   * Keeps in-flight work for a graceful stop, and times it when it ends in a reply: `command` names the
   * reply, or the work resolves to it (messages), or to null for an event that was ignored (not timed).
   */
  const track = (work: Promise<unknown>, command?: string) => {
    const started = performance.now();
    void work.then((result) => {
      const label = command ?? (typeof result === 'string' ? result : null);
      if (label) metrics?.answerLatency.observe({ command: label }, (performance.now() - started) / 1000);
    });
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };

  client.on(Events.MessageCreate, (message: Message) => {
    if (!accepting) return;
    // Not for the bot (its own replies too): no per-event work; a DM channel made for one goes at once (see below).
    const addressed = addressedTo(message, ctx);
    if (!addressed && !message.inGuild()) client.channels.cache.delete(message.channelId);
    if (!addressed) return;
    const log = lazyChildLogger(logger, {
      shard: message.guild?.shardId ?? 0,
      guild: message.guildId,
      command: 'mention',
    });
    const handlerCtx = { ...ctx, logger: log };
    const handled = onMessageCreate(message, handlerCtx, backlog, addressed).catch(async (err) => {
      metrics?.errors.inc({ where: 'message' });
      log.error({ err }, 'message handler failed');
      await replyTo(message, notices.error()).catch((e) => log.warn({ err: e }, 'could not send error reply'));
      return 'error' as const;
    });
    track(handled);
    // An edit or delete that came while the reply was on its way is applied now that the reply is known.
    void handled.finally(() => {
      const late = ctx.answered.settle(message.id);
      if (late?.kind === 'delete') onChange('delete', () => onMessageDelete(message.id, client.rest, ctx));
      if (late?.kind === 'edit') {
        const edit = { id: message.id, content: late.content };
        onChange('edit', (botId) => onMessageUpdate(edit, { rest: client.rest, botId }, ctx));
      }
    });
    // discord.js keeps each sender's DM channel for good; replies go by id and DMs come uncached: forget it.
    if (!message.inGuild()) void handled.finally(() => client.channels.cache.delete(message.channelId));
  });

  // Edits and deletes of answered messages, from the gateway's own events: discord.js emits them for uncached
  // messages only with Partials.Message (a partial Message for every edit in every server would be wasted) and in
  // DMs only while the DM channel is cached (dropped above). An unanswered message's id costs one Map read.
  const onChange = (where: string, work: (botId: string) => Promise<string | null>) => {
    const botId = client.user?.id;
    if (!accepting || !botId) return;
    track(
      work(botId).catch((err) => {
        metrics?.errors.inc({ where: 'message' });
        logger.error({ err, where }, 'message change handler failed');
        return null;
      }),
    );
  };
  client.ws.on(GatewayDispatchEvents.MessageUpdate, (d: GatewayMessageUpdateDispatchData) =>
    onChange('edit', (botId) => onMessageUpdate(d, { rest: client.rest, botId }, ctx)),
  );
  client.ws.on(GatewayDispatchEvents.MessageDelete, (d: GatewayMessageDeleteDispatchData) =>
    onChange('delete', () => onMessageDelete(d.id, client.rest, ctx)),
  );
  client.ws.on(GatewayDispatchEvents.MessageDeleteBulk, (d: GatewayMessageDeleteBulkDispatchData) => {
    for (const id of d.ids) onChange('delete', () => onMessageDelete(id, client.rest, ctx));
  });

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const label = interactionLabel(interaction, routes);
    const log = lazyChildLogger(logger, {
      shard: interaction.guild?.shardId ?? 0,
      guild: interaction.guildId,
      command: label,
    });
    if (!accepting) {
      if (interaction.isRepliable()) {
        track(
          respond(interaction, notices.shuttingDown(), { ephemeral: true }).catch(() => {}),
          'shutdown',
        );
      }
      return;
    }
    const handlerCtx = { ...ctx, logger: log };
    track(
      onInteractionCreate(interaction, handlerCtx, routes).catch(async (err) => {
        metrics?.errors.inc({ where: 'interaction' });
        log.error({ err }, 'interaction handler failed');
        if (!interaction.isRepliable()) return;
        const send =
          interaction.replied || interaction.deferred
            ? interaction.followUp(interactionReply(notices.error(), { ephemeral: true }))
            : respond(interaction, notices.error(), { ephemeral: true });
        await send.catch((e) => log.warn({ err: e }, 'could not send error reply'));
      }),
      label,
    );
  });

  // Leaving a server (kicked, or the server deleted) forgets its settings; an outage (unavailable) does not.
  client.on(Events.GuildDelete, (guild: Guild) => {
    if (!guild.available) return;
    ctx.threadGaps.forget(guild.id);
    logger.info({ guild: guild.id }, 'left server: forgetting its settings');
    const failed = (err: unknown) => logger.warn({ err, guild: guild.id }, 'could not forget the server settings');
    try {
      // The PostgreSQL store answers later: its failure is caught there, not thrown here.
      Promise.resolve(ctx.store.forgetGuild(guild.id)).catch(failed);
    } catch (err) {
      failed(err);
    }
  });

  // Without an 'error' listener an EventEmitter error would throw and kill the process.
  client.on(Events.Error, (err) => {
    metrics?.errors.inc({ where: 'client' });
    logger.error({ err }, 'client error');
  });
  client.on(Events.Warn, (message) => logger.warn({ message }, 'client warning'));
  client.on(Events.ShardError, (err, shard) => logger.error({ err, shard }, 'gateway error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  const loggingIn = client.login(config.token);
  // The warm-up runs while the gateway logs in, which is mostly waiting on the network; ready waits for both.
  const warming = (options.warmUp ?? true) ? warmUpInSlices(engine, kb) : null;
  try {
    await loggingIn;
  } catch (err) {
    // Whatever the warm-up still does is moot; the login's error is the one to report.
    warming?.catch(() => {});
    await client.destroy();
    throw err;
  }
  const readyClient = await ready;
  // Registration is a round trip or two to Discord: it runs while the warm-up finishes instead of after it.
  const syncing = registerCommands(readyClient, config, options, logger);
  if (warming) {
    const warmed = await warming.catch(async (err: unknown) => {
      await client.destroy();
      throw err;
    });
    logger.debug({ calls: warmed.calls, ms: Math.round(warmed.ms) }, 'engine warmed up');
  }
  logger.info(
    {
      user: readyClient.user.tag,
      guilds: readyClient.guilds.cache.size,
      invite: inviteUrl(readyClient.application.id),
    },
    'ready',
  );
  const commandSync = await syncing;

  const purgeExpired = () => {
    const failed = (err: unknown) => logger.warn({ err }, 'retention purge failed');
    try {
      Promise.resolve(ctx.store.purgeExpired()).catch(failed);
    } catch (err) {
      failed(err);
    }
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  if (ctx.store.saves) {
    purgeExpired();
    // unref: a pending purge never keeps the process alive on its own.
    purgeTimer = setInterval(purgeExpired, options.retentionPurgeIntervalMs ?? DAY_MS).unref();
  }

  const sweepTimer = setInterval(() => {
    ctx.conversations.sweep(Date.now());
    ctx.answered.sweep();
  }, CONVERSATION_SWEEP_MS).unref();

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      accepting = false;
      clearInterval(purgeTimer);
      clearInterval(sweepTimer);
      const drained = await drain(inflight, options.drainTimeoutMs ?? DEFAULT_DRAIN_MS);
      if (!drained) logger.warn({ pending: inflight.size }, 'shutdown: gave up waiting for replies');
      client.removeAllListeners();
      await client.destroy();
      logger.info('stopped');
    })();
    return stopping;
  };

  return { client, ctx, commandSync, reloadKnowledge: reload, stop };
}

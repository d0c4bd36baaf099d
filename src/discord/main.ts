import { type Client, Events } from 'discord.js';
import { type Config, loadConfig } from '../config.js';
import { isEntryModule } from '../entry.js';
import { formatKnowledgeError, KnowledgeLoadError } from '../knowledge/types.js';
import { createLogger, type Logger } from '../log.js';
import type { BotState } from '../ops/health.js';
import type { Metrics } from '../ops/metrics.js';
import { EXIT_GATEWAY_REFUSED, EXIT_WITH_PARENT_FLAG, isEcho, watchParent } from '../ops/process-signals.js';
import type { Ops } from '../ops/serve.js';
import { type Store, type StoreBackend, StoreOpenError } from '../store/index.js';
import { type RunningBot, startBot } from './bot.js';
import { createBotStore, openBotStore } from './bot-store.js';
import { closeCodeOfLoginError, fatalCloseLine } from './client.js';

export { type RunningBot, type StartOptions, startBot } from './bot.js';

/**
 * A database that cannot be opened at all is a setup problem to fix before starting, not an outage to ride
 * out: one line naming the file, the problem and the fix. Locked or full are passing states; the bot starts
 * degraded and /healthz says so.
 */
export function databaseRefusal(store: Pick<Store, 'health' | 'path'>, dataDir: string): string | null {
  const h = store.health();
  if (h.writable) return null;
  const what = h.message ?? h.reason ?? 'unknown error';
  switch (h.reason) {
    case 'corrupt':
      return `cannot open the database ${store.path}: ${what} (not a Selene database, damaged, or from a newer Selene). Move the file aside (keep it) and start again to create an empty one, or restore a backup.`;
    case 'readonly':
      return `cannot write the database ${store.path}: ${what}. Give the bot's user write access to DATA_DIR (${dataDir}) and the files in it, or set DATA_DIR to a writable folder.`;
    case 'io':
      return `cannot open the database ${store.path}: ${what}. DATA_DIR (${dataDir}) must be a folder the bot's user can write, and selene.db in it a file (or absent).`;
    default:
      return null;
  }
}

const describe = (err: unknown): string => {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'an unreadable error';
  }
};

/** One line per problem on stderr, then exit 1: what an operator sees when startup is refused. */
function refuse(lines: string[], exitCode = 1): never {
  for (const line of lines) process.stderr.write(`selene: ${line}\n`);
  process.exit(exitCode);
}

async function start(
  config: Config,
  logger: Logger,
  metrics: Metrics | undefined,
  store: StoreBackend,
  onClient: (client: Client) => void,
): Promise<RunningBot> {
  try {
    return await startBot(config, { logger, store: createBotStore(store), onClient, ...(metrics ? { metrics } : {}) });
  } catch (err) {
    if (err instanceof KnowledgeLoadError) {
      refuse([`cannot start: ${err.message} in ${config.knowledgeDir}`, ...err.errors.map(formatKnowledgeError)]);
    }
    // discord.js login errors name the problem ("An invalid token was provided.") without the token.
    logger.fatal({ err }, 'startup failed');
    const code = closeCodeOfLoginError(err);
    const line = code === null ? null : fatalCloseLine(code, config);
    if (line !== null) refuse([`cannot start: ${line}`], EXIT_GATEWAY_REFUSED);
    refuse([`cannot start: ${describe(err)}`]);
  }
}

export async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) refuse([loaded.message]);
  const { config } = loaded;
  // Under the ShardingManager every line, from the first, names this process's shard.
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, shards: config.shardIds });

  // A bug in one handler is logged, never fatal: handlers already catch their own errors, this is the net.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  // Opening SQLite never throws on a broken file; at startup, though, a database that cannot be used at all
  // is refused loudly rather than run without it (votes and settings would silently go nowhere). PostgreSQL
  // that cannot be reached, or refuses the credentials, is refused by the open itself.
  const store = await openBotStore(config, logger).catch((err: unknown) =>
    refuse([err instanceof StoreOpenError ? err.message : `cannot open the database: ${describe(err)}`]),
  );
  const broken =
    store.kind === 'sqlite'
      ? databaseRefusal({ health: () => store.health(), path: store.location }, config.dataDir)
      : null;
  if (broken !== null) {
    await store.close();
    refuse([broken]);
  }
  logger.info({ store: store.kind, location: store.location }, 'store open');
  // Filled in once the bot is up; the health endpoint reads it on every request.
  let bot: RunningBot | undefined;
  const state = (): BotState => ({ client: bot?.client, kb: bot?.ctx.kb, store });
  const ops =
    config.healthPort === undefined ? undefined : await serveOps(config.healthPort, config.healthHost, state, logger);

  // A shard's metrics say which shard they count, like its log lines.
  if (config.shardIds?.length) ops?.metrics.registry.setDefaultLabels({ shard: config.shardIds.join(',') });

  // Discord will not take the connection back (bad token, disallowed intent, ...): exit non-zero so a
  // supervisor alerts, instead of idling (or answering 503 on HEALTH_PORT) forever. Before login finished,
  // the failed login itself says so (start()); after, this stops the running bot.
  let refusedBy: string | null = null;
  const stopRefused = () => {
    process.stderr.write(`selene: stopping: ${refusedBy}\n`);
    shutdown({ reason: 'gateway refused' }, EXIT_GATEWAY_REFUSED);
  };
  const watchGateway = (client: Client) =>
    client.on(Events.ShardDisconnect, ({ code }, shard) => {
      const line = fatalCloseLine(code, config);
      if (line === null || refusedBy !== null) return;
      refusedBy = line;
      logger.fatal({ shard, code }, 'gateway closed for good');
      if (bot) stopRefused();
    });

  // Handlers go in before login, so a signal during startup also ends in an orderly stop.
  const starting = start(config, logger, ops?.metrics, store, watchGateway).then((running) => {
    bot = running;
    return running;
  });
  let stopping = false;
  let lastSignal: { signal: NodeJS.Signals; at: number } | null = null;
  const shutdown = (why: { signal: NodeJS.Signals } | { reason: string }, exitCode = 0) => {
    if ('signal' in why) {
      const echo = isEcho(lastSignal, why.signal, Date.now());
      lastSignal = { signal: why.signal, at: Date.now() };
      if (echo) return;
    }
    if (stopping) {
      // Only a repeated signal (Ctrl-C twice) means "now"; the manager going away during a stop changes nothing.
      if ('signal' in why) {
        logger.warn(why, 'second signal: exiting without waiting');
        process.exit(1);
      }
      return;
    }
    stopping = true;
    logger.info(why, 'shutting down');
    starting
      .then((running) => running.stop())
      .then(() => store.close())
      .then(() => ops?.close())
      .then(
        () => process.exit(exitCode),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', (signal) => shutdown({ signal }));
  process.on('SIGTERM', (signal) => shutdown({ signal }));
  // Knowledge edits go live without a restart; under the ShardingManager it forwards SIGHUP to every shard.
  process.on('SIGHUP', () => {
    if (!stopping) void starting.then((running) => running.reloadKnowledge());
  });
  // Forked by the ShardingManager (an IPC channel exists): when the manager stops or dies the channel
  // closes, and a shard left running on its own would be an orphan nobody supervises.
  if (process.send) process.once('disconnect', () => shutdown({ reason: 'sharding manager disconnected' }));
  // Under `npm start`, npm dies of a SIGHUP meant for the bot (it forwards only SIGINT and SIGTERM).
  if (process.argv.includes(EXIT_WITH_PARENT_FLAG)) {
    watchParent((parent) => {
      logger.warn(
        { parent, pid: process.pid },
        'npm exited (a SIGHUP to npm ends npm, it is not passed on): stopping. To reload knowledge, signal the bot pid or use /reload',
      );
      shutdown({ reason: 'npm exited' });
    });
  }
  await starting;
  // Refused while commands were being registered, after login but before the bot was handed over.
  if (refusedBy !== null) stopRefused();
}

/** HEALTH_PORT set: /healthz and /metrics for this process, or no start at all if the port is taken. */
async function serveOps(port: number, host: string, state: () => BotState, logger: Logger): Promise<Ops> {
  try {
    // Imported only when asked for: prom-client and the HTTP server are start-up time a bot without them never uses.
    const { startOps } = await import('../ops/serve.js');
    const ops = await startOps({ port, host, state });
    logger.info({ url: ops.url }, 'health and metrics endpoint listening');
    return ops;
  } catch (err) {
    refuse([`cannot serve HEALTH_PORT ${port} on ${host}: ${(err as Error).message}`]);
  }
}

// Whatever escapes main() is still a refused start: one line and exit 1, never a silent exit 0.
if (isEntryModule(import.meta.url)) main().catch((err) => refuse([`cannot start: ${describe(err)}`]));

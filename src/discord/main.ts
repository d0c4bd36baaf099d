import { type Config, loadConfig } from '../config.js';
import { isEntryModule } from '../entry.js';
import { formatKnowledgeError, KnowledgeLoadError } from '../knowledge/types.js';
import { createLogger, type Logger } from '../log.js';
import type { BotState } from '../ops/health.js';
import type { Metrics } from '../ops/metrics.js';
import { type Ops, startOps } from '../ops/serve.js';
import type { Store } from '../store/index.js';
import { type RunningBot, startBot } from './bot.js';
import { createBotStore, storeFromConfig } from './bot-store.js';

export { type RunningBot, type StartOptions, startBot } from './bot.js';

/** One line per problem on stderr, then exit 1: what an operator sees when startup is refused. */
function refuse(lines: string[]): never {
  for (const line of lines) process.stderr.write(`selene: ${line}\n`);
  process.exit(1);
}

async function start(config: Config, logger: Logger, metrics: Metrics | undefined, store: Store): Promise<RunningBot> {
  try {
    return await startBot(config, { logger, store: createBotStore(store), ...(metrics ? { metrics } : {}) });
  } catch (err) {
    if (err instanceof KnowledgeLoadError) {
      refuse([`cannot start: ${err.message} in ${config.knowledgeDir}`, ...err.errors.map(formatKnowledgeError)]);
    }
    // discord.js login errors name the problem ("An invalid token was provided.") without the token.
    logger.fatal({ err }, 'startup failed');
    refuse([`cannot start: ${(err as Error).message}`]);
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

  // Opening never throws on a broken database: the store degrades and the bot keeps answering.
  const store = storeFromConfig(config, logger);
  // Filled in once the bot is up; the health endpoint reads it on every request.
  let bot: RunningBot | undefined;
  const state = (): BotState => ({ client: bot?.client, kb: bot?.ctx.kb, store });
  const ops =
    config.healthPort === undefined ? undefined : await serveOps(config.healthPort, config.healthHost, state, logger);

  // A shard's metrics say which shard they count, like its log lines.
  if (config.shardIds?.length) ops?.metrics.registry.setDefaultLabels({ shard: config.shardIds.join(',') });

  // Handlers go in before login, so a signal during startup also ends in an orderly stop.
  const starting = start(config, logger, ops?.metrics, store).then((running) => {
    bot = running;
    return running;
  });
  let stopping = false;
  const shutdown = (why: { signal: NodeJS.Signals } | { reason: string }) => {
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
        () => process.exit(0),
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
  await starting;
}

/** HEALTH_PORT set: /healthz and /metrics for this process, or no start at all if the port is taken. */
async function serveOps(port: number, host: string, state: () => BotState, logger: Logger): Promise<Ops> {
  try {
    const ops = await startOps({ port, host, state });
    logger.info({ url: ops.url }, 'health and metrics endpoint listening');
    return ops;
  } catch (err) {
    refuse([`cannot serve HEALTH_PORT ${port} on ${host}: ${(err as Error).message}`]);
  }
}

if (isEntryModule(import.meta.url)) void main();

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../config.js';
import { formatKnowledgeError } from '../knowledge/load.js';
import { createLogger, type Logger } from '../log.js';
import { KnowledgeLoadError, type RunningBot, startBot } from './bot.js';

export { type RunningBot, type StartOptions, startBot } from './bot.js';

/** One line per problem on stderr, then exit 1: what an operator sees when startup is refused. */
function refuse(lines: string[]): never {
  for (const line of lines) process.stderr.write(`selene: ${line}\n`);
  process.exit(1);
}

async function start(config: Config, logger: Logger): Promise<RunningBot> {
  try {
    return await startBot(config, { logger });
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
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });

  // A bug in one handler is logged, never fatal: handlers already catch their own errors, this is the net.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  // Handlers go in before login, so a signal during startup also ends in an orderly stop.
  const starting = start(config, logger);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    starting
      .then((bot) => bot.stop())
      .then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await starting;
}

const isEntry = (): boolean => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isEntry()) void main();

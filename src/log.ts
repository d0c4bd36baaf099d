import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  format?: 'json' | 'pretty';
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

// Belt and braces: the config keeps the token non-enumerable, and these paths are censored in case
// a token or an Authorization header ever reaches a log call anyway (discord.js errors carry requests).
export const REDACT_PATHS = [
  'token',
  '*.token',
  'config.token',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
];

export function createLogger({ level, format = 'json', destination }: LoggerOptions): Logger {
  const options = { level, base: { app: 'selene' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (format === 'pretty') {
    // Synchronous so the last lines before an exit are not lost; pretty output is for humans at a terminal.
    return pino(options, pretty({ sync: true, destination: destination ?? 1, ignore: 'pid,hostname,app' }));
  }
  return destination ? pino(options, destination) : pino(options);
}

/** The fields every Discord log line carries where known, so one guild's or one command's trouble can be followed. */
export interface LogContext {
  shard?: number;
  guild?: string | null;
  command?: string;
}

export const childLogger = (logger: Logger, context: LogContext): Logger =>
  logger.child(Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined && v !== null)));

import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  format?: 'json' | 'pretty';
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** The shard(s) this process runs, named on every line it logs (a process of one sharded bot). */
  shards?: readonly number[] | undefined;
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

/**
 * Interaction and webhook tokens travel in REST paths (/interactions/:id/:token/callback, /webhooks/:app/:token):
 * each lets anyone answer as the bot in that channel for 15 minutes, and discord.js errors carry the path.
 */
const PATH_TOKEN = /\/(interactions|webhooks)\/(\d+)\/[\w.-]+/g;
export const maskPathTokens = (text: string): string => text.replace(PATH_TOKEN, '/$1/$2/[redacted]');

/** Strings of a serialized error, with path tokens masked; a copy, so the thrown value itself is untouched. */
const maskStrings = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? maskPathTokens(value) : value]),
  );

/**
 * pino's error serializer for anything a `catch` or a rejection can hold: JavaScript lets code throw strings,
 * null, plain objects or frozen ones, and the logger is the last place that may throw about it. Errors keep
 * pino's shape (type, message, stack, cause); anything else becomes `{ type, message }`.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  try {
    if (err instanceof Error) return maskStrings(pino.stdSerializers.err(err));
    if (typeof err === 'object' && err !== null) {
      const type = err.constructor?.name ?? 'Object';
      return maskStrings({ type, ...err });
    }
    return { type: err === null ? 'null' : typeof err, message: maskPathTokens(String(err)) };
  } catch {
    // A proxy or a getter that throws: say so rather than lose the log line.
    return { type: 'unknown', message: '[a thrown value that could not be read]' };
  }
}

export function createLogger({ level, format = 'json', destination, shards }: LoggerOptions): Logger {
  const shard = shards?.length ? (shards.length === 1 ? shards[0] : shards) : undefined;
  // pid on every line: the process to send SIGHUP to (npm, which an operator may have started, dies of it).
  const base = shard === undefined ? { app: 'selene', pid: process.pid } : { app: 'selene', pid: process.pid, shard };
  const options = {
    level,
    base,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  if (format === 'pretty') {
    // Loaded only here: pino-pretty and its dependencies are start-up time that JSON logging never uses.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
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

/** Whether a logger's own lines already name a shard; read once per logger (pino parses its bindings each time). */
const namesShard = new WeakMap<Logger, boolean>();

/**
 * A logger for one event. A process that runs one shard already names it on every line (createLogger's
 * `shards`), and pino would print a repeated key twice, so the event's shard is added only where the
 * process's lines do not carry one.
 */
export const childLogger = (logger: Logger, context: LogContext): Logger => {
  let named = namesShard.get(logger);
  if (named === undefined) {
    named = 'shard' in logger.bindings();
    namesShard.set(logger, named);
  }
  return logger.child(
    Object.fromEntries(
      Object.entries(context).filter(([k, v]) => v !== undefined && v !== null && !(named && k === 'shard')),
    ),
  );
};

const LEVEL_METHODS: ReadonlySet<string | symbol> = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const skip = () => {};

/**
 * childLogger(logger, context), made only when the event writes a line at an enabled level. Most events log
 * nothing, and making a pino child for each (bindings serialised and redacted) was a measurable share of a
 * busy bot's CPU. What it writes is the same as the child's.
 */
export function lazyChildLogger(logger: Logger, context: LogContext): Logger {
  let child: Logger | undefined;
  const made = () => {
    child ??= childLogger(logger, context);
    return child;
  };
  return new Proxy(logger, {
    get(parent, key) {
      // The child has the parent's level, so the parent can say that a line would be dropped.
      if (child === undefined && LEVEL_METHODS.has(key) && !parent.isLevelEnabled(key as string)) return skip;
      const real = made();
      const value: unknown = Reflect.get(real, key);
      return typeof value === 'function' ? value.bind(real) : value;
    },
    set: (_parent, key, value) => Reflect.set(made(), key, value),
  });
}

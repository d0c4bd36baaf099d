import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { databaseUrlSchema, HASH_SECRET_REQUIRED, redactUrl } from './store/postgres/url.js';

// The only reader of process.env. Everything else receives a typed Config, so tests can build one
// without touching the environment, and a bad variable stops startup here with one clear line.

export const NO_TOKEN_HINT = 'To try Selene without Discord: npm run selene -- chat';

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{15,22}$/, 'must be a Discord id (15 to 22 digits)')
  .optional();

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z.object({
  DISCORD_TOKEN: z.string({ error: 'is not set' }).trim().min(1, 'is empty').regex(/^\S+$/, 'must not contain spaces'),
  DISCORD_CLIENT_ID: snowflake,
  DEV_GUILD_ID: snowflake,
  DISCORD_API_URL: z
    .string()
    .trim()
    .default('https://discord.com/api')
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' }))
    // discord.js appends `/v10/...` itself; a trailing slash would double it.
    .transform((u) => u.replace(/\/+$/, '')),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('./knowledge'),
  COOLDOWN_SECONDS: integer(0, 3600).default(3),
  HEALTH_PORT: integer(1, 65535).optional(),
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
  SHARD_COUNT: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d*)$/, 'must be "auto" or a positive whole number')
    .transform((s) => (s === 'auto' ? ('auto' as const) : Number(s)))
    .default('auto'),
  /** Privileged: only answer channels need it (see docs/operating.md). Enable it in the Developer Portal first. */
  MESSAGE_CONTENT_INTENT: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** Keys the hashes of member ids in the database; else a secret generated once into DATA_DIR. */
  SELENE_HASH_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  RETENTION_DAYS: integer(1, 3650).default(90),
  /** Unset: the SQLite file in DATA_DIR. postgres://...: one PostgreSQL database shared by several hosts. */
  DATABASE_URL: databaseUrlSchema.optional(),
  /**
   * Set by discord.js's ShardingManager in each shard process it forks (never by hand): the shard id, or a
   * JSON list of ids, that this process runs. Read here so the process's log lines name their shard from
   * the first line on, not only once the gateway is ready.
   */
  SHARDS: z
    .string()
    .trim()
    .regex(/^(\d+|\[\s*\d+(\s*,\s*\d+)*\s*\])$/, 'must be a shard id or a JSON list of shard ids')
    .transform((s) => (s.startsWith('[') ? (JSON.parse(s) as number[]) : [Number(s)]))
    .optional(),
  SHARD_LIST: z
    .string()
    .trim()
    .regex(/^\d+(\s*,\s*\d+)*$/, 'must be a comma-separated list of shard ids, e.g. 0,1,2')
    .transform((s) => s.split(',').map((n) => Number(n.trim())))
    .optional(),
});

export interface Config {
  /** Not enumerable: spreading, JSON.stringify or logging the config never reveals it. */
  readonly token: string;
  clientId: string | undefined;
  devGuildId: string | undefined;
  apiUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: 'json' | 'pretty';
  dataDir: string;
  knowledgeDir: string;
  cooldownSeconds: number;
  healthPort: number | undefined;
  healthHost: string;
  shardCount: number | 'auto';
  shardList: number[] | undefined;
  /** The shards this process runs when a ShardingManager forked it (its SHARDS variable), else undefined. */
  shardIds: number[] | undefined;
  messageContentIntent: boolean;
  /** Not enumerable, like the token: never logged. */
  readonly hashSecret: string | undefined;
  retentionDays: number;
  /** Not enumerable (it may hold a password): absent = SQLite in dataDir. */
  readonly databaseUrl: string | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

type Env = Record<string, string | undefined>;

/** Blank values count as unset, so `FOO=` in .env falls back to the default instead of failing. */
const withoutBlanks = (env: Env): Env =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));

/** One line naming the first bad variable, echoing its value unless it is a secret. */
function describeIssue(error: z.ZodError, env: Env): string {
  const issue = error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  if (name === 'DISCORD_TOKEN' && env.DISCORD_TOKEN === undefined) {
    return `DISCORD_TOKEN is not set (put it in .env or the environment). ${NO_TOKEN_HINT}`;
  }
  if (name === 'DISCORD_TOKEN') return `DISCORD_TOKEN ${issue?.message}. ${NO_TOKEN_HINT}`;
  // Echo the offending value (never a secret) so the fix is obvious.
  const raw = name === 'SELENE_HASH_SECRET' ? undefined : env[name];
  const value = name === 'DATABASE_URL' && raw !== undefined ? redactUrl(raw) : raw;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.slice(0, 80))})`;
  return `${name} ${issue?.message ?? 'is invalid'}${shown}`;
}

export function parseConfig(env: Env): ConfigResult {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, env) };
  const e = parsed.data;
  if (e.DATABASE_URL !== undefined && e.SELENE_HASH_SECRET === undefined)
    return { ok: false, message: HASH_SECRET_REQUIRED };
  const config = {
    clientId: e.DISCORD_CLIENT_ID,
    devGuildId: e.DEV_GUILD_ID,
    apiUrl: e.DISCORD_API_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    dataDir: e.DATA_DIR,
    knowledgeDir: e.KNOWLEDGE_DIR,
    cooldownSeconds: e.COOLDOWN_SECONDS,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST,
    shardCount: e.SHARD_COUNT,
    shardList: e.SHARD_LIST,
    shardIds: e.SHARDS,
    messageContentIntent: e.MESSAGE_CONTENT_INTENT,
    retentionDays: e.RETENTION_DAYS,
  } as Config;
  Object.defineProperty(config, 'token', { value: e.DISCORD_TOKEN, enumerable: false });
  Object.defineProperty(config, 'hashSecret', { value: e.SELENE_HASH_SECRET, enumerable: false });
  Object.defineProperty(config, 'databaseUrl', { value: e.DATABASE_URL, enumerable: false });
  return { ok: true, config };
}

/**
 * What the CLI's database commands (kb report, data) need: the bot's DATA_DIR and SELENE_HASH_SECRET, read
 * with the bot's own schema and defaults, so the CLI opens the database the bot writes (no token needed).
 */
export interface StoreSettings {
  dataDir: string;
  /** Not enumerable, as in Config: never logged. */
  readonly hashSecret: string | undefined;
  /** Not enumerable: absent = the SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
}

export type StoreSettingsResult = { ok: true; settings: StoreSettings } | { ok: false; message: string };

const storeEnvSchema = envSchema.pick({ DATA_DIR: true, SELENE_HASH_SECRET: true, DATABASE_URL: true });

export function parseStoreSettings(env: Env): StoreSettingsResult {
  const parsed = storeEnvSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, env) };
  const e = parsed.data;
  if (e.DATABASE_URL !== undefined && e.SELENE_HASH_SECRET === undefined)
    return { ok: false, message: HASH_SECRET_REQUIRED };
  const settings = { dataDir: e.DATA_DIR } as StoreSettings;
  Object.defineProperty(settings, 'hashSecret', { value: e.SELENE_HASH_SECRET, enumerable: false });
  Object.defineProperty(settings, 'databaseUrl', { value: e.DATABASE_URL, enumerable: false });
  return { ok: true, settings };
}

/** Reads `.env` (when present) under the real environment: variables already set win. */
export function readEnv(envFile = '.env'): Env {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export const loadConfig = (envFile?: string): ConfigResult => parseConfig(readEnv(envFile));

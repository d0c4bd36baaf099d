// The PostgreSQL backend: several hosts, one database. Votes and settings changes wait for their commit;
// questions are logged through a bounded, batched queue; settings are read from a mirror kept fresh with
// LISTEN/NOTIFY. While the server is away the bot keeps answering: writes fail at once with a reason,
// the mirror reconnects with backoff, and nothing committed is ever lost (PostgreSQL's WAL keeps it).
import pg from 'pg';
import { z } from 'zod';
import { type StoreBackend, StoreOpenError } from '../backend.js';
import {
  createFailureLog,
  describeZodError,
  fail,
  InvalidInputError,
  ok,
  type StoreFailureReason,
  type StoreLogger,
  type StoreResult,
} from '../failures.js';
import type { QuestionRecord } from '../questions.js';
import { idSchema, questionInputSchema, reportOptionsSchema, voteInputSchema, voteKeySchema } from '../schemas.js';
import { hashSecretSchema, hashUserId } from '../secret.js';
import { defaultSettings, type GuildSettings, guildSettingsSchema, settingsPatchSchema } from '../settings.js';
import { clientConfig, DEFAULT_TUNING, timedQuery } from './connection.js';
import { classifyPgError, describeOpenFailure, isConnectionFailure } from './errors.js';
import { applyPgMigrations, LOCK_CLASS, LOCKS, SETTINGS_LOCK_CLASS } from './migrations.js';
import * as q from './queries.js';
import {
  openSettingsMirror,
  PING_INTERVAL_MS,
  PING_TIMEOUT_MS,
  SETTINGS_CHANNEL,
  settingsNotification,
} from './settings-mirror.js';
import { databaseUrlSchema, redactUrl } from './url.js';
import { createWriteQueue } from './write-queue.js';

const DAY_MS = 86_400_000;
/**
 * How much longer than the server's statement_timeout the client waits for an interactive statement: a live
 * server cancels it first (a clean 57014); only a server that stopped answering hits the client's limit.
 */
const CLIENT_TIMEOUT_MARGIN_MS = 500;

export const postgresOptionsSchema = z.object({
  url: databaseUrlSchema,
  hashSecret: hashSecretSchema,
  retentionDays: z.number().int().min(1).max(3650).default(90),
  poolSize: z.number().int().min(1).max(100).default(DEFAULT_TUNING.poolSize),
  connectTimeoutMs: z.number().int().min(100).max(60_000).default(DEFAULT_TUNING.connectTimeoutMs),
  /** Server-side limit on the statements a member waits for (votes, settings): a Discord reply is due in 3 s. */
  interactiveTimeoutMs: z.number().int().min(100).max(60_000).default(1500),
  /**
   * Client-side limit on every other pooled statement (question batches, reports, purges): a server that hung
   * without closing the socket would otherwise hold the connection for good. Generous: a report may be slow.
   */
  queryTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  pingIntervalMs: z.number().int().min(10).max(60_000).default(PING_INTERVAL_MS),
  pingTimeoutMs: z.number().int().min(10).max(60_000).default(PING_TIMEOUT_MS),
  queueCapacity: z.number().int().min(1).max(1_000_000).default(10_000),
  queueBatchSize: z.number().int().min(1).max(5000).default(200),
  queueFlushDelayMs: z.number().int().min(0).max(60_000).default(50),
  queueRetryDelayMs: z.number().int().min(10).max(60_000).default(1000),
});

export interface PostgresStoreOptions extends z.input<typeof postgresOptionsSchema> {
  logger: StoreLogger;
  clock?: () => number;
}

const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(describeZodError(parsed.error));
  return parsed.data;
};

/** Opens, migrates and fills the settings mirror; throws StoreOpenError (one line, no password) on failure. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<StoreBackend> {
  const parsed = postgresOptionsSchema.safeParse(options);
  if (!parsed.success) throw new StoreOpenError(`PostgreSQL store: ${describeZodError(parsed.error)}`);
  const o = parsed.data;
  const clock = options.clock ?? Date.now;
  const failures = createFailureLog(options.logger, clock);
  const config = clientConfig(o.url, o);
  const classify = (err: unknown) => classifyPgError(err, o.url);
  const describe = (err: unknown) => describeOpenFailure(err, o.url);

  // Migrations first, on a connection of their own (no statement timeout: a future step may take a while).
  const migrator = new pg.Client(config);
  migrator.on('error', () => {});
  try {
    await migrator.connect();
    await applyPgMigrations(migrator);
  } catch (err) {
    throw new StoreOpenError(describe(err));
  } finally {
    await migrator.end().catch(() => {});
  }
  const mirror = await openSettingsMirror({
    config,
    logger: options.logger,
    describe,
    pingIntervalMs: o.pingIntervalMs,
    pingTimeoutMs: o.pingTimeoutMs,
  }).catch((err: unknown) => {
    throw new StoreOpenError(describe(err));
  });

  const pool = new pg.Pool({ ...config, max: o.poolSize, idleTimeoutMillis: 30_000, query_timeout: o.queryTimeoutMs });
  // An idle pooled connection that dies emits here; without a listener it would crash the process.
  pool.on('error', (err) => failures.failed('pool', classify(err).reason, null, classify(err).message));
  // A connection in use is not covered by that: pg-pool takes its own listener off while a caller holds it, and
  // pg emits 'error' on a client whose server dies, statement in flight or not. Unheard, that exits the bot
  // (under the sharding manager a shard then respawns into a refused startup while the server is away). The
  // statement itself fails too, and its transaction reports it, so this listener only has to be there.
  pool.on('connect', (client) => client.on('error', () => {}));

  let closed = false;
  /** `answers`: the mirror's count of server answers when the write failed. */
  let lastWriteFailure: { reason: StoreFailureReason; message: string; answers: number } | null = null;

  const down = (): { reason: StoreFailureReason; message: string } | null => {
    if (closed) return { reason: 'closed', message: 'the store is closed' };
    if (!mirror.connected)
      return {
        reason: 'io',
        message: `PostgreSQL unreachable, reconnecting: ${mirror.lastError ?? 'connection lost'}`,
      };
    return null;
  };

  /** A member is waiting: every statement gets the server's limit, and the client's just past it. */
  const interactiveTimeoutMs = o.interactiveTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS;
  const interactive = (c: pg.PoolClient): q.Queryable => ({
    query: ((text: string, values?: unknown[]) =>
      timedQuery(c, text, values, interactiveTimeoutMs)) as q.Queryable['query'],
  });

  /** One transaction on a pooled connection; its failure becomes a result, never an exception. */
  const transaction = async <T>(
    op: string,
    fn: (c: q.Queryable) => Promise<T>,
    opts: { interactive: boolean; read?: boolean },
  ): Promise<StoreResult<T>> => {
    // While the server is known to be away, fail at once: a member waiting on a button gets an answer.
    const d = down();
    if (d !== null) {
      if (d.reason !== 'closed') failures.failed(op, d.reason, null, d.message);
      return fail(d.reason, d.message);
    }
    let client: pg.PoolClient | undefined;
    let conn: q.Queryable | undefined;
    let broken = false;
    try {
      client = await pool.connect();
      const c = opts.interactive ? interactive(client) : client;
      conn = c;
      // Reads see one snapshot, so the parts of a report agree with each other.
      await c.query(opts.read ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      if (opts.interactive) await c.query(`SET LOCAL statement_timeout = ${o.interactiveTimeoutMs}`);
      const value = await fn(c);
      // Resolved only once the server confirmed the commit: what a member is told was saved, was.
      await c.query('COMMIT');
      if (!opts.read) {
        lastWriteFailure = null;
        failures.succeeded(op);
      }
      return ok(value);
    } catch (err) {
      const c = classify(err);
      broken = c.reason === 'io';
      if (conn !== undefined && !broken) await conn.query('ROLLBACK').catch(() => (broken = true));
      if (c.reason === 'invalid') return fail(c.reason, c.message);
      if (!opts.read) lastWriteFailure = { reason: c.reason, message: c.message, answers: mirror.answers };
      failures.failed(op, c.reason, c.code, c.message);
      return fail(c.reason, c.message);
    } finally {
      // A connection that failed is destroyed rather than handed to the next caller.
      client?.release(broken);
    }
  };

  const notifySettings = (c: q.Queryable, guildId: string, value: GuildSettings | null) =>
    c.query('SELECT pg_notify($1, $2)', [SETTINGS_CHANNEL, settingsNotification(guildId, value)]);

  const lockGuildSettings = (c: q.Queryable, guildId: string) =>
    c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SETTINGS_LOCK_CLASS, guildId]);

  const questionRecord = (input: unknown): QuestionRecord => {
    const v = parseInput(questionInputSchema, input);
    return { ...v, now: v.now?.getTime() ?? clock() };
  };

  const queue = createWriteQueue<QuestionRecord>({
    capacity: o.queueCapacity,
    batchSize: o.queueBatchSize,
    flushDelayMs: o.queueFlushDelayMs,
    retryDelayMs: o.queueRetryDelayMs,
    write: async (batch) => {
      const result = await transaction('logQuestions', (c) => q.insertQuestions(c, batch), { interactive: false });
      if (!result.ok) throw Object.assign(new Error(result.message), { reason: result.reason });
    },
    retryable: (err) => isConnectionFailure((err as { reason?: StoreFailureReason }).reason ?? 'error'),
  });

  const nowMs = (d: Date | undefined) => d?.getTime() ?? clock();

  return {
    kind: 'postgres',
    location: redactUrl(o.url),

    recordVote: (input) =>
      transaction(
        'recordVote',
        (c) => {
          const v = parseInput(voteInputSchema, input);
          return q.upsertVote(c, {
            answerId: v.answerId,
            userHash: hashUserId(o.hashSecret, v.userId),
            guildId: v.guildId,
            entryId: v.entryId,
            vote: v.vote,
            now: nowMs(v.now),
          });
        },
        { interactive: true },
      ),

    getVote: (key) =>
      transaction(
        'getVote',
        (c) => {
          const k = parseInput(voteKeySchema, key);
          return q.readVote(c, k.answerId, hashUserId(o.hashSecret, k.userId));
        },
        { interactive: true, read: true },
      ),

    feedbackSummary: (opts) =>
      transaction('feedbackSummary', (c) => q.summariseFeedback(c, parseInput(z.date(), opts.since).getTime()), {
        interactive: false,
        read: true,
      }),

    recordQuestion: (input) =>
      transaction('recordQuestion', async (c) => ({ id: await q.insertQuestion(c, questionRecord(input)) }), {
        interactive: false,
      }),

    logQuestion: (input) => {
      try {
        queue.push(questionRecord(input));
      } catch (err) {
        // Invalid input is the adapter's bug; it is logged like any failed write and never thrown.
        failures.failed('logQuestion', 'invalid', null, err instanceof Error ? err.message : String(err));
      }
    },

    report: (opts) =>
      transaction(
        'report',
        async (c) => {
          const r = parseInput(reportOptionsSchema, opts);
          const since = r.since.getTime();
          return {
            topUnanswered: await q.topUnanswered(c, since, r.limit),
            worstEntries: await q.worstEntries(c, since, r.limit),
            lowConfidence: await q.lowConfidence(c, since, r.limit, r.lowConfidenceBelow),
          };
        },
        { interactive: false, read: true },
      ),

    getSettings: (guildId) => {
      if (!idSchema.safeParse(guildId).success) return defaultSettings();
      return structuredClone(mirror.get(guildId) ?? defaultSettings());
    },

    updateSettings: async (guildId, patch) => {
      const result = await transaction(
        'updateSettings',
        async (c) => {
          parseInput(idSchema, guildId);
          // Two hosts changing one guild queue here, so neither loses the other's change.
          await lockGuildSettings(c, guildId);
          const current = (await q.readSettings(c, guildId)) ?? defaultSettings();
          const p = parseInput(
            settingsPatchSchema,
            typeof patch === 'function' ? patch(structuredClone(current)) : patch,
          );
          const merged = { ...current, ...p };
          const next = parseInput(guildSettingsSchema, {
            ...merged,
            answerChannels: [...new Set(merged.answerChannels)],
          });
          await q.writeSettings(c, guildId, next, clock());
          await notifySettings(c, guildId, next);
          return next;
        },
        { interactive: true },
      );
      if (result.ok) mirror.set(guildId, result.value);
      return result;
    },

    deleteGuild: async (guildId) => {
      const result = await transaction(
        'deleteGuild',
        async (c) => {
          const settings = await q.deleteSettings(c, parseInput(idSchema, guildId));
          await notifySettings(c, guildId, null);
          return { settings };
        },
        { interactive: false },
      );
      if (result.ok) mirror.set(guildId, null);
      return result;
    },

    exportGuild: (guildId) =>
      transaction('exportGuild', (c) => q.exportGuildData(c, parseInput(idSchema, guildId), clock()), {
        interactive: false,
        read: true,
      }),

    purgeGuild: async (guildId) => {
      // Questions of this guild still queued would land after the purge: write them first.
      await queue.drain();
      const result = await transaction(
        'purgeGuild',
        async (c) => {
          const counts = await q.purgeGuildData(c, parseInput(idSchema, guildId));
          await notifySettings(c, guildId, null);
          return counts;
        },
        { interactive: false },
      );
      if (result.ok) mirror.set(guildId, null);
      return result;
    },

    purgeExpired: (now) =>
      transaction(
        'purgeExpired',
        async (c) => {
          // One host at a time; the others skip (the purge is idempotent, the next run catches up).
          const { rows } = await c.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS got', [
            LOCK_CLASS,
            LOCKS.purge,
          ]);
          if (!rows[0]?.got) return { questions: 0, votes: 0 };
          const cutoff = nowMs(now) - o.retentionDays * DAY_MS;
          return {
            questions: await q.deleteQuestionsBefore(c, cutoff),
            votes: await q.anonymiseVotesBefore(c, cutoff),
          };
        },
        { interactive: false },
      ),

    health: () => {
      const d = down();
      if (d !== null) return { writable: false, ...d, ...(closed ? {} : { degraded: true }) };
      const f = lastWriteFailure;
      if (f === null) return { writable: true };
      // A lost connection is over once the server has answered a ping since; it was degraded, never dead.
      if (f.reason === 'io')
        return mirror.answers > f.answers
          ? { writable: true }
          : { writable: false, reason: f.reason, message: f.message, degraded: true };
      return { writable: false, reason: f.reason, message: f.message };
    },

    queueStats: () => {
      const s = queue.stats();
      return { queued: s.queued, dropped: s.dropped };
    },

    async close() {
      if (closed) return;
      await queue.close();
      closed = true;
      await mirror.close();
      await pool.end().catch(() => {});
    },
  };
}

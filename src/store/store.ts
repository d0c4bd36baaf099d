// Selene's store: an embedded SQLite file shared by every shard. Synchronous (better-sqlite3), small, and
// it never throws into the bot: writes return results, reads of settings fall back to defaults.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { fileIdentity, openConnection } from './connection.js';
import {
  classifyError,
  createFailureLog,
  describeZodError,
  fail,
  InvalidInputError,
  ok,
  type StoreFailureReason,
  type StoreLogger,
  type StoreResult,
} from './failures.js';
import { anonymiseVotesBefore, readVote, summariseFeedback, upsertVote, worstEntries } from './feedback.js';
import { exportGuildData, type GuildExport, type PurgeCounts, purgeGuildData } from './guild-data.js';
import { deleteQuestionsBefore, insertQuestion, lowConfidence, topUnanswered } from './questions.js';
import {
  type EntryFeedback,
  idSchema,
  type QuestionInput,
  questionInputSchema,
  type Report,
  type ReportOptions,
  reportOptionsSchema,
  type StoredVote,
  type VoteInput,
  type VoteKey,
  type VoteValue,
  voteInputSchema,
  voteKeySchema,
} from './schemas.js';
import { hashSecretSchema, hashUserId, loadOrCreateHashSecret, readExistingHashSecret } from './secret.js';
import {
  defaultSettings,
  deleteSettings,
  type GuildSettings,
  guildSettingsSchema,
  readSettings,
  type SettingsPatch,
  settingsPatchSchema,
  writeSettings,
} from './settings.js';

export const DB_FILE_NAME = 'selene.db';
export const DEFAULT_RETENTION_DAYS = 90;
/**
 * better-sqlite3 is synchronous: while waiting for another shard's lock the event loop is blocked, and a
 * member clicking 👍 waits too (Discord drops an interaction not answered within 3 s). Our transactions
 * last milliseconds, so half a second only runs out when something is really wrong (another process holding
 * the lock); the vote then says at once that it could not be saved.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 500;
/** After a write timed out on the lock, fail fast for this long instead of blocking the event loop again. */
export const DEFAULT_BUSY_BACKOFF_MS = 5000;
const DAY_MS = 86_400_000;

export const storeOptionsSchema = z.object({
  dataDir: z.string().min(1),
  /** From SELENE_HASH_SECRET (read by the caller); else a secret generated once into `${dataDir}/hash-secret`. */
  hashSecret: hashSecretSchema.optional(),
  retentionDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS),
  busyTimeoutMs: z.number().int().min(0).max(60_000).default(DEFAULT_BUSY_TIMEOUT_MS),
  busyBackoffMs: z.number().int().min(0).max(600_000).default(DEFAULT_BUSY_BACKOFF_MS),
  /** Open without write access (reports, inspection); every write returns `readonly`. */
  readonly: z.boolean().default(false),
  /** Cap on the database size (PRAGMA max_page_count); writes past it fail with `full`. */
  maxSizeBytes: z.number().int().positive().optional(),
});

export interface StoreOptions extends z.input<typeof storeOptionsSchema> {
  logger?: StoreLogger;
  /** Milliseconds since the epoch; drives default timestamps, log rate limiting and the busy backoff. */
  clock?: () => number;
}

export interface StoreHealth {
  writable: boolean;
  reason?: StoreFailureReason;
  message?: string;
}

export interface Store {
  /** `${dataDir}/selene.db` */
  readonly path: string;
  /** Stores or changes the member's vote on an answer (one per member per answer). */
  recordVote(input: VoteInput): StoreResult<StoredVote>;
  /** The member's current vote on an answer, or null. */
  getVote(key: VoteKey): StoreResult<VoteValue | null>;
  /** Up and down votes per entry, counting votes cast or changed since `since`. */
  feedbackSummary(opts: { since: Date }): StoreResult<EntryFeedback[]>;
  /** Logs a question, answered or refused. Returns the row id. */
  recordQuestion(input: QuestionInput): StoreResult<{ id: number }>;
  /** Data for `selene kb report`; the CLI formats it. */
  report(opts: ReportOptions): StoreResult<Report>;
  /** Never fails: the stored settings, else the last ones read, else the defaults. */
  getSettings(guildId: string): GuildSettings;
  /**
   * Applies a patch, or an updater that receives the current settings and returns a patch. Read, update
   * and write happen in one IMMEDIATE transaction, so concurrent shards cannot lose each other's changes.
   */
  updateSettings(
    guildId: string,
    patch: SettingsPatch | ((current: GuildSettings) => SettingsPatch),
  ): StoreResult<GuildSettings>;
  /** The bot left the server: forget its settings. Returns how many rows went. */
  deleteGuild(guildId: string): StoreResult<{ settings: number }>;
  /** Every row about a guild, as JSON-able data. */
  exportGuild(guildId: string): StoreResult<GuildExport>;
  /** Deletes every row about a guild. */
  purgeGuild(guildId: string): StoreResult<PurgeCounts>;
  /**
   * Deletes question texts older than the retention period, and takes the member hash off votes not changed
   * within it (their up/down still counts). Run daily.
   */
  purgeExpired(now?: Date): StoreResult<{ questions: number; votes: number }>;
  /** Probes with a write that is rolled back; also reports the last write failure if none succeeded since. */
  health(): StoreHealth;
  close(): void;
}

const consoleLogger: StoreLogger = {
  info: (obj, msg) => console.info(msg, obj),
  warn: (obj, msg) => console.warn(msg, obj),
};

const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(describeZodError(parsed.error));
  return parsed.data;
};

export const openStore = (options: StoreOptions): Store => {
  const o = storeOptionsSchema.parse(options);
  const clock = options.clock ?? Date.now;
  const failures = createFailureLog(options.logger ?? consoleLogger, clock);
  const path = join(o.dataDir, DB_FILE_NAME);

  let db: Database.Database | null = null;
  let secret = '';
  let openFailure: { reason: StoreFailureReason; message: string } | null = null;
  try {
    if (!o.readonly) mkdirSync(o.dataDir, { recursive: true });
    // A read-only store writes no votes; an unknown secret then only means getVote finds nothing.
    secret =
      o.hashSecret ??
      (o.readonly
        ? (readExistingHashSecret(o.dataDir) ?? randomBytes(32).toString('hex'))
        : loadOrCreateHashSecret(o.dataDir));
    db = openConnection(path, o);
  } catch (err) {
    const c = classifyError(err);
    openFailure = { reason: c.reason, message: c.message };
    failures.failed('open', c.reason, c.code, c.message);
  }

  // What the connection has open: if the path later names another file (or none), every write would go to a
  // file nobody will ever open again, so writes fail and health says so until a restart opens the new one.
  const opened = db === null ? null : fileIdentity(path);
  const replaced = (): { reason: StoreFailureReason; message: string } | null => {
    if (opened === null) return null;
    const now = fileIdentity(path);
    if (now !== null && now.dev === opened.dev && now.ino === opened.ino) return null;
    return {
      reason: 'io',
      message: `${path} was ${now === null ? 'deleted' : 'replaced by another file'} while Selene had it open; restart Selene to open the file at that path (nothing is written meanwhile)`,
    };
  };

  let closed = false;
  let busyUntil = Number.NEGATIVE_INFINITY;
  let lastWriteFailure: { reason: StoreFailureReason; message: string } | null = null;
  // Fallback for getSettings when the file cannot be read: better the last known settings than defaults.
  const lastKnownSettings = new Map<string, GuildSettings>();

  const unavailable = (): { reason: StoreFailureReason; message: string } | null => {
    if (closed) return { reason: 'closed', message: 'the store is closed' };
    if (openFailure !== null) return openFailure;
    return null;
  };
  /** Writes also need the file still to be the one that was opened. */
  const unwritable = (): { reason: StoreFailureReason; message: string } | null => unavailable() ?? replaced();

  /** Runs a write in an IMMEDIATE transaction (takes the write lock up front, so it waits on busy_timeout). */
  const write = <T>(op: string, fn: (conn: Database.Database) => T): StoreResult<T> => {
    const down = unwritable();
    if (down !== null || db === null) {
      const d = down ?? { reason: 'error' as const, message: 'no connection' };
      if (d.reason !== 'closed') failures.failed(op, d.reason, null, d.message);
      return fail(d.reason, d.message);
    }
    if (clock() < busyUntil) {
      const message = 'the database was locked by another process; not retrying until the backoff ends';
      failures.failed(op, 'busy', null, message);
      return fail('busy', message);
    }
    const conn = db;
    try {
      const value = conn.transaction(() => fn(conn)).immediate();
      lastWriteFailure = null;
      failures.succeeded(op);
      return ok(value);
    } catch (err) {
      const c = classifyError(err);
      if (c.reason === 'invalid') return fail(c.reason, c.message);
      if (c.reason === 'busy') busyUntil = clock() + o.busyBackoffMs;
      lastWriteFailure = { reason: c.reason, message: c.message };
      failures.failed(op, c.reason, c.code, c.message);
      return fail(c.reason, c.message);
    }
  };

  const read = <T>(op: string, fn: (conn: Database.Database) => T): StoreResult<T> => {
    const down = unavailable();
    if (down !== null || db === null) {
      const d = down ?? { reason: 'error' as const, message: 'no connection' };
      if (d.reason !== 'closed') failures.failed(op, d.reason, null, d.message);
      return fail(d.reason, d.message);
    }
    const conn = db;
    try {
      // One read transaction, so the parts of a report come from one snapshot.
      return ok(conn.transaction(() => fn(conn)).deferred());
    } catch (err) {
      const c = classifyError(err);
      if (c.reason !== 'invalid') failures.failed(op, c.reason, c.code, c.message);
      return fail(c.reason, c.message);
    }
  };

  const checkpoint = (conn: Database.Database): void => {
    // After a purge, truncate the WAL so old page images holding deleted text leave the disk too. Another
    // shard reading at this moment can keep the WAL alive; the next checkpoint then finishes the job.
    try {
      conn.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Best effort: the rows are already deleted and committed.
    }
  };

  const nowMs = (d: Date | undefined): number => d?.getTime() ?? clock();

  return {
    path,

    recordVote: (input) =>
      write('recordVote', (conn) => {
        const v = parseInput(voteInputSchema, input);
        return upsertVote(conn, {
          answerId: v.answerId,
          userHash: hashUserId(secret, v.userId),
          guildId: v.guildId,
          entryId: v.entryId,
          vote: v.vote,
          now: nowMs(v.now),
        });
      }),

    getVote: (key) =>
      read('getVote', (conn) => {
        const k = parseInput(voteKeySchema, key);
        return readVote(conn, k.answerId, hashUserId(secret, k.userId));
      }),

    feedbackSummary: (opts) =>
      read('feedbackSummary', (conn) => summariseFeedback(conn, parseInput(z.date(), opts.since).getTime())),

    recordQuestion: (input) =>
      write('recordQuestion', (conn) => {
        const q = parseInput(questionInputSchema, input);
        return { id: insertQuestion(conn, { ...q, now: nowMs(q.now) }) };
      }),

    report: (opts) =>
      read('report', (conn) => {
        const r = parseInput(reportOptionsSchema, opts);
        const since = r.since.getTime();
        return {
          topUnanswered: topUnanswered(conn, since, r.limit),
          worstEntries: worstEntries(conn, since, r.limit),
          lowConfidence: lowConfidence(conn, since, r.limit, r.lowConfidenceBelow),
        };
      }),

    getSettings: (guildId) => {
      if (!idSchema.safeParse(guildId).success) return defaultSettings();
      const result = read('getSettings', (conn) => readSettings(conn, guildId));
      if (!result.ok) return structuredClone(lastKnownSettings.get(guildId) ?? defaultSettings());
      const settings = result.value ?? defaultSettings();
      lastKnownSettings.set(guildId, settings);
      return structuredClone(settings);
    },

    updateSettings: (guildId, patch) => {
      const result = write('updateSettings', (conn) => {
        parseInput(idSchema, guildId);
        const current = readSettings(conn, guildId) ?? defaultSettings();
        const p = parseInput(
          settingsPatchSchema,
          typeof patch === 'function' ? patch(structuredClone(current)) : patch,
        );
        const merged = { ...current, ...p };
        const next = parseInput(guildSettingsSchema, {
          ...merged,
          answerChannels: [...new Set(merged.answerChannels)],
        });
        writeSettings(conn, guildId, next, clock());
        return next;
      });
      if (result.ok) lastKnownSettings.set(guildId, result.value);
      return result;
    },

    deleteGuild: (guildId) => {
      lastKnownSettings.delete(guildId);
      return write('deleteGuild', (conn) => ({ settings: deleteSettings(conn, parseInput(idSchema, guildId)) }));
    },

    exportGuild: (guildId) =>
      read('exportGuild', (conn) => exportGuildData(conn, parseInput(idSchema, guildId), clock())),

    purgeGuild: (guildId) => {
      lastKnownSettings.delete(guildId);
      const result = write('purgeGuild', (conn) => purgeGuildData(conn, parseInput(idSchema, guildId)));
      if (result.ok && db !== null) checkpoint(db);
      return result;
    },

    purgeExpired: (now) => {
      const result = write('purgeExpired', (conn) => ({
        questions: deleteQuestionsBefore(conn, nowMs(now) - o.retentionDays * DAY_MS),
        votes: anonymiseVotesBefore(conn, nowMs(now) - o.retentionDays * DAY_MS),
      }));
      if (result.ok && result.value.questions + result.value.votes > 0 && db !== null) checkpoint(db);
      return result;
    },

    health: () => {
      const down = unwritable();
      if (down !== null || db === null) return { writable: false, ...(down ?? { reason: 'error' }) };
      if (clock() < busyUntil) return { writable: false, reason: 'busy', message: 'backing off after a lock timeout' };
      const conn = db;
      try {
        conn.exec('BEGIN IMMEDIATE');
        try {
          conn
            .prepare(
              `INSERT INTO meta (key, value) VALUES ('health_probe', ?)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            )
            .run(String(clock()));
        } finally {
          // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
          if (conn.inTransaction) conn.exec('ROLLBACK');
        }
      } catch (err) {
        const c = classifyError(err);
        return { writable: false, reason: c.reason, message: c.message };
      }
      // The probe fits in an existing page; a full disk shows only when a real write needed a new one.
      if (lastWriteFailure !== null) return { writable: false, ...lastWriteFailure };
      return { writable: true };
    },

    close: () => {
      if (closed) return;
      closed = true;
      db?.close();
    },
  };
};

// The one store interface both backends implement: the SQLite file (one machine) and PostgreSQL (several).
// Writes are asynchronous because PostgreSQL is; settings are read synchronously on every message, from the
// file (SQLite) or from an in-memory mirror kept fresh by LISTEN/NOTIFY (PostgreSQL).
import type { StoreResult } from './failures.js';
import type { GuildExport, PurgeCounts } from './guild-data.js';
import type {
  EntryFeedback,
  QuestionInput,
  Report,
  ReportOptions,
  StoredVote,
  VoteInput,
  VoteKey,
  VoteValue,
} from './schemas.js';
import type { GuildSettings, SettingsPatch } from './settings.js';
import type { StoreHealth } from './store.js';

/** degraded: the database server is away and the store is reconnecting; the bot keeps answering. */
export type BackendHealth = StoreHealth & { degraded?: boolean };

/** Writes waiting in a backend's queue, and those a full queue (or a write that could never succeed) dropped. */
export interface QueueStats {
  queued: number;
  dropped: number;
}

export interface StoreBackend {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, safe to print: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  /** Resolves once the vote is committed (or failed): a vote acknowledged as saved is saved. */
  recordVote(input: VoteInput): Promise<StoreResult<StoredVote>>;
  getVote(key: VoteKey): Promise<StoreResult<VoteValue | null>>;
  feedbackSummary(opts: { since: Date }): Promise<StoreResult<EntryFeedback[]>>;
  /** Logs a question and waits for the write (imports, tests). */
  recordQuestion(input: QuestionInput): Promise<StoreResult<{ id: number }>>;
  /** Logs a question without delaying the reply: on PostgreSQL it joins a bounded, batched queue. */
  logQuestion(input: QuestionInput): void;
  report(opts: ReportOptions): Promise<StoreResult<Report>>;
  /** Never fails, never waits: the stored settings, else the last ones known, else the defaults. */
  getSettings(guildId: string): GuildSettings;
  /** Read-modify-write in one transaction, so two hosts or shards cannot lose each other's change. */
  updateSettings(
    guildId: string,
    patch: SettingsPatch | ((current: GuildSettings) => SettingsPatch),
  ): Promise<StoreResult<GuildSettings>>;
  deleteGuild(guildId: string): Promise<StoreResult<{ settings: number }>>;
  exportGuild(guildId: string): Promise<StoreResult<GuildExport>>;
  purgeGuild(guildId: string): Promise<StoreResult<PurgeCounts>>;
  /** Retention: idempotent; on PostgreSQL one host at a time (the others skip and report zero). */
  purgeExpired(now?: Date): Promise<StoreResult<{ questions: number; votes: number }>>;
  /** Synchronous, from what the backend last saw: /healthz calls it on every request. */
  health(): BackendHealth;
  queueStats(): QueueStats;
  /** Writes what is queued, then closes the connections. */
  close(): Promise<void>;
}

/** The backend cannot start at all (bad URL, server unreachable, wrong credentials): one line, no secret. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

// Public API of the store. Adapters (Discord, CLI) import from here only.
import type { ImportOptions, ImportResult } from './postgres/import-sqlite.js';

export type { QueueStats, StoreBackend } from './backend.js';
export { StoreOpenError } from './backend.js';
export type { StoreFailureReason, StoreLogger, StoreResult } from './failures.js';
export { FAILURE_LOG_INTERVAL_MS } from './failures.js';
export type { GuildExport, PurgeCounts } from './guild-data.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export type { BackendOptions } from './open.js';
export { openBackend } from './open.js';
export type { ImportCounts, ImportOptions, ImportResult, ImportTable } from './postgres/import-sqlite.js';
export { databaseUrlSchema, HASH_SECRET_REQUIRED, redactUrl } from './postgres/url.js';

/** Copies the SQLite store into PostgreSQL. The pg driver loads when this runs, not with the store. */
export const importSqlite = async (o: ImportOptions): Promise<ImportResult> =>
  (await import('./postgres/import-sqlite.js')).importSqlite(o);
export type {
  EntryFeedback,
  QuestionInput,
  Report,
  ReportOptions,
  StoredVote,
  VoteInput,
  VoteKey,
  VoteValue,
} from './schemas.js';
export type { GuildSettings, SettingsPatch } from './settings.js';
export {
  DEFAULT_COOLDOWN_SECONDS,
  DEFAULT_SETTINGS,
  guildSettingsSchema,
  MAX_ANSWER_CHANNELS,
  MAX_COOLDOWN_SECONDS,
  settingsPatchSchema,
} from './settings.js';
export { sqliteBackend } from './sqlite-backend.js';
export type { Store, StoreHealth, StoreOptions } from './store.js';
export {
  DB_FILE_NAME,
  DEFAULT_BUSY_BACKOFF_MS,
  DEFAULT_BUSY_TIMEOUT_MS,
  DEFAULT_RETENTION_DAYS,
  openStore,
} from './store.js';

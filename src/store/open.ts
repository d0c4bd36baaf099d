// Picks the backend: DATABASE_URL set = PostgreSQL (several machines), unset = the SQLite file in DATA_DIR.
import { type StoreBackend, StoreOpenError } from './backend.js';
import type { StoreLogger } from './failures.js';
import { HASH_SECRET_REQUIRED } from './postgres/url.js';
import { openSqliteBackend } from './sqlite-backend.js';

export interface BackendOptions {
  /** postgres://... or postgresql://...; absent = SQLite. */
  databaseUrl?: string | undefined;
  dataDir: string;
  hashSecret?: string | undefined;
  retentionDays?: number;
  /** SQLite only: open without write access (reports, exports). */
  readonly?: boolean;
  logger: StoreLogger;
  clock?: () => number;
}

/**
 * Opens the configured backend. SQLite never throws (a broken file degrades the store); PostgreSQL throws
 * StoreOpenError with one line naming the problem when it cannot start at all.
 */
export async function openBackend(o: BackendOptions): Promise<StoreBackend> {
  const common = {
    logger: o.logger,
    ...(o.retentionDays !== undefined ? { retentionDays: o.retentionDays } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
  };
  if (o.databaseUrl !== undefined) {
    if (!o.hashSecret) throw new StoreOpenError(HASH_SECRET_REQUIRED);
    // Loaded here, not at the top: a bot on SQLite never pays for the pg driver.
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore({ url: o.databaseUrl, hashSecret: o.hashSecret, ...common });
  }
  return openSqliteBackend({
    dataDir: o.dataDir,
    readonly: o.readonly ?? false,
    ...common,
    ...(o.hashSecret ? { hashSecret: o.hashSecret } : {}),
  });
}

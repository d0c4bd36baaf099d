// Picks the backend: DATABASE_URL set = PostgreSQL (several machines), unset = the SQLite file in DATA_DIR.
import { type StoreBackend, StoreOpenError } from './backend.js';
import type { StoreLogger } from './failures.js';
import { openPostgresStore } from './postgres/store.js';
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

export const HASH_SECRET_REQUIRED =
  'SELENE_HASH_SECRET is required with DATABASE_URL: every host must hash member ids with the same secret, ' +
  'or one member would count as several (use the content of DATA_DIR/hash-secret when moving from SQLite)';

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
    return openPostgresStore({ url: o.databaseUrl, hashSecret: o.hashSecret, ...common });
  }
  return openSqliteBackend({
    dataDir: o.dataDir,
    readonly: o.readonly ?? false,
    ...common,
    ...(o.hashSecret ? { hashSecret: o.hashSecret } : {}),
  });
}

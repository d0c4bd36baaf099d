// Opening the SQLite file, and telling whether the file at a path is still the one that was opened.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { applyMigrations } from './migrations.js';

const load = createRequire(import.meta.url);

export interface ConnectionOptions {
  readonly: boolean;
  busyTimeoutMs: number;
  maxSizeBytes?: number | undefined;
}

/**
 * Pragmas, in order:
 * - WAL lets shards read while one writes, and a reader never blocks the writer.
 * - synchronous=NORMAL in WAL mode: a commit is written to the WAL with write() but not fsync'd (the WAL is
 *   fsync'd at checkpoints). A process crash, including SIGKILL, loses nothing committed because the data
 *   already sits in the OS page cache; our crash test kills with SIGKILL. A power loss or OS crash may lose
 *   the last few commits, but the database stays consistent (never corrupt). Losing a few votes on power
 *   loss is an acceptable price for not fsyncing on every button click.
 * - secure_delete overwrites deleted rows with zeros, so purged question texts do not linger in free pages.
 */
export const openConnection = (path: string, o: ConnectionOptions): Database.Database => {
  // The driver (a native addon) loads with the first open, not with the store's API, which the bot imports
  // whichever backend it runs on: a bot on PostgreSQL, and every start before the database opens, skip it.
  const Sqlite = load('better-sqlite3') as typeof Database;
  const db = new Sqlite(path, { readonly: o.readonly, fileMustExist: o.readonly, timeout: o.busyTimeoutMs });
  try {
    if (!o.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not switch ${path} to WAL mode (got ${String(mode)})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    if (!o.readonly) applyMigrations(db);
    if (o.maxSizeBytes !== undefined) {
      const pageSize = z
        .number()
        .int()
        .positive()
        .parse(db.pragma('page_size', { simple: true }));
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(o.maxSizeBytes / pageSize))}`);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

/** Device and inode of the file at `path`, or null when there is none. */
export const fileIdentity = (path: string): { dev: bigint; ino: bigint } | null => {
  try {
    const st = statSync(path, { bigint: true });
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
};

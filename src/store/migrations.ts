// Versioned schema migrations. Step i brings the schema to version i + 1; `PRAGMA user_version` records the
// version reached. Steps are append-only: never edit a released step, add a new one.
import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'initial schema: votes, questions, guild settings',
    sql: `
      -- One vote per member per answer; user_hash is HMAC-SHA256(secret, user id), never the raw id.
      CREATE TABLE votes (
        answer_id  TEXT NOT NULL,
        user_hash  TEXT NOT NULL,
        guild_id   TEXT,
        entry_id   TEXT,
        vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (answer_id, user_hash)
      ) WITHOUT ROWID;
      CREATE INDEX votes_by_entry ON votes (entry_id, updated_at);
      CREATE INDEX votes_by_guild ON votes (guild_id);

      -- Every question asked, one row each: counts and last-seen are aggregated at read time, so a
      -- report over the last 7 days counts exactly those 7 days, and retention deletes each text exactly
      -- when it expires.
      CREATE TABLE questions (
        id         INTEGER PRIMARY KEY,
        guild_id   TEXT,
        text       TEXT NOT NULL,
        normalised TEXT NOT NULL,
        answered   INTEGER NOT NULL CHECK (answered IN (0, 1)),
        entry_id   TEXT,
        confidence REAL NOT NULL,
        route      TEXT NOT NULL,
        asked_at   INTEGER NOT NULL
      );
      CREATE INDEX questions_by_time ON questions (answered, asked_at);
      CREATE INDEX questions_by_asked_at ON questions (asked_at);
      CREATE INDEX questions_by_guild ON questions (guild_id);

      CREATE TABLE guild_settings (
        guild_id   TEXT PRIMARY KEY,
        data       TEXT NOT NULL CHECK (json_valid(data)),
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    name: 'meta table for health probes',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export const schemaVersion = (db: Database.Database): number =>
  z
    .number()
    .int()
    .nonnegative()
    .parse(db.pragma('user_version', { simple: true }));

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this version of Selene knows (${known})`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the database to the latest version inside one IMMEDIATE transaction, so a failing step leaves
 * no half-migrated schema and two shards starting together cannot both migrate (the second one waits for
 * the write lock, then sees the new version). Returns how many steps were applied.
 */
export const applyMigrations = (db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number => {
  // Checked outside a write transaction first, so an up-to-date database opens without taking the lock.
  const before = schemaVersion(db);
  if (before > migrations.length) throw new SchemaTooNewError(before, migrations.length);
  if (before === migrations.length) return 0;

  const migrate = db.transaction((): number => {
    const current = schemaVersion(db);
    if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
    const pending = migrations.slice(current);
    for (const step of pending) db.exec(step.sql);
    // user_version cannot be bound as a parameter; the value is our own integer.
    db.pragma(`user_version = ${migrations.length}`);
    return pending.length;
  });
  return migrate.immediate();
};

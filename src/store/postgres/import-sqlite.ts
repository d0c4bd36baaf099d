// `selene data migrate-to-postgres`: copies a SQLite file's settings, votes and questions into PostgreSQL.
// Idempotent and resumable: settings and votes are upserted keeping the newer row, and questions (which have
// no natural key) are copied in id order in batches, each committed with a high-water mark in `meta`, so
// running it again copies nothing twice and an interrupted run continues where it stopped.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { StoreOpenError } from '../backend.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../migrations.js';
import { questionRowSchema, settingsRowSchema, voteRowSchema } from '../schemas.js';
import { readExistingHashSecret } from '../secret.js';
import { DB_FILE_NAME } from '../store.js';
import { clientConfig, DEFAULT_TUNING } from './connection.js';
import { describeOpenFailure } from './errors.js';
import { applyPgMigrations } from './migrations.js';
import { SETTINGS_CHANNEL } from './settings-mirror.js';
import { HASH_SECRET_REQUIRED } from './url.js';

export type ImportTable = 'settings' | 'votes' | 'questions';

export interface ImportCounts {
  /** Rows in the SQLite file. */
  total: number;
  /** Rows written (new, or newer than PostgreSQL's); the rest were there already. */
  copied: number;
}

export type ImportResult = Record<ImportTable, ImportCounts>;

export interface ImportOptions {
  dataDir: string;
  url: string;
  /** SELENE_HASH_SECRET, which the bots on PostgreSQL will use; must be the one the votes were hashed with. */
  hashSecret: string | undefined;
  batchSize?: number;
  onProgress?(table: ImportTable, done: number, total: number): void;
}

const countOf = (db: Database.Database, table: string): number =>
  z
    .number()
    .int()
    .parse((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: unknown }).n);

export async function importSqlite(o: ImportOptions): Promise<ImportResult> {
  const batchSize = o.batchSize ?? 500;
  const path = join(o.dataDir, DB_FILE_NAME);
  checkSecret(o.dataDir, o.hashSecret);
  let source: Database.Database;
  try {
    source = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreOpenError(`cannot open ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const target = new pg.Client(clientConfig(o.url, DEFAULT_TUNING));
  target.on('error', () => {});
  try {
    const version = schemaVersion(source);
    if (version !== LATEST_SCHEMA_VERSION)
      throw new StoreOpenError(
        `${path} has schema version ${version}; start the bot on it once (or use a matching Selene) so it is ${LATEST_SCHEMA_VERSION}`,
      );
    try {
      await target.connect();
      await applyPgMigrations(target);
    } catch (err) {
      throw new StoreOpenError(describeOpenFailure(err, o.url));
    }
    const progress = (table: ImportTable, done: number, total: number) => o.onProgress?.(table, done, total);
    // Same file, same mark, wherever it is mounted from.
    const markKey = `imported-questions:${realpathSync(path)}`;
    return {
      settings: await copySettings(source, target, progress),
      votes: await copyVotes(source, target, batchSize, progress),
      questions: await copyQuestions(source, target, batchSize, markKey, progress),
    };
  } finally {
    source.close();
    await target.end().catch(() => {});
  }
}

/**
 * Copied votes keep their member hashes; a bot hashing with another secret would count each member twice.
 * A secret file in the data dir is the one the bot used (it had no SELENE_HASH_SECRET): it must match.
 */
function checkSecret(dataDir: string, hashSecret: string | undefined): void {
  if (!hashSecret) throw new StoreOpenError(HASH_SECRET_REQUIRED);
  let fileSecret: string | null;
  try {
    fileSecret = readExistingHashSecret(dataDir);
  } catch (err) {
    throw new StoreOpenError(err instanceof Error ? err.message : String(err));
  }
  if (fileSecret !== null && fileSecret !== hashSecret.trim())
    throw new StoreOpenError(
      `SELENE_HASH_SECRET differs from ${join(dataDir, 'hash-secret')}, which hashed the votes being copied: ` +
        "set SELENE_HASH_SECRET to that file's content (on every host), or members would be counted twice",
    );
}

type Progress = (table: ImportTable, done: number, total: number) => void;

async function inTransaction<T>(c: pg.Client, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const value = await fn();
    await c.query('COMMIT');
    return value;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function copySettings(source: Database.Database, c: pg.Client, progress: Progress): Promise<ImportCounts> {
  const rows = z.array(settingsRowSchema).parse(source.prepare('SELECT * FROM guild_settings ORDER BY guild_id').all());
  let copied = 0;
  await inTransaction(c, async () => {
    for (const r of rows) {
      const result = await c.query(
        `INSERT INTO guild_settings (guild_id, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
         WHERE guild_settings.updated_at < excluded.updated_at`,
        [r.guild_id, r.data, r.updated_at],
      );
      if ((result.rowCount ?? 0) > 0) {
        copied += 1;
        // Bots already running on PostgreSQL pick the copied settings up at once.
        await c.query('SELECT pg_notify($1, $2)', [
          SETTINGS_CHANNEL,
          JSON.stringify({ guildId: r.guild_id, data: r.data }),
        ]);
      }
    }
  });
  progress('settings', rows.length, rows.length);
  return { total: rows.length, copied };
}

async function copyVotes(source: Database.Database, c: pg.Client, batchSize: number, progress: Progress) {
  const total = countOf(source, 'votes');
  const select = source.prepare('SELECT * FROM votes ORDER BY answer_id, user_hash LIMIT ? OFFSET ?');
  let done = 0;
  let copied = 0;
  while (done < total) {
    const rows = z.array(voteRowSchema).parse(select.all(batchSize, done));
    if (rows.length === 0) break;
    const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    // The member hashes are copied as they are: the bot on PostgreSQL must use the same secret.
    const result = await c.query(
      `INSERT INTO votes (answer_id, user_hash, guild_id, entry_id, vote, created_at, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
       ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at
       WHERE votes.updated_at < excluded.updated_at`,
      [
        column('answer_id'),
        column('user_hash'),
        column('guild_id'),
        column('entry_id'),
        column('vote'),
        column('created_at'),
        column('updated_at'),
      ],
    );
    copied += result.rowCount ?? 0;
    done += rows.length;
    progress('votes', done, total);
  }
  return { total, copied };
}

async function copyQuestions(
  source: Database.Database,
  c: pg.Client,
  batchSize: number,
  markKey: string,
  progress: Progress,
): Promise<ImportCounts> {
  const total = countOf(source, 'questions');
  const markRow = await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [markKey]);
  let mark = Number(markRow.rows[0]?.value ?? 0);
  let done = z
    .number()
    .int()
    .parse((source.prepare('SELECT COUNT(*) AS n FROM questions WHERE id <= ?').get(mark) as { n: unknown }).n);
  progress('questions', done, total);
  const select = source.prepare('SELECT * FROM questions WHERE id > ? ORDER BY id LIMIT ?');
  let copied = 0;
  for (;;) {
    const rows = z.array(questionRowSchema).parse(select.all(mark, batchSize));
    if (rows.length === 0) break;
    const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    const last = rows[rows.length - 1]?.id ?? mark;
    await inTransaction(c, async () => {
      await c.query(
        `INSERT INTO questions (guild_id, text, normalised, answered, entry_id, confidence, route, asked_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::float8[], $7::text[], $8::bigint[])`,
        [
          column('guild_id'),
          column('text'),
          column('normalised'),
          rows.map((r) => r.answered === 1),
          column('entry_id'),
          column('confidence'),
          column('route'),
          column('asked_at'),
        ],
      );
      await c.query(
        `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [markKey, String(last)],
      );
    });
    copied += rows.length;
    done += rows.length;
    mark = last;
    progress('questions', done, total);
  }
  return { total, copied };
}

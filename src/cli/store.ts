import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseStoreSettings, type StoreSettings } from '../config.js';
import {
  DB_FILE_NAME,
  openBackend,
  type StoreBackend,
  type StoreLogger,
  StoreOpenError,
  type StoreResult,
} from '../store/index.js';
import type { CliIo } from './io.js';
import { CliFailure, UsageError } from './usage.js';

/** DATA_DIR and SELENE_HASH_SECRET as the bot reads them (src/config.ts); a bad value is a clear failure. */
export function storeSettings(io: CliIo): StoreSettings {
  const parsed = parseStoreSettings(io.env);
  if (!parsed.ok) throw new CliFailure(parsed.message);
  return parsed.settings;
}

/** `--data-dir` wins over DATA_DIR, which wins over ./data (the bot's default), relative to the cwd. */
export const dataDirOf = (flag: string | undefined, io: CliIo): string =>
  resolve(io.cwd, flag ?? storeSettings(io).dataDir);

/**
 * Opens the bot's database for a curator or admin command: PostgreSQL when DATABASE_URL is set (unless
 * --data-dir names a SQLite folder), else the SQLite file. A missing file is reported rather than created,
 * so a typo in --data-dir never leaves an empty database (and a fresh secret) behind.
 */
export async function openCliStore(
  dataDir: string,
  io: CliIo,
  { readonly, dataDirFlag = false }: { readonly: boolean; dataDirFlag?: boolean },
): Promise<StoreBackend> {
  // stdout may carry JSON (data export, kb report --json): store warnings go to stderr.
  const logger: StoreLogger = {
    info: () => {},
    warn: (obj, msg) => io.stderr.write(`selene: ${msg} ${JSON.stringify(obj)}\n`),
  };
  const { hashSecret, databaseUrl } = storeSettings(io);
  const path = join(dataDir, DB_FILE_NAME);
  const postgres = databaseUrl !== undefined && !dataDirFlag;
  if (!postgres && !existsSync(path)) throw new CliFailure(`no database at ${path} (set DATA_DIR or --data-dir)`);
  try {
    return await openBackend({
      databaseUrl: postgres ? databaseUrl : undefined,
      dataDir,
      readonly,
      logger,
      hashSecret,
    });
  } catch (err) {
    if (err instanceof StoreOpenError) throw new CliFailure(err.message);
    throw new CliFailure(`cannot open ${path}: ${err instanceof Error ? err.message : err}`);
  }
}

/** A store result's value, or the failure as a CLI error (bad input is the caller's mistake: exit 2). */
export function unwrap<T>(result: StoreResult<T>, what: string, usage: string): T {
  if (result.ok) return result.value;
  if (result.reason === 'invalid') throw new UsageError(`${what}: ${result.message}`, usage);
  throw new CliFailure(`${what} failed (${result.reason}): ${result.message}`);
}

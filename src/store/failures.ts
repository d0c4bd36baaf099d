// How the store fails: as values, never as exceptions into the bot. A feedback button whose vote cannot be
// saved must say so, and the question that came with it must still be answered.
import { z } from 'zod';
import { SchemaTooNewError } from './migrations.js';

export type StoreFailureReason =
  /** The file or connection is read-only. */
  | 'readonly'
  /** Disk full, or the configured size cap reached. */
  | 'full'
  /** Another process held the write lock past the busy timeout. */
  | 'busy'
  /** Could not open or read the file (I/O error, missing directory, permissions). */
  | 'io'
  /** The file is not a database, is damaged, or was written by a newer Selene. */
  | 'corrupt'
  /** The input did not validate; nothing was written. */
  | 'invalid'
  /** The store was closed. */
  | 'closed'
  | 'error';

export type StoreResult<T> = { ok: true; value: T } | { ok: false; reason: StoreFailureReason; message: string };

export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
export const fail = <T>(reason: StoreFailureReason, message: string): StoreResult<T> => ({
  ok: false,
  reason,
  message,
});

/** Minimal logger shape; pino's logger satisfies it. */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Thrown inside a write when the caller's input (or an updater's output) does not validate. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}

export const describeZodError = (err: z.ZodError): string =>
  err.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '$'}: ${i.message}`).join('; ');

/** The message of anything thrown; never throws itself (String() of a symbol or of a hostile object can). */
const describeThrown = (err: unknown): string => {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'unreadable error';
  }
};

/** A logger that failed must not turn a store result into an exception: the store promises values. */
const quietly = (log: () => void): void => {
  try {
    log();
  } catch {
    // Nothing better to do: the failure is still returned to the caller as a value.
  }
};

export const classifyError = (err: unknown): { reason: StoreFailureReason; code: string | null; message: string } => {
  if (err instanceof InvalidInputError) return { reason: 'invalid', code: null, message: err.message };
  // A row that does not validate means the file holds something we did not write.
  if (err instanceof z.ZodError) return { reason: 'corrupt', code: null, message: describeZodError(err) };
  const message = describeThrown(err);
  if (err instanceof SchemaTooNewError) return { reason: 'corrupt', code: null, message };
  const code = typeof err === 'object' && err !== null && 'code' in err ? describeThrown(err.code) : null;
  if (code === null) return { reason: 'error', code, message };
  // better-sqlite3 reports extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, ...): match the family.
  const family = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
  const byFamily: Record<string, StoreFailureReason> = {
    SQLITE_READONLY: 'readonly',
    SQLITE_FULL: 'full',
    SQLITE_BUSY: 'busy',
    SQLITE_LOCKED: 'busy',
    SQLITE_IOERR: 'io',
    SQLITE_CANTOPEN: 'io',
    SQLITE_PERM: 'io',
    SQLITE_AUTH: 'io',
    SQLITE_CORRUPT: 'corrupt',
    SQLITE_NOTADB: 'corrupt',
    EACCES: 'io',
    EPERM: 'io',
    EROFS: 'readonly',
    ENOSPC: 'full',
    ENOENT: 'io',
    ENOTDIR: 'io',
    EISDIR: 'io',
  };
  return { reason: byFamily[family] ?? 'error', code, message };
};

export const FAILURE_LOG_INTERVAL_MS = 60_000;

/**
 * Logs store failures at most once per interval per reason, with how many were suppressed in between, and
 * logs once when a write succeeds again. Per store instance (each shard has its own), so no global state.
 */
export const createFailureLog = (logger: StoreLogger, clock: () => number, intervalMs = FAILURE_LOG_INTERVAL_MS) => {
  const lastLogged = new Map<StoreFailureReason, { at: number; suppressed: number }>();
  let failing = false;
  return {
    failed(op: string, reason: StoreFailureReason, code: string | null, message: string): void {
      failing = true;
      const now = clock();
      const last = lastLogged.get(reason);
      if (last !== undefined && now - last.at < intervalMs) {
        last.suppressed += 1;
        return;
      }
      lastLogged.set(reason, { at: now, suppressed: 0 });
      quietly(() =>
        logger.warn(
          { op, reason, code, err: message, suppressedSinceLastLog: last?.suppressed ?? 0 },
          `store unavailable (${reason}): ${op} not saved; the bot keeps answering`,
        ),
      );
    },
    succeeded(op: string): void {
      if (!failing) return;
      failing = false;
      lastLogged.clear();
      quietly(() => logger.info({ op }, 'store writable again'));
    },
  };
};
export type FailureLog = ReturnType<typeof createFailureLog>;

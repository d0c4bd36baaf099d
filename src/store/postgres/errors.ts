// PostgreSQL failures as the store's failure reasons, and startup failures as one line naming the problem.
import { classifyError, InvalidInputError, type StoreFailureReason } from '../failures.js';
import { SchemaTooNewError } from '../migrations.js';
import { scrubPassword, whereOf } from './url.js';

const codeOf = (err: unknown): string | null =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : null;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Messages pg gives without a code when the connection is gone or never came. */
const CONNECTION_LOST =
  /connection terminated|not queryable|timeout exceeded when trying to connect|connection (?:error|ended)/i;

const bySqlState = (code: string): StoreFailureReason => {
  if (code === '53100') return 'full';
  if (code === '25006') return 'readonly';
  if (['40001', '40P01', '55P03', '57014'].includes(code)) return 'busy';
  if (code === 'XX001' || code === 'XX002') return 'corrupt';
  // 08: connection exception; 57P0x: server shutting down or starting; 28: authentication; 3D: no database.
  if (/^(?:08|57P0|28|3D)/.test(code)) return 'io';
  if (code.startsWith('53')) return 'busy';
  return 'error';
};

export const classifyPgError = (
  err: unknown,
  url: string,
): { reason: StoreFailureReason; code: string | null; message: string } => {
  if (err instanceof InvalidInputError || err instanceof SchemaTooNewError || (err as Error)?.name === 'ZodError')
    return classifyError(err);
  const code = codeOf(err);
  const message = scrubPassword(err instanceof Error ? err.message : String(err), url);
  if (code !== null && NETWORK_CODES.has(code)) return { reason: 'io', code, message };
  if (code !== null && /^[0-9A-Z]{5}$/.test(code)) return { reason: bySqlState(code), code, message };
  // pg's client-side limit fired: the server took the statement and never answered.
  if (/query read timeout/i.test(message))
    return { reason: 'io', code, message: 'PostgreSQL did not answer in time (server hung or network path lost)' };
  if (CONNECTION_LOST.test(message)) return { reason: 'io', code, message };
  return { reason: 'error', code, message };
};

/** Whether the failure is the connection's (retry later), not the statement's (retrying cannot help). */
export const isConnectionFailure = (reason: StoreFailureReason): boolean => reason === 'io' || reason === 'busy';

/** One line for an operator whose bot cannot start on PostgreSQL; never contains the password. */
export const describeOpenFailure = (err: unknown, url: string): string => {
  const where = whereOf(url);
  const code = codeOf(err);
  const message = scrubPassword(err instanceof Error ? err.message : String(err), url);
  const user = URL.canParse(url) ? decodeURIComponent(new URL(url).username) || '(default user)' : '?';
  if (code === 'ECONNREFUSED')
    return `cannot reach PostgreSQL at ${where}: connection refused (is the server running?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach PostgreSQL at ${where}: unknown host`;
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return `cannot reach PostgreSQL at ${where}: no answer in time`;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL at ${where} refused the credentials of user "${user}" (${message})`;
  if (code === '3D000') return `PostgreSQL at ${where}: ${message} (create it first)`;
  if (err instanceof SchemaTooNewError) return `PostgreSQL at ${where}: ${message}`;
  return `PostgreSQL at ${where}: ${message}`;
};

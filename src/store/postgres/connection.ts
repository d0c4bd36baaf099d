// DATABASE_URL: validation, a printable form without the password, and the pg connection settings.
import pg from 'pg';
import { z } from 'zod';

/** Only postgres:// and postgresql:// select PostgreSQL; anything else is a mistake worth naming. */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine((s) => /^postgres(?:ql)?:\/\//i.test(s), 'must start with postgres:// or postgresql://')
  .refine((s) => URL.canParse(s), 'is not a valid URL')
  .refine(
    (s) => URL.canParse(s) && new URL(s).hostname !== '',
    'must name a host, e.g. postgres://user:password@db:5432/selene',
  );

export const HASH_SECRET_REQUIRED =
  'SELENE_HASH_SECRET is required with DATABASE_URL: every host must hash member ids with the same secret, ' +
  'or one member would count as several (use the content of DATA_DIR/hash-secret when moving from SQLite)';

/** The URL with its password replaced, for logs and error messages. */
export const redactUrl = (url: string): string => {
  if (!URL.canParse(url)) return '(unparseable DATABASE_URL)';
  const u = new URL(url);
  if (u.password) u.password = '***';
  // Query parameters may carry a password too (?password=...).
  for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
  return u.toString();
};

/** host:port/database, for one-line messages. */
export const whereOf = (url: string): string => {
  if (!URL.canParse(url)) return 'PostgreSQL';
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
};

/** Removes the URL's password from any text (a driver message may quote its input). */
export const scrubPassword = (text: string, url: string): string => {
  if (!URL.canParse(url)) return text;
  const password = decodeURIComponent(new URL(url).password);
  return password.length > 0 ? text.split(password).join('***') : text;
};

const INT8_OID = 20;

/**
 * BIGINT (our millisecond timestamps, COUNT(*)) arrives as a string by default; our values fit a double
 * exactly. Set per connection, not through pg's global type registry.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface ConnectionTuning {
  /** Waiting for a connection longer than this fails the call (a vote must be answered within 3 s). */
  connectTimeoutMs: number;
  poolSize: number;
}

export const DEFAULT_TUNING: ConnectionTuning = { connectTimeoutMs: 1500, poolSize: 5 };

export const clientConfig = (url: string, tuning: ConnectionTuning): pg.ClientConfig => ({
  connectionString: url,
  connectionTimeoutMillis: tuning.connectTimeoutMs,
  keepAlive: true,
  application_name: 'selene',
  types,
});

/**
 * A statement with a client-side time limit: pg rejects it with "Query read timeout" when the server has not
 * answered in time (a hung server enforces no statement_timeout of its own). pg honours `query_timeout` per
 * query; its type declarations omit it.
 */
export const timedQuery = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: Pick<pg.ClientBase, 'query'>,
  text: string,
  values: unknown[] | undefined,
  timeoutMs: number,
): Promise<pg.QueryResult<R>> => client.query<R>({ text, values, query_timeout: timeoutMs } as pg.QueryConfig);

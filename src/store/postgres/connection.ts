// The pg connection settings. DATABASE_URL's validation and printable forms are in url.ts, which loads no driver.
import pg from 'pg';

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

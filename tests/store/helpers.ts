// Shared test plumbing: temporary data dirs, a fake clock and logger, and child processes run with tsx.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { StoreLogger } from '../../src/store/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh data dir, removed after the test. */
export const tempDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'selene-store-'));
  dirs.push(dir);
  return dir;
};

export const fakeClock = (start = Date.UTC(2026, 0, 1)) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

export interface LogCall {
  level: 'info' | 'warn';
  obj: Record<string, unknown>;
  msg: string;
}

export const recordingLogger = (): StoreLogger & { calls: LogCall[] } => {
  const calls: LogCall[] = [];
  return {
    calls,
    info: (obj, msg) => calls.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj, msg) => calls.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  };
};

/** Every byte of the database and its WAL/SHM side files. */
export const databaseBytes = (dataDir: string): Buffer =>
  Buffer.concat(
    readdirSync(dataDir)
      .filter((f) => f.startsWith('selene.db'))
      .map((f) => readFileSync(join(dataDir, f))),
  );

export const fixturePath = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs a fixture script with tsx, as a separate OS process. */
export const spawnFixture = (
  name: string,
  args: string[],
  as?: { uid: number; gid: number },
): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['--import', 'tsx', fixturePath(name), ...args], { stdio: 'pipe', ...as });

/** Calls onLine for each complete line of the child's stdout. */
export const onLines = (child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void => {
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
};

export const collectStderr = (child: ChildProcessWithoutNullStreams): (() => string) => {
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    err += c;
  });
  return () => err;
};

export const waitForExit = (
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/** Resolves when the child prints a line satisfying `match`; rejects if it exits first. */
export const waitForLine = (child: ChildProcessWithoutNullStreams, match: (line: string) => boolean): Promise<string> =>
  new Promise((resolve, reject) => {
    const stderr = collectStderr(child);
    onLines(child, (line) => {
      if (match(line)) resolve(line);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before the expected line; stderr: ${stderr()}`)),
    );
  });

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPTS = { start: 'src/discord/main.ts', 'deploy-commands': 'src/discord/deploy.ts' } as const;
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stdout contains `text` (rejects on exit or after the timeout). */
  waitForStdout(text: string, timeoutMs?: number): Promise<void>;
}

/**
 * `npm start` (or `npm run deploy-commands`) as a real process (`node --import tsx <script>`), run from an
 * empty temporary folder so no developer `.env` leaks in, with exactly the environment given (plus PATH).
 */
export function spawnBot(env: Record<string, string>, script: keyof typeof SCRIPTS = 'start'): Spawned {
  const cwd = mkdtempSync(join(tmpdir(), 'selene-bot-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, SCRIPTS[script])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitForStdout(text, timeoutMs = 15_000) {
      return new Promise((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`no "${text}" on stdout within ${timeoutMs} ms:\n${out}\n${err}`)),
          timeoutMs,
        );
        const check = () => {
          if (!out.includes(text)) return;
          clearTimeout(timer);
          child.stdout?.off('data', check);
          ok();
        };
        child.stdout?.on('data', check);
        void exit.then(() => {
          clearTimeout(timer);
          if (out.includes(text)) ok();
          else fail(new Error(`exited before "${text}":\n${out}\n${err}`));
        });
        check();
      });
    },
  };
}

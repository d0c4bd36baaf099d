import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { z } from 'zod';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// tsx by its path in this checkout, so the CLI also starts from a working directory outside it.
const TSX = pathToFileURL(createRequire(`${ROOT}/package.json`).resolve('tsx')).href;

/** Spawns the real CLI the way `npm run selene` does (node + tsx), feeding `input` on stdin. */
export function spawnCli(
  args: string[],
  { input = '', env = {}, cwd = ROOT }: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}/src/cli/main.ts`, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The same CLI in-process (no tsx start-up), for the cheap cases: usage errors and argument checks. */
export async function runInProcess(args: string[], input = '', env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const io: CliIo = { stdin: Readable.from([input]), stdout, stderr, env, cwd: ROOT };
  const code = await run(args, io);
  return { code, stdout: out, stderr: err };
}

// The CLI contract, written independently of src/engine/types.ts so a change there that breaks the
// JSON printed by `selene ask --json` fails here.
const url = z.string().url().nullable();
export const answerSchema = z
  .object({
    answered: z.boolean(),
    confidence: z.number().min(0).max(1),
    text: z.string().min(1),
    citations: z.array(
      z.object({
        kind: z.enum(['quote', 'data']),
        quote: z.string().min(1),
        section: z.string().min(1),
        sourceId: z.string().min(1),
        url,
      }),
    ),
    suggestions: z.array(z.object({ id: z.string(), title: z.string(), question: z.string() })).max(3),
    disclaimer: z.string().min(1),
    route: z.enum(['entry', 'food', 'related', 'smalltalk', 'none']),
    matchId: z.string().nullable(),
    safety: z.string().nullable(),
    evidence: z.array(z.object({ text: z.string(), sourceId: z.string(), sourceTitle: z.string(), url })),
    glossary: z
      .array(z.object({ term: z.string(), definition: z.string(), sourceId: z.string(), sourceTitle: z.string(), url }))
      .optional(),
    followUpOf: z.string().nullable(),
    food: z
      .object({
        name: z.string(),
        serving: z.string(),
        amounts: z.array(z.string()),
        notes: z.array(z.string()),
        mentions: z.array(z.object({ quote: z.string(), note: z.string().nullable() })),
        source: z.object({ label: z.string(), url }),
      })
      .optional(),
  })
  .refine(
    (a) => a.answered || a.route === 'none' || a.route === 'smalltalk',
    'an unanswered message has route "none" (or "smalltalk" for a greeting)',
  );

export const foodSchema = z.object({
  found: z.boolean(),
  name: z.string().nullable(),
  serving: z.string().nullable(),
  mcg: z.number().min(0).nullable(),
  percentDailyValue: z.number().min(0).nullable(),
  source: z.object({ id: z.string(), title: z.string(), url }).nullable(),
  suggestions: z.array(z.string()),
});

/** Every stdout line parsed as JSON; fails the test on anything else (stdout must hold JSON lines only). */
export const jsonLines = (stdout: string): unknown[] => {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
};

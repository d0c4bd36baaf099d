import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from './usage.js';

/** What a command may touch: passed in rather than reached for, so commands run in tests and in-process. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  /** The environment with .env beneath it (src/config.ts readEnv); read only through src/config.ts. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Wrap width for readable output: the terminal's, within reason; 80 when piped. */
export const textWidth = (io: CliIo): number =>
  io.stdout.isTTY && io.stdout.columns ? Math.max(40, Math.min(io.stdout.columns, 100)) : 80;

/**
 * JSON on exactly one line. JSON.stringify already escapes \n and other C0 controls; U+2028/U+2029 are
 * escaped too because some line readers (and JavaScript before ES2019) treat them as line breaks.
 */
export const jsonLine = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** Writes and waits when the pipe is full, so a large batch into a slow reader keeps its memory flat. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

/**
 * Splits a stream into lines on \n only (a trailing \r is dropped), so a line that carries other control
 * characters, including a lone \r, is still one question: batch output stays 1:1 with input lines.
 * A final newline does not start another line.
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream) {
    rest += chunk as string;
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/**
 * `-` is stdin, anything else a file path (relative to the working directory). A missing or unreadable
 * file is the caller's mistake, reported before any output so stdout stays empty.
 */
export function openBatch(source: string, io: CliIo, usage: string): Readable {
  if (source === '-') return io.stdin;
  const path = resolve(io.cwd, source);
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--batch ${source}: not a file`, usage);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--batch ${source}: cannot read (${(err as NodeJS.ErrnoException).code ?? err})`, usage);
  }
  return createReadStream(path);
}

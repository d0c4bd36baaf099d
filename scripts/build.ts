// `npm start` and `npm run start:sharded` run plain JavaScript: this turns src/ into dist/ first (their
// `pre` scripts call it, so there is no build step to remember). Running the bot through the tsx loader
// instead costs ~35 MB of RSS per process (its hooks keep a second V8 heap in a worker thread), which is
// a third of the memory budget of a shard. Files are transpiled one for one, not bundled, so dist/ has
// src/'s layout and every `import.meta.url`-relative path (../../knowledge) means the same thing there.
//
//   npx tsx scripts/build.ts [outdir]

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { z } from 'zod';
import { isEntryModule } from '../src/entry.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DIST = join(ROOT, 'dist');

/**
 * The Node flags package.json's start script runs the built bot with (`node <flags> dist/discord/main.js`),
 * for whatever must start the bot as `npm start` does: the process tests and the benchmark's child.
 */
export function startNodeFlags(): string[] {
  const pkg = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
  // `exec` makes the shell npm starts become node, so the signals npm forwards reach the bot.
  const [command, ...rest] = pkg.scripts.start
    .trim()
    .replace(/^exec\s+/, '')
    .split(/\s+/);
  const entry = rest.findIndex((arg) => /\.[cm]?[jt]s$/.test(arg));
  if (command !== 'node' || entry < 0) throw new Error(`cannot read node flags from "${pkg.scripts.start}"`);
  return rest.slice(0, entry);
}

/** Every .ts file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

export interface BuildOptions {
  /** Folders whose .ts files are built, or single .ts files, relative to the project root (default: src). */
  from?: string[];
  /** Output folder (default: dist). Emptied first, so a deleted source never lingers as stale .js. */
  outdir?: string;
  /** The common root of the inputs that maps onto outdir (default: src, so src/x.ts becomes dist/x.js). */
  outbase?: string;
}

/** Transpiles TypeScript to ESM for Node 20; resolves to the number of files written. */
export async function buildProject(options: BuildOptions = {}): Promise<number> {
  const outdir = options.outdir ?? DIST;
  const entryPoints = (options.from ?? ['src']).flatMap((from) =>
    from.endsWith('.ts') ? [join(ROOT, from)] : sourceFiles(join(ROOT, from)),
  );
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints,
    outdir,
    outbase: join(ROOT, options.outbase ?? 'src'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Kept readable: no minifying, so a stack trace's dist/ line is the source's line less its types.
    minify: false,
    logLevel: 'warning',
  });
  if (result.errors.length) throw new Error(`build failed with ${result.errors.length} errors`);
  return entryPoints.length;
}

if (isEntryModule(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : DIST;
  const started = performance.now();
  buildProject({ outdir }).then(
    (files) =>
      console.error(
        `built ${files} files into ${relative(process.cwd(), outdir) || '.'} in ${Math.round(performance.now() - started)} ms`,
      ),
    (err: Error) => {
      console.error(`build failed: ${err.message}`);
      process.exit(1);
    },
  );
}

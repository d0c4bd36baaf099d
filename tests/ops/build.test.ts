import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildProject, ROOT, sourceFiles } from '../../scripts/build.js';

// `npm start` runs the build first (prestart) and then plain node on its output; the process tests run that
// output. This checks the build itself and that package.json's scripts point at what it writes.

const scripts = z
  .object({ scripts: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).scripts;

let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'selene-build-'));
  await buildProject({ outdir: out });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const built = (source: string) => join(out, relative(join(ROOT, 'src'), source).replace(/\.ts$/, '.js'));

describe('the build (scripts/build.ts)', () => {
  it('writes one JavaScript file per source file, in the same layout', () => {
    const sources = sourceFiles(join(ROOT, 'src'));
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) expect(existsSync(built(source)), source).toBe(true);
  });

  it('leaves every relative import pointing at a file it wrote, and no types behind', () => {
    const files = sourceFiles(join(ROOT, 'src')).map(built);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/^\s*import type /m);
      for (const [, spec] of code.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        expect(existsSync(resolve(dirname(file), spec as string)), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('empties the output folder first, so a deleted source leaves no stale file', async () => {
    const stale = join(out, 'deleted-module.js');
    writeFileSync(stale, 'export {};');
    await buildProject({ outdir: out });
    expect(existsSync(stale)).toBe(false);
  });
});

describe('package.json', () => {
  it.each([
    ['start', 'discord/main.ts'],
    ['start:sharded', 'ops/sharded.ts'],
  ])("%s builds first, then runs the built %s with plain node, exec'd so signals to npm reach it", (name, source) => {
    expect(scripts[`pre${name}`]).toMatch(/scripts\/build\.ts/);
    const command = scripts[name] ?? '';
    // Without exec, npm's shell stays in between and swallows the SIGTERM npm forwards (tests/e2e/npm-signals).
    expect(command).toMatch(/^exec node /);
    // npm itself dies on SIGHUP instead of forwarding it: the bot must not outlive it as an orphan.
    expect(command).toMatch(/ --exit-with-parent$/);
    expect(command).not.toContain('tsx');
    const target = command.split(/\s+/).find((part) => part.endsWith('.js'));
    expect(target).toBe(`dist/${source.replace(/\.ts$/, '.js')}`);
    expect(existsSync(join(ROOT, 'src', source))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('runs the build, then the same command as npm start', () => {
    expect(dockerfile).toMatch(/^RUN npx tsx scripts\/build\.ts$/m);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    // The container runs node itself (no npm, no shell): npm start's command without exec and its npm-only flag.
    const start = (scripts.start ?? '').trim().split(/\s+/);
    expect(JSON.parse(cmd as string)).toEqual(start.filter((part) => part !== 'exec' && part !== '--exit-with-parent'));
  });

  it('checks health with the built healthcheck, which probes every shard', () => {
    const check = /^\s+CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(check as string)).toEqual(['node', 'dist/ops/healthcheck.js']);
    expect(existsSync(join(ROOT, 'src/ops/healthcheck.ts'))).toBe(true);
  });
});

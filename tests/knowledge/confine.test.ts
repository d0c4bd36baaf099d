import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { confinedPath, loadKnowledge } from '../../src/knowledge/load.js';

// A path named in a knowledge file (article.json's textFile) must stay inside the knowledge folder: the
// article text is quoted verbatim to members, so a path out of the folder would publish any readable file.

const REAL = fileURLToPath(new URL('../../knowledge', import.meta.url));
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** <tmp>/kb: a copy of the real knowledge folder, with a secret file next to it (outside it). */
function copyKnowledge(): { dir: string; secret: string } {
  const root = mkdtempSync(join(tmpdir(), 'selene-confine-'));
  made.push(root);
  const dir = join(root, 'kb');
  cpSync(REAL, dir, { recursive: true });
  const secret = join(root, 'secret.txt');
  // The real article text, so nothing but the path itself could make loading fail.
  writeFileSync(secret, readFileSync(join(REAL, 'article.txt')));
  return { dir, secret };
}

function setTextFile(dir: string, textFile: string): void {
  const path = join(dir, 'article.json');
  const article = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...article, textFile }, null, 2));
}

describe('knowledge paths stay in the knowledge folder', () => {
  it.each([
    ['a relative path up and out', () => '../secret.txt'],
    ['an absolute path', (secret: string) => secret],
    ['a path that wanders out and back in', () => '../kb/../secret.txt'],
    ['/etc/passwd the long way', () => '../../../../../../../../etc/passwd'],
  ])('refuses %s, naming file, JSON path and reason', (_what, named) => {
    const { dir, secret } = copyKnowledge();
    setTextFile(dir, named(secret));
    const loaded = loadKnowledge(dir);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toEqual([
      { file: 'article.json', path: '$.textFile', reason: expect.stringContaining('outside the knowledge folder') },
    ]);
  });

  it('refuses a symlink inside the folder that points outside it', () => {
    const { dir, secret } = copyKnowledge();
    symlinkSync(secret, join(dir, 'linked.txt'));
    setTextFile(dir, 'linked.txt');
    const loaded = loadKnowledge(dir);
    expect(loaded.ok ? [] : loaded.errors).toEqual([
      { file: 'article.json', path: '$.textFile', reason: expect.stringContaining('outside the knowledge folder') },
    ]);
  });

  it('accepts a file in a subfolder, and the real knowledge base', () => {
    const { dir } = copyKnowledge();
    mkdirSync(join(dir, 'text'));
    cpSync(join(dir, 'article.txt'), join(dir, 'text', 'article.txt'));
    setTextFile(dir, 'text/article.txt');
    expect(loadKnowledge(dir).ok).toBe(true);
    expect(loadKnowledge(REAL).ok).toBe(true);
  });

  it('confinedPath: the folder itself and its parent are not files in it', () => {
    const { dir } = copyKnowledge();
    expect(confinedPath(dir, '.')).toMatchObject({ ok: false });
    expect(confinedPath(dir, '..')).toMatchObject({ ok: false });
    expect(confinedPath(dir, '..kb-lookalike')).toMatchObject({ ok: false, reason: expect.stringContaining('ENOENT') });
    expect(confinedPath(dir, 'article.txt')).toEqual({ ok: true, path: join(dir, 'article.txt') });
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kbCheck } from '../../src/cli/commands/kb.js';
import { loadProjectKnowledge } from '../engine/answer-schema.js';

// The glossary: plain-words definitions of terms the article uses without explaining, each with its own
// source. Checked here against the real knowledge base, and kb check must catch a source that is missing.

const REAL = fileURLToPath(new URL('../../knowledge', import.meta.url));
const kb = loadProjectKnowledge();
const notes = kb.entries.flatMap((e) => (e.glossary ?? []).map((g) => ({ entry: e.id, ...g })));

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('glossary', () => {
  it('explains every term the article leaves unexplained', () => {
    const terms = notes.map((n) => n.term.toLowerCase()).join(' | ');
    for (const term of [
      'selenoproteins',
      'ros',
      'redox',
      'thiol',
      'disulfide isomerase',
      'calcium flux',
      'protein folding',
      'innate',
      'adaptive',
      'immunocompromised',
    ])
      expect(terms, term).toContain(term);
  });

  it('cites, for each definition, a reference with a link that is not the article itself', () => {
    const refs = new Map(kb.references.map((r) => [r.id, r]));
    for (const note of notes) {
      const ref = refs.get(note.sourceId);
      expect(ref, `${note.entry}: ${note.term}`).toBeDefined();
      expect(ref?.url, note.sourceId).toMatch(/^https:\/\//);
      expect(ref?.url, note.sourceId).not.toBe(kb.article.url);
    }
  });

  it('defines only terms its entry quotes, in a sentence or two', () => {
    for (const note of notes) {
      const entry = kb.entries.find((e) => e.id === note.entry);
      const quoted = entry?.quotes.map((q) => q.text.toLowerCase()).join(' ') ?? '';
      const word = note.term.toLowerCase().split(/[\s(]/)[0] ?? '';
      expect(quoted, `${note.entry}: ${note.term}`).toContain(word);
      expect(note.text.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length, note.term).toBeLessThanOrEqual(2);
    }
  });

  it('kb check reports a glossary source missing from references.json, with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selene-glossary-'));
    copies.push(dir);
    cpSync(REAL, dir, { recursive: true });
    const path = join(dir, 'entries.json');
    const json = JSON.parse(readFileSync(path, 'utf8'));
    const i = json.entries.findIndex((e: { glossary?: unknown[] }) => (e.glossary ?? []).length > 0);
    json.entries[i].glossary[0].sourceId = 'no-such-source';
    writeFileSync(path, JSON.stringify(json, null, 2));
    const result = kbCheck(dir);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        {
          file: 'entries.json',
          path: `$.entries[${i}].glossary[0].sourceId`,
          reason: 'unknown source "no-such-source" (not in references.json)',
        },
      ]);
  });
});

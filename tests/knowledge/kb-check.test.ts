import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kbCheck } from '../../src/cli/commands/kb.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { factsSchema, type KnowledgeFileName, knowledgeFiles } from '../../src/knowledge/schema.js';
import { formatKnowledgeError, type KnowledgeError } from '../../src/knowledge/types.js';
import { checkJsonSchemas, schemaRef } from '../../src/knowledge/write-json-schemas.js';

const REAL = fileURLToPath(new URL('../../knowledge', import.meta.url));

// Each fixture is the real knowledge base, copied, with exactly one thing broken: the check must name
// that one problem (file, JSON path, reason) and nothing else.
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'selene-kb-'));
  copies.push(dir);
  cpSync(REAL, dir, { recursive: true });
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: fixtures poke at arbitrary JSON on purpose.
type Json = Record<string, any>;

function edit(dir: string, file: string, change: (json: Json) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

const read = (file: string): Json => JSON.parse(readFileSync(join(REAL, file), 'utf8')) as Json;

function errorsOf(dir: string): KnowledgeError[] {
  const result = kbCheck(dir);
  if (result.ok) throw new Error(`expected kb check to fail, got: ${result.summary}`);
  return result.errors;
}

describe('kb check on the real knowledge base', () => {
  it('passes and counts what it loaded', () => {
    const result = kbCheck(REAL);
    expect(result).toMatchObject({ ok: true });
    const entries = read('entries.json').entries.length;
    const foods = read('foods.json').foods.length;
    if (result.ok) expect(result.summary).toMatch(new RegExp(`^ok: ${entries} entries, ${foods} foods, `));
  });

  it('has JSON Schemas that match the zod schemas', () => {
    expect(checkJsonSchemas(REAL)).toEqual([]);
  });

  it.each(Object.keys(knowledgeFiles) as KnowledgeFileName[])('%s points at its generated schema', (file) => {
    if (!existsSync(join(REAL, file))) return; // usda-foods.json is optional
    const ref = read(file).$schema;
    expect(ref).toBe(schemaRef(file));
    expect(existsSync(join(REAL, ref))).toBe(true);
  });
});

describe('kb check on a broken copy: one fixture per error', () => {
  it('invalid JSON', () => {
    const dir = copyKnowledge();
    writeFileSync(join(dir, 'lexicon.json'), '{ "synonyms": [ oops');
    expect(errorsOf(dir)).toEqual([
      { file: 'lexicon.json', path: '$', reason: expect.stringMatching(/^invalid JSON: /) },
    ]);
  });

  it('schema error: a missing field, with its path', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      delete j.entries[1].title;
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'entries.json', path: '$.entries[1].title', reason: expect.stringMatching(/expected string/) },
    ]);
  });

  it('duplicate entry id', () => {
    const dir = copyKnowledge();
    let last = 0;
    edit(dir, 'entries.json', (j) => {
      j.entries.push(structuredClone(j.entries[0]));
      last = j.entries.length - 1;
    });
    const id = read('entries.json').entries[0].id;
    expect(errorsOf(dir)).toEqual([
      { file: 'entries.json', path: `$.entries[${last}].id`, reason: `duplicate entry id "${id}"` },
    ]);
  });

  it('duplicate food id', () => {
    const dir = copyKnowledge();
    edit(dir, 'foods.json', (j) => {
      j.foods[2].id = j.foods[1].id;
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'foods.json', path: '$.foods[2].id', reason: `duplicate food id "${read('foods.json').foods[1].id}"` },
    ]);
  });

  it('quote that is not verbatim', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].quotes[0].text = `${j.entries[0].quotes[0].text} (and it cures everything)`;
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'entries.json',
        path: '$.entries[0].quotes[0].text',
        reason: 'quote is not a verbatim substring of the article',
      },
    ]);
  });

  it('quote differing only in white space is still verbatim', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].quotes[0].text = j.entries[0].quotes[0].text.replace(/ /g, '\n   ');
    });
    expect(kbCheck(dir)).toMatchObject({ ok: true });
  });

  it('quote in the wrong section', () => {
    const dir = copyKnowledge();
    const loaded = loadKnowledge(REAL);
    if (!loaded.ok) throw new Error('the real knowledge base must load');
    const quote = loaded.kb.entries[0]?.quotes[0];
    const wrong = loaded.kb.article.resolvedSections.find((s) => !s.text.includes(quote?.text ?? ''));
    if (!quote || !wrong) throw new Error('fixture needs a quote and a section without it');
    edit(dir, 'entries.json', (j) => {
      j.entries[0].quotes[0].section = wrong.id;
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'entries.json',
        path: '$.entries[0].quotes[0].text',
        reason: `quote is in section "${quote.section}", not "${wrong.id}"`,
      },
    ]);
  });

  it('entry with fewer than 3 phrasings', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].questions = j.entries[0].questions.slice(0, 2);
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'entries.json', path: '$.entries[0].questions', reason: 'needs at least 3 phrasings of the question' },
    ]);
  });

  it('food without a source', () => {
    const dir = copyKnowledge();
    edit(dir, 'foods.json', (j) => {
      delete j.foods[3].sourceId;
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'foods.json', path: '$.foods[3].sourceId', reason: expect.stringMatching(/expected string/) },
    ]);
  });

  it('food with an unknown source', () => {
    const dir = copyKnowledge();
    edit(dir, 'foods.json', (j) => {
      j.foods[0].sourceId = 'no-such-source';
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'foods.json',
        path: '$.foods[0].sourceId',
        reason: 'unknown source "no-such-source" (not in references.json)',
      },
    ]);
  });

  // Every fact is checked, not a hand-kept list of them: each one's source, broken alone, is named.
  const factNames = Object.keys(read('facts.json')).filter((k) => k !== '$schema');
  it.each(factNames)('fact "%s" with an unknown source', (name) => {
    const dir = copyKnowledge();
    edit(dir, 'facts.json', (j) => {
      j[name].sourceId = 'no-such-source';
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'facts.json',
        path: `$.${name}.sourceId`,
        reason: 'unknown source "no-such-source" (not in references.json)',
      },
    ]);
  });

  it('the facts file has every fact the schema declares', () => {
    expect(factNames.sort()).toEqual(
      Object.keys(factsSchema.shape)
        .filter((k) => k !== '$schema')
        .sort(),
    );
  });

  it('evidence note with an unknown source', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].evidence = [{ text: 'A trial found no benefit.', sourceId: 'made-up-trial' }];
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'entries.json',
        path: '$.entries[0].evidence[0].sourceId',
        reason: 'unknown source "made-up-trial" (not in references.json)',
      },
    ]);
  });

  it('quote citing an unknown section', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].quotes[0].section = 'no-such-section';
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'entries.json', path: '$.entries[0].quotes[0].section', reason: 'unknown section "no-such-section"' },
    ]);
  });

  it('unknown related entry id', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].related = ['no-such-entry'];
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'entries.json', path: '$.entries[0].related[0]', reason: 'unknown entry "no-such-entry"' },
    ]);
  });

  it('section start not found in the article', () => {
    const dir = copyKnowledge();
    edit(dir, 'article.json', (j) => {
      j.sections[0].start = 'This sentence is nowhere in the article';
    });
    // Quotes in the lost section have no section to live in any more: those are reported too,
    // but the first error names the cause.
    const errors = errorsOf(dir);
    expect(errors[0]).toEqual({
      file: 'article.json',
      path: '$.sections[0].start',
      reason: 'text not found in the article',
    });
  });

  it('stale JSON Schema', () => {
    const dir = copyKnowledge();
    edit(dir, 'schemas/entries.schema.json', (j) => {
      j.required = ['entries', 'extra'];
    });
    expect(errorsOf(dir)).toEqual([
      { file: 'schemas/entries.schema.json', path: '$', reason: expect.stringMatching(/^out of date .*kb:schema/) },
    ]);
  });

  it('knowledge file whose $schema points elsewhere', () => {
    const dir = copyKnowledge();
    edit(dir, 'foods.json', (j) => {
      j.$schema = './schemas/food.schema.json';
    });
    expect(errorsOf(dir)).toEqual([
      {
        file: 'foods.json',
        path: '$.$schema',
        reason: 'is "./schemas/food.schema.json", expected "./schemas/foods.schema.json"',
      },
    ]);
  });

  it('errors print as "file path: reason"', () => {
    const dir = copyKnowledge();
    edit(dir, 'entries.json', (j) => {
      j.entries[0].related = ['no-such-entry'];
    });
    expect(errorsOf(dir).map(formatKnowledgeError)).toEqual([
      'entries.json $.entries[0].related[0]: unknown entry "no-such-entry"',
    ]);
  });

  it('a missing folder is one clear error', () => {
    const missing = join(dirname(copyKnowledge()), 'selene-kb-does-not-exist');
    expect(errorsOf(missing)).toEqual([{ file: missing, path: '$', reason: 'no such knowledge folder' }]);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type KnowledgeFileName, knowledgeFiles } from '../../src/knowledge/schema.js';
import {
  checkJsonSchemas,
  jsonSchemaOf,
  jsonSchemaText,
  writeJsonSchemas,
} from '../../src/knowledge/write-json-schemas.js';

const REAL = fileURLToPath(new URL('../../knowledge', import.meta.url));

describe('generated JSON Schemas', () => {
  it('keep fields with defaults optional for curators (io: input)', () => {
    const schema = JSON.parse(jsonSchemaText('entries.json'));
    const entry = schema.properties.entries.items;
    expect(entry.required).toEqual(expect.arrayContaining(['id', 'title', 'questions', 'quotes']));
    expect(entry.required).not.toContain('keywords');
    expect(entry.required).not.toContain('related');
    expect(entry.properties.questions.minItems).toBe(3);
  });

  it('kb schema regenerates a stale or deleted schema so the check passes again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selene-schemas-'));
    try {
      cpSync(REAL, dir, { recursive: true });
      writeFileSync(join(dir, 'schemas/foods.schema.json'), '{}\n');
      rmSync(join(dir, 'schemas/facts.schema.json'));
      expect(checkJsonSchemas(dir).map((e) => e.file)).toEqual([
        'schemas/foods.schema.json',
        'schemas/facts.schema.json',
      ]);
      writeJsonSchemas(dir);
      expect(checkJsonSchemas(dir)).toEqual([]);
      expect(readFileSync(join(dir, 'schemas/foods.schema.json'), 'utf8')).toBe(jsonSchemaText('foods.json'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kb check compares schema values, kb schema writes them formatted', () => {
  const withCopy = (test: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'selene-schemas-'));
    try {
      cpSync(REAL, dir, { recursive: true });
      test(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  // The committed schemas pass `npm run lint`; kb schema must write them byte for byte, so regenerating
  // never leaves a diff for the formatter.
  it.each(Object.keys(knowledgeFiles) as KnowledgeFileName[])('%s: generated text is the committed file', (file) => {
    const committed = readFileSync(join(REAL, 'schemas', file.replace(/\.json$/, '.schema.json')), 'utf8');
    expect(jsonSchemaText(file)).toBe(committed);
  });

  it('a schema in another layout or key order is not stale', () => {
    withCopy((dir) => {
      const schema = jsonSchemaOf('foods.json');
      const reordered = Object.fromEntries(Object.entries(schema).reverse());
      writeFileSync(join(dir, 'schemas/foods.schema.json'), JSON.stringify(reordered));
      expect(checkJsonSchemas(dir)).toEqual([]);
    });
  });

  it('a schema differing in one value deep inside is stale', () => {
    withCopy((dir) => {
      const path = join(dir, 'schemas/entries.schema.json');
      const schema = JSON.parse(readFileSync(path, 'utf8'));
      schema.properties.entries.items.properties.questions.minItems = 2;
      writeFileSync(path, JSON.stringify(schema, null, 2));
      expect(checkJsonSchemas(dir).map((e) => e.file)).toEqual(['schemas/entries.schema.json']);
    });
  });

  it('an invalid JSON schema file is stale, not a crash', () => {
    withCopy((dir) => {
      writeFileSync(join(dir, 'schemas/facts.schema.json'), '{ "type": ');
      expect(checkJsonSchemas(dir).map((e) => e.file)).toEqual(['schemas/facts.schema.json']);
    });
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkJsonSchemas,
  formatJson,
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

describe('formatJson (the layout the project formatter expects)', () => {
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(formatJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('puts short arrays of plain values on one line and long ones one item per line', () => {
    expect(formatJson({ required: ['a', 'b'] })).toBe('{\n  "required": ["a", "b"]\n}');
    const long = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    expect(formatJson({ xs: long }).split('\n')).toHaveLength(long.length + 4);
  });
});

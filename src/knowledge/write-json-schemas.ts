import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isEntryModule } from '../entry.js';
import { type KnowledgeFileName, knowledgeFiles } from './schema.js';
import type { KnowledgeError } from './types.js';

// Editors (VS Code, JetBrains) validate a JSON file against the schema its `$schema` names, so curators
// see mistakes while typing. The JSON Schemas are generated from the zod schemas, never edited by hand:
// `kb check` regenerates them in memory and fails when the committed copies are stale.

export const SCHEMAS_DIR = 'schemas';

/** `entries.json` -> `entries.schema.json`. */
export const schemaFileName = (file: KnowledgeFileName): string => `${basename(file, '.json')}.schema.json`;

/** What each knowledge file's `$schema` must say, relative to the file. */
export const schemaRef = (file: KnowledgeFileName): string => `./${SCHEMAS_DIR}/${schemaFileName(file)}`;

const LINE_WIDTH = 120;

/**
 * JSON laid out the way the project's formatter (biome) lays it out: objects one key per line, arrays of
 * plain values on one line when they fit. Generated files then pass `npm run lint` untouched.
 */
export function formatJson(value: unknown, indent = '', prefixLength = 0): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const plain = value.every((v) => v === null || typeof v !== 'object');
    const oneLine = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    // +1 for a trailing comma the parent may add.
    if (plain && prefixLength + oneLine.length + 1 <= LINE_WIDTH) return oneLine;
    const items = value.map((v) => `${inner}${formatJson(v, inner, inner.length)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const items = entries.map(([key, v]) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      return `${head}${formatJson(v, inner, head.length)}`;
    });
    return `{\n${items.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The JSON Schema text for one knowledge file, exactly as written to disk. */
export function jsonSchemaText(file: KnowledgeFileName): string {
  // io 'input': fields with defaults (keywords, evidence, related, ...) stay optional for curators.
  const schema = z.toJSONSchema(knowledgeFiles[file], { io: 'input' });
  const titled = { ...schema, title: `Selene knowledge file ${file}` };
  return `${formatJson(titled)}\n`;
}

/** Every generated schema, keyed by its file name inside `schemas/`. */
export function jsonSchemaTexts(): Map<string, string> {
  const names = Object.keys(knowledgeFiles) as KnowledgeFileName[];
  return new Map(names.map((file) => [schemaFileName(file), jsonSchemaText(file)]));
}

/** Writes `<dir>/schemas/<name>.schema.json` for every knowledge file; returns the paths written. */
export function writeJsonSchemas(dir: string): string[] {
  const out = join(dir, SCHEMAS_DIR);
  mkdirSync(out, { recursive: true });
  return [...jsonSchemaTexts()].map(([name, text]) => {
    const path = join(out, name);
    writeFileSync(path, text);
    return path;
  });
}

const readJsonObject = (path: string): Record<string, unknown> | undefined => {
  try {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    // Unreadable or invalid files are reported by loadKnowledge; this check only looks at valid ones.
    return undefined;
  }
};

/**
 * Checks that the committed JSON Schemas match the zod schemas and that every knowledge file present
 * points at its schema, so editor validation never drifts from what the loader enforces.
 */
export function checkJsonSchemas(dir: string): KnowledgeError[] {
  const errors: KnowledgeError[] = [];
  const fix = 'run `npm run kb:schema` to regenerate';
  for (const [name, expected] of jsonSchemaTexts()) {
    const file = `${SCHEMAS_DIR}/${name}`;
    const path = join(dir, SCHEMAS_DIR, name);
    if (!existsSync(path)) {
      errors.push({ file, path: '$', reason: `missing; ${fix}` });
      continue;
    }
    if (readFileSync(path, 'utf8') !== expected) {
      errors.push({ file, path: '$', reason: `out of date with src/knowledge/schema.ts; ${fix}` });
    }
  }
  for (const file of Object.keys(knowledgeFiles) as KnowledgeFileName[]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const json = readJsonObject(path);
    if (!json) continue;
    const want = schemaRef(file);
    if (json.$schema === undefined) {
      errors.push({ file, path: '$.$schema', reason: `missing; set it to "${want}" so editors validate the file` });
    } else if (json.$schema !== want) {
      errors.push({ file, path: '$.$schema', reason: `is ${JSON.stringify(json.$schema)}, expected "${want}"` });
    }
  }
  return errors;
}

if (isEntryModule(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../knowledge', import.meta.url));
  process.stdout.write(
    writeJsonSchemas(dir)
      .map((path) => `wrote ${path}\n`)
      .join(''),
  );
}

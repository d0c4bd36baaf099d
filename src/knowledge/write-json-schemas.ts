import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
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

/** The JSON Schema of one knowledge file, generated from its zod schema. */
export function jsonSchemaOf(file: KnowledgeFileName): Record<string, unknown> {
  // io 'input': fields with defaults (keywords, evidence, related, ...) stay optional for curators.
  const schema = z.toJSONSchema(knowledgeFiles[file], { io: 'input' });
  return { ...schema, title: `Selene knowledge file ${file}` };
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Lays JSON text out as the project's formatter (biome, with biome.json) does, so generated files pass
 * `npm run lint` untouched. Biome is a development dependency: where it is not installed (a production
 * image), the text stays as JSON.stringify made it, which kb check accepts all the same (it compares values).
 */
function formatWithBiome(text: string, nameInProject: string): string {
  let biome: string;
  try {
    biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    return text;
  }
  const run = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${nameInProject}`], {
    cwd: root,
    input: text,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr || run.error?.message}`);
  return run.stdout;
}

/** The JSON Schema text for one knowledge file, exactly as written to disk. */
export function jsonSchemaText(file: KnowledgeFileName): string {
  const text = `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`;
  return formatWithBiome(text, `knowledge/${SCHEMAS_DIR}/${schemaFileName(file)}`);
}

const knowledgeFileNames = (): KnowledgeFileName[] => Object.keys(knowledgeFiles) as KnowledgeFileName[];

/** Writes `<dir>/schemas/<name>.schema.json` for every knowledge file; returns the paths written. */
export function writeJsonSchemas(dir: string): string[] {
  const out = join(dir, SCHEMAS_DIR);
  mkdirSync(out, { recursive: true });
  return knowledgeFileNames().map((file) => {
    const path = join(out, schemaFileName(file));
    writeFileSync(path, jsonSchemaText(file));
    return path;
  });
}

const readJson = (path: string): unknown => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

const readJsonObject = (path: string): Record<string, unknown> | undefined => {
  // Unreadable or invalid knowledge files are reported by loadKnowledge; this check only looks at valid ones.
  const json = readJson(path);
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : undefined;
};

/**
 * Checks that the committed JSON Schemas match the zod schemas and that every knowledge file present
 * points at its schema, so editor validation never drifts from what the loader enforces.
 */
export function checkJsonSchemas(dir: string): KnowledgeError[] {
  const errors: KnowledgeError[] = [];
  const fix = 'run `npm run kb:schema` to regenerate';
  for (const name of knowledgeFileNames()) {
    const file = `${SCHEMAS_DIR}/${schemaFileName(name)}`;
    const path = join(dir, file);
    if (!existsSync(path)) {
      errors.push({ file, path: '$', reason: `missing; ${fix}` });
      continue;
    }
    // The same JSON value, whatever its layout: formatting is the formatter's business, not kb check's.
    if (!isDeepStrictEqual(readJson(path), jsonSchemaOf(name))) {
      errors.push({ file, path: '$', reason: `out of date with src/knowledge/schema.ts; ${fix}` });
    }
  }
  for (const file of knowledgeFileNames()) {
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

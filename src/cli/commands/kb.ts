import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadKnowledge } from '../../knowledge/load.js';
import { formatKnowledgeError, type KnowledgeError } from '../../knowledge/types.js';
import { checkJsonSchemas, writeJsonSchemas } from '../../knowledge/write-json-schemas.js';
import { parseCommandArgs, parsePositive } from '../args.js';
import { DEFAULT_KNOWLEDGE_DIR } from '../engine.js';
import { formatKnowledgeSummary } from '../format.js';
import { type CliIo, jsonLine, write } from '../io.js';
import { COMMAND_USAGE, EXIT_FAILURE, EXIT_OK, UsageError } from '../usage.js';
import { formatPhrasingsReport, phrasingsReport } from './phrasings.js';
import { reportCommand } from './report.js';
import { formatSuggestions, openWordNet, suggestSynonyms } from './synonyms.js';

const usage = COMMAND_USAGE.kb;

export type KbCheckResult = { ok: true; summary: string } | { ok: false; errors: KnowledgeError[] };

/** Everything `kb check` enforces: the loader's schema and cross-file rules, then the JSON Schemas. */
export function kbCheck(dir: string): KbCheckResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return { ok: false, errors: [{ file: dir, path: '$', reason: 'no such knowledge folder' }] };
  const loaded = loadKnowledge(dir);
  const errors = [...(loaded.ok ? [] : loaded.errors), ...checkJsonSchemas(dir)];
  if (errors.length || !loaded.ok) return { ok: false, errors };
  return { ok: true, summary: formatKnowledgeSummary(loaded.kb) };
}

const dirOption = { dir: { type: 'string' } } as const;

const knowledgeDir = (dir: string | undefined, io: CliIo) => (dir ? resolve(io.cwd, dir) : DEFAULT_KNOWLEDGE_DIR);

function noPositionals(positionals: string[], sub: string) {
  if (positionals.length) throw new UsageError(`kb ${sub} takes no arguments, got "${positionals[0]}"`, usage);
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, dirOption, usage);
  noPositionals(positionals, 'check');
  const result = kbCheck(knowledgeDir(values.dir, io));
  if (result.ok) {
    await write(io.stdout, result.summary);
    return EXIT_OK;
  }
  const lines = result.errors.map(formatKnowledgeError);
  await write(io.stderr, `${lines.join('\n')}\nkb check: ${lines.length} error(s)\n`);
  return EXIT_FAILURE;
}

async function schema(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, dirOption, usage);
  noPositionals(positionals, 'schema');
  const written = writeJsonSchemas(knowledgeDir(values.dir, io));
  await write(io.stdout, written.map((p) => `wrote ${p}\n`).join(''));
  return EXIT_OK;
}

/** `kb synonyms --suggest`: WordNet's proposals for the lexicon's synonym groups, for a curator to review. */
async function synonyms(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...dirOption, suggest: { type: 'boolean' }, json: { type: 'boolean' }, limit: { type: 'string' } },
    usage,
  );
  noPositionals(positionals, 'synonyms');
  if (!values.suggest) throw new UsageError('kb synonyms only proposes: add --suggest', usage);
  const limit = parsePositive(values.limit, '--limit', usage, { max: 10_000, integer: true });
  const loaded = loadKnowledge(knowledgeDir(values.dir, io));
  if (!loaded.ok) {
    await write(io.stderr, `${loaded.errors.map(formatKnowledgeError).join('\n')}\nfix the knowledge base first\n`);
    return EXIT_FAILURE;
  }
  const found = suggestSynonyms(loaded.kb.lexicon, openWordNet());
  if (values.json) await write(io.stdout, `${jsonLine(found)}\n`);
  else await write(io.stdout, formatSuggestions(found, limit));
  return EXIT_OK;
}

/** `kb phrasings`: curated phrasings whose own entry is not the one the matcher ranks first. */
async function phrasings(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...dirOption, json: { type: 'boolean' } }, usage);
  noPositionals(positionals, 'phrasings');
  const loaded = loadKnowledge(knowledgeDir(values.dir, io));
  if (!loaded.ok) {
    await write(io.stderr, `${loaded.errors.map(formatKnowledgeError).join('\n')}\nfix the knowledge base first\n`);
    return EXIT_FAILURE;
  }
  const report = phrasingsReport(loaded.kb);
  await write(io.stdout, values.json ? `${jsonLine(report)}\n` : formatPhrasingsReport(report));
  return EXIT_OK;
}

export async function kbCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'check':
      return check(rest, io);
    case 'schema':
      return schema(rest, io);
    case 'report':
      return reportCommand(rest, io);
    case 'synonyms':
      return synonyms(rest, io);
    case 'phrasings':
      return phrasings(rest, io);
    case undefined:
      throw new UsageError('kb needs a subcommand: check, schema, report, synonyms or phrasings', usage);
    default:
      throw new UsageError(`unknown kb subcommand "${sub}"`, usage);
  }
}

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { checkKnowledge } from './check.js';
import {
  type ArticleMeta,
  articleSchema,
  entriesSchema,
  factsSchema,
  foodNamesSchema,
  foodsSchema,
  type KnowledgeFileName,
  lexiconSchema,
  referencesSchema,
  relatedSchema,
  usdaFoodsSchema,
} from './schema.js';
import { textFragmentUrl } from './text-fragment.js';
import {
  formatPath,
  type KnowledgeBase,
  type KnowledgeError,
  KnowledgeLoadError,
  normaliseWhitespace,
  type ResolvedSection,
} from './types.js';

export type LoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; errors: KnowledgeError[] };

function readJson<S extends z.ZodType>(
  dir: string,
  file: KnowledgeFileName,
  schema: S,
  errors: KnowledgeError[],
): z.infer<S> | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(dir, file), 'utf8');
  } catch (err) {
    errors.push({ file, path: '$', reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? err})` });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    errors.push({ file, path: '$', reason: `invalid JSON: ${(err as Error).message}` });
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push({ file, path: formatPath(issue.path), reason: issue.message });
    return undefined;
  }
  return parsed.data;
}

/**
 * A path named inside a knowledge file, resolved within the knowledge folder, or why it may not be read:
 * the folder is what curators edit and `kb check` validates, and a path out of it ("../../etc/passwd", an
 * absolute path, or a symlink pointing elsewhere) would serve any file the bot can read as article text.
 */
export function confinedPath(dir: string, named: string): { ok: true; path: string } | { ok: false; reason: string } {
  const outside = { ok: false, reason: `"${named}" is outside the knowledge folder; name a file inside it` } as const;
  if (isAbsolute(named)) return outside;
  const within = (root: string, path: string) => {
    const rel = relative(root, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };
  const path = resolve(dir, named);
  if (!within(resolve(dir), path)) return outside;
  try {
    // Symlinks: where the file really is must be inside where the folder really is.
    if (!within(realpathSync(dir), realpathSync(path))) return outside;
  } catch (err) {
    return { ok: false, reason: `cannot read ${named} (${(err as NodeJS.ErrnoException).code ?? err})` };
  }
  return { ok: true, path };
}

/** Locates each section in the article text; a section whose start or end is missing is an error. */
function resolveSections(meta: ArticleMeta, text: string, errors: KnowledgeError[]): ResolvedSection[] {
  const resolved: ResolvedSection[] = [];
  meta.sections.forEach((section, i) => {
    const start = text.indexOf(normaliseWhitespace(section.start));
    const endAt = start < 0 ? -1 : text.indexOf(normaliseWhitespace(section.end), start);
    if (start < 0) {
      errors.push({ file: 'article.json', path: `$.sections[${i}].start`, reason: 'text not found in the article' });
      return;
    }
    if (endAt < 0) {
      errors.push({
        file: 'article.json',
        path: `$.sections[${i}].end`,
        reason: 'text not found in the article after the section start',
      });
      return;
    }
    const sectionText = text.slice(start, endAt + normaliseWhitespace(section.end).length);
    resolved.push({ ...section, text: sectionText, url: textFragmentUrl(meta.url, section.heading ?? sectionText) });
  });
  return resolved;
}

export function loadKnowledgeOrThrow(dir: string): KnowledgeBase {
  const loaded = loadKnowledge(dir);
  if (!loaded.ok) throw new KnowledgeLoadError(loaded.errors);
  return loaded.kb;
}

/**
 * Reads and validates every file of a knowledge folder. Nothing partial is returned: either the
 * whole knowledge base passes schema and cross-file checks, or every problem is listed.
 */
export function loadKnowledge(dir: string): LoadResult {
  const errors: KnowledgeError[] = [];
  const article = readJson(dir, 'article.json', articleSchema, errors);
  const references = readJson(dir, 'references.json', referencesSchema, errors);
  const entries = readJson(dir, 'entries.json', entriesSchema, errors);
  const foods = readJson(dir, 'foods.json', foodsSchema, errors);
  const facts = readJson(dir, 'facts.json', factsSchema, errors);
  const related = readJson(dir, 'related.json', relatedSchema, errors);
  const lexicon = readJson(dir, 'lexicon.json', lexiconSchema, errors);
  // The USDA table is an optional extension: a knowledge folder without it serves the curated foods only.
  const usda = existsSync(join(dir, 'usda-foods.json'))
    ? readJson(dir, 'usda-foods.json', usdaFoodsSchema, errors)
    : { sourceId: 'usda-sr26', foods: [] };
  // Optional like the USDA table it points into.
  const foodNames = existsSync(join(dir, 'food-names.json'))
    ? readJson(dir, 'food-names.json', foodNamesSchema, errors)
    : { names: [] };

  let text = '';
  let resolvedSections: ResolvedSection[] = [];
  const textFile = article ? confinedPath(dir, article.textFile) : null;
  if (textFile && !textFile.ok) errors.push({ file: 'article.json', path: '$.textFile', reason: textFile.reason });
  if (article && textFile?.ok) {
    try {
      text = normaliseWhitespace(readFileSync(textFile.path, 'utf8'));
      resolvedSections = resolveSections(article, text, errors);
    } catch (err) {
      errors.push({
        file: 'article.json',
        path: '$.textFile',
        reason: `cannot read ${article.textFile} (${(err as NodeJS.ErrnoException).code ?? err})`,
      });
    }
  }
  if (
    !article ||
    !references ||
    !entries ||
    !foods ||
    !facts ||
    !related ||
    !lexicon ||
    !usda ||
    !foodNames ||
    errors.length
  ) {
    return { ok: false, errors };
  }
  const kb: KnowledgeBase = {
    article: { ...article, text, resolvedSections },
    references: references.references,
    entries: entries.entries,
    foods: foods.foods,
    usda: { sourceId: usda.sourceId, foods: usda.foods },
    foodNames: foodNames.names,
    facts,
    related: related.links,
    lexicon,
  };
  const crossErrors = checkKnowledge(kb);
  return crossErrors.length ? { ok: false, errors: crossErrors } : { ok: true, kb };
}
